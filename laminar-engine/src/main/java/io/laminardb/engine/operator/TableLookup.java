package io.laminardb.engine.operator;

import java.util.List;

/**
 * How a lookup join finds a table's row: by primary key, both in the form queries work on. An in-memory table answers
 * from its index; a connector-backed table from its cache or the external system.
 */
@FunctionalInterface
public interface TableLookup {

    /**
     * The row whose primary key is {@code key}, or null when there is none.
     *
     * @param key the key columns' values in key order, none null; not kept by the lookup
     * @return the row in query form, which nobody changes
     */
    Object[] find(List<Object> key);
}
