package io.laminardb.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An untyped row: column values by position or name, with the schema they belong to.
 *
 * <p>Values are the Java forms of the SQL types: {@code BIGINT} {@link Long}, {@code INT} {@link Integer}, {@code
 * SMALLINT} {@link Short}, {@code TINYINT} {@link Byte}, {@code DOUBLE} {@link Double}, {@code FLOAT} {@link Float},
 * {@code VARCHAR} {@link String}, {@code BOOLEAN} {@link Boolean}, {@code DECIMAL} {@link BigDecimal}, {@code
 * TIMESTAMP} {@link Instant} (UTC), {@code DATE} {@link LocalDate}, {@code TIME} {@link java.time.LocalTime}, {@code
 * VARBINARY} {@code byte[]}; SQL {@code NULL} is {@code null}. Names are matched ignoring case. Rows are immutable.
 */
public final class Row {

    /**
     * The column layout rows share: the schema and a name index, built once per schema. Make one with {@link
     * Row#layout(Schema)} and reuse it when building many rows.
     */
    public static final class Layout {
        private final Schema schema;
        private final Map<String, Integer> index;

        private Layout(Schema schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            List<Field> fields = schema.getFields();
            Map<String, Integer> byName = new HashMap<>(fields.size() * 2);
            for (int i = 0; i < fields.size(); i++) {
                byName.putIfAbsent(fields.get(i).getName().toLowerCase(Locale.ROOT), i);
            }
            this.index = Map.copyOf(byName);
        }

        public Schema schema() {
            return schema;
        }

        public int size() {
            return schema.getFields().size();
        }

        /** Index of a column, ignoring case; -1 if absent. */
        public int indexOf(String name) {
            Integer i = index.get(name.toLowerCase(Locale.ROOT));
            return i == null ? -1 : i;
        }
    }

    private final Layout layout;
    private final Object[] values;

    private Row(Layout layout, Object[] values) {
        this.layout = layout;
        this.values = values;
    }

    /** A layout for rows of {@code schema}. */
    public static Layout layout(Schema schema) {
        return new Layout(schema);
    }

    /**
     * A row of {@code values}, one per column of the layout. The array is taken as it is, not copied: do not change it
     * afterwards.
     */
    public static Row of(Layout layout, Object... values) {
        if (values.length != layout.size()) {
            throw new IllegalArgumentException(
                    "The schema has " + layout.size() + " columns but " + values.length + " values were given");
        }
        return new Row(layout, values);
    }

    /** A row of {@code values} in {@code schema}; see {@link #of(Layout, Object...)}. */
    public static Row of(Schema schema, Object... values) {
        return of(layout(schema), values);
    }

    public Schema schema() {
        return layout.schema();
    }

    public Layout layout() {
        return layout;
    }

    public int size() {
        return values.length;
    }

    public Object get(int index) {
        return values[index];
    }

    /** @throws IllegalArgumentException naming the columns if there is no such column */
    public Object get(String name) {
        return values[indexOf(name)];
    }

    /** The index of column {@code name}, ignoring case. */
    public int indexOf(String name) {
        int i = layout.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("No column '" + name + "'; columns are " + columnNames());
        }
        return i;
    }

    public String getString(int index) {
        return as(index, String.class);
    }

    public String getString(String name) {
        return getString(indexOf(name));
    }

    public Long getLong(int index) {
        Object v = values[index];
        return v == null ? null : v instanceof Long l ? l : ((Number) as(index, Number.class)).longValue();
    }

    public Long getLong(String name) {
        return getLong(indexOf(name));
    }

    public Integer getInt(int index) {
        Object v = values[index];
        return v == null
                ? null
                : v instanceof Integer i
                        ? i
                        : Math.toIntExact(as(index, Number.class).longValue());
    }

    public Integer getInt(String name) {
        return getInt(indexOf(name));
    }

    public Double getDouble(int index) {
        Object v = values[index];
        return v == null
                ? null
                : v instanceof Double d ? d : as(index, Number.class).doubleValue();
    }

    public Double getDouble(String name) {
        return getDouble(indexOf(name));
    }

    public Boolean getBoolean(int index) {
        return as(index, Boolean.class);
    }

    public Boolean getBoolean(String name) {
        return getBoolean(indexOf(name));
    }

    public Instant getInstant(int index) {
        return as(index, Instant.class);
    }

    public Instant getInstant(String name) {
        return getInstant(indexOf(name));
    }

    public BigDecimal getBigDecimal(int index) {
        return as(index, BigDecimal.class);
    }

    public BigDecimal getBigDecimal(String name) {
        return getBigDecimal(indexOf(name));
    }

    public LocalDate getLocalDate(int index) {
        return as(index, LocalDate.class);
    }

    public LocalDate getLocalDate(String name) {
        return getLocalDate(indexOf(name));
    }

    /** The values in column order, copied. */
    public Object[] toArray() {
        return values.clone();
    }

    /** The values keyed by column name, in column order. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(layout.schema().getFields().get(i).getName(), values[i]);
        }
        return map;
    }

    private <V> V as(int index, Class<V> type) {
        Object v = values[index];
        if (v == null) {
            return null;
        }
        if (!type.isInstance(v)) {
            throw new ClassCastException(
                    "Column '" + layout.schema().getFields().get(index).getName() + "' holds a "
                            + v.getClass().getSimpleName() + " (" + v + "), not a " + type.getSimpleName());
        }
        return type.cast(v);
    }

    private List<String> columnNames() {
        return layout.schema().getFields().stream().map(Field::getName).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row other
                && columnNames().equals(other.columnNames())
                && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Row{");
        List<Field> fields = layout.schema().getFields();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            Object v = values[i];
            out.append(fields.get(i).getName()).append('=').append(v instanceof byte[] b ? Arrays.toString(b) : v);
        }
        return out.append('}').toString();
    }
}
