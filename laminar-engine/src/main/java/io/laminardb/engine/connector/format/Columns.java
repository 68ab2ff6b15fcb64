package io.laminardb.engine.connector.format;

import io.laminardb.engine.ConnectorException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The columns of a schema (or of a nested row) with a lookup by name that ignores case. A name as the schema spells it
 * is found without allocating, since JSON parsers hand back the same canonical strings; other spellings are lower-cased
 * once per lookup. Immutable.
 */
final class Columns {

    private final Column[] columns;
    private final Map<String, Integer> exact;
    private final Map<String, Integer> lower;

    private Columns(Column[] columns) {
        this.columns = columns;
        this.exact = new HashMap<>(columns.length * 2);
        this.lower = new HashMap<>(columns.length * 2);
        for (int i = columns.length - 1; i >= 0; i--) { // the first of two names equal ignoring case wins
            exact.put(columns[i].field.getName(), i);
            lower.put(columns[i].field.getName().toLowerCase(Locale.ROOT), i);
        }
    }

    /** The columns of {@code fields}, their paths starting with {@code prefix} ({@code ""} at the top level). */
    static Columns of(List<Field> fields, String prefix) {
        Column[] columns = new Column[fields.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = Column.of(fields.get(i), prefix + fields.get(i).getName());
        }
        return new Columns(columns);
    }

    /**
     * The columns of a source or sink.
     *
     * @throws ConnectorException naming the object, the format and the column when a column's type has no form in it
     */
    static Columns of(List<Field> fields, String object, String format) {
        try {
            return of(fields, "");
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(
                    "'" + object + "': format '" + format + "' cannot read or write it: " + e.getMessage() + ".");
        }
    }

    /** These columns with some replaced (keeping the name index). */
    Columns map(UnaryOperator<Column> change) {
        Column[] changed = new Column[columns.length];
        for (int i = 0; i < changed.length; i++) {
            changed[i] = change.apply(columns[i]);
        }
        return new Columns(changed);
    }

    int size() {
        return columns.length;
    }

    Column get(int index) {
        return columns[index];
    }

    Column[] all() {
        return columns;
    }

    /** The index of the column named {@code name} ignoring case, or -1. */
    int indexOf(String name) {
        Integer i = exact.get(name);
        if (i == null) {
            i = lower.get(name.toLowerCase(Locale.ROOT));
        }
        return i == null ? -1 : i;
    }
}
