package io.laminardb.engine.connector;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A connector-backed table as its {@link LookupConnector} sees it.
 *
 * @param name the table's name
 * @param schema its columns; the primary key columns are NOT NULL
 * @param primaryKey the names of the primary key columns, in key order
 * @param options the connector's options, checked (the engine's {@code lookup.cache.*} options among them)
 */
public record LookupSpec(String name, Schema schema, List<String> primaryKey, ConnectorOptions options) {

    public LookupSpec {
        primaryKey = List.copyOf(primaryKey);
    }
}
