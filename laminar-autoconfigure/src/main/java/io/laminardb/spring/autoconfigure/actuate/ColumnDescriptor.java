package io.laminardb.spring.autoconfigure.actuate;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
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

    static String sqlType(Field field) {
        ArrowType type = field.getType();
        return switch (type.getTypeID()) {
            case Bool -> "BOOLEAN";
            case Int ->
                switch (((ArrowType.Int) type).getBitWidth()) {
                    case 8 -> "TINYINT";
                    case 16 -> "SMALLINT";
                    case 32 -> "INT";
                    default -> "BIGINT";
                };
            case FloatingPoint ->
                ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.SINGLE ? "FLOAT" : "DOUBLE";
            case Decimal -> {
                ArrowType.Decimal decimal = (ArrowType.Decimal) type;
                yield "DECIMAL(" + decimal.getPrecision() + ", " + decimal.getScale() + ")";
            }
            case Utf8, LargeUtf8 -> "VARCHAR";
            case Binary, LargeBinary, FixedSizeBinary -> "VARBINARY";
            case Date -> "DATE";
            case Time -> "TIME(" + precision(((ArrowType.Time) type).getUnit()) + ")";
            case Timestamp -> "TIMESTAMP(" + precision(((ArrowType.Timestamp) type).getUnit()) + ")";
            case Struct ->
                field.getChildren().stream()
                        .map(c -> c.getName() + " " + sqlType(c) + (c.isNullable() ? "" : " NOT NULL"))
                        .collect(Collectors.joining(", ", "ROW(", ")"));
            case List, LargeList, FixedSizeList ->
                "ARRAY<" + sqlType(field.getChildren().get(0)) + ">";
            default -> type.toString();
        };
    }

    private static int precision(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 0;
            case MILLISECOND -> 3;
            case MICROSECOND -> 6;
            case NANOSECOND -> 9;
        };
    }
}
