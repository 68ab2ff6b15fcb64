package io.laminardb.spring.autoconfigure.actuate;

import io.laminardb.engine.value.SqlTypes;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * One column of a source, stream or view as the {@code laminar} endpoint shows it: an Arrow field turned into its SQL
 * spelling, as {@code DESCRIBE} writes it ({@code BIGINT}, {@code DECIMAL(10, 2)}, {@code TIMESTAMP(3)}, {@code
 * ROW(...)}, {@code ARRAY<...>}).
 *
 * @param name the column's name
 * @param type its SQL type
 * @param nullable whether it may hold NULL
 */
public record ColumnDescriptor(String name, String type, boolean nullable) {

    static List<ColumnDescriptor> of(List<Field> fields) {
        return fields.stream()
                .map(f -> new ColumnDescriptor(f.getName(), sqlType(f), f.isNullable()))
                .toList();
    }

    /** As {@code DESCRIBE} spells it: {@code BIGINT}, {@code TIMESTAMP(3)}, {@code ROW(...)}. */
    static String sqlType(Field field) {
        return SqlTypes.sqlName(field);
    }
}
