package io.laminardb.engine.value;

import io.laminardb.engine.SqlValidationException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The mapping between SQL column types and Arrow types (the table in docs/sql.md), in both directions.
 *
 * <p>{@code TIMESTAMP} without a precision is {@code TIMESTAMP(3)}, milliseconds, so that it matches an {@code Instant}
 * field of a record by default (Flink's default is 6).
 */
public final class SqlTypes {

    private static final List<String> SUPPORTED = List.of(
            "BOOLEAN",
            "TINYINT",
            "SMALLINT",
            "INT",
            "BIGINT",
            "FLOAT",
            "REAL",
            "DOUBLE",
            "DECIMAL(p, s)",
            "VARCHAR",
            "CHAR",
            "STRING",
            "VARBINARY",
            "BYTES",
            "DATE",
            "TIME(p)",
            "TIMESTAMP(p)");

    private SqlTypes() {}

    /**
     * The Arrow type of a SQL type.
     *
     * @param name the type name as written ({@code BIGINT}, {@code VARCHAR}, {@code TIMESTAMP}, ...)
     * @param precision the precision in parentheses, or -1
     * @param scale the scale, or -1
     * @throws SqlValidationException naming the type and the supported ones
     */
    public static ArrowType arrowType(String name, int precision, int scale) {
        String type = name.toUpperCase(Locale.ROOT).trim();
        return switch (type) {
            case "BOOLEAN", "BOOL" -> ArrowType.Bool.INSTANCE;
            case "TINYINT" -> new ArrowType.Int(8, true);
            case "SMALLINT" -> new ArrowType.Int(16, true);
            case "INT", "INTEGER" -> new ArrowType.Int(32, true);
            case "BIGINT" -> new ArrowType.Int(64, true);
            case "FLOAT", "REAL" -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case "DOUBLE", "DOUBLE PRECISION" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case "DECIMAL", "NUMERIC", "DEC" -> decimal(precision, scale);
            case "VARCHAR", "CHAR", "CHARACTER", "STRING", "CHARACTER VARYING" -> ArrowType.Utf8.INSTANCE;
            case "VARBINARY", "BINARY", "BYTES" -> ArrowType.Binary.INSTANCE;
            case "DATE" -> new ArrowType.Date(DateUnit.DAY);
            case "TIME" -> time(precision);
            case "TIMESTAMP" -> new ArrowType.Timestamp(timeUnit(precision, "TIMESTAMP"), null);
            default ->
                throw new SqlValidationException(
                        "Unsupported column type " + name + ". Supported: " + String.join(", ", SUPPORTED) + ".");
        };
    }

    /** The SQL spelling of a column's type, as {@code DESCRIBE} shows it: {@code BIGINT}, {@code TIMESTAMP(3)}. */
    public static String sqlName(Field field) {
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
            case FloatingPoint -> isFloat(type) ? "FLOAT" : "DOUBLE";
            case Decimal ->
                "DECIMAL(" + ((ArrowType.Decimal) type).getPrecision() + ", " + ((ArrowType.Decimal) type).getScale()
                        + ")";
            case Utf8 -> "VARCHAR";
            case Binary -> "VARBINARY";
            case Date -> "DATE";
            case Time -> "TIME(" + (((ArrowType.Time) type).getUnit() == TimeUnit.MICROSECOND ? 6 : 3) + ")";
            case Timestamp ->
                "TIMESTAMP(" + (((ArrowType.Timestamp) type).getUnit() == TimeUnit.MICROSECOND ? 6 : 3) + ")";
            case Struct ->
                "ROW("
                        + field.getChildren().stream()
                                .map(c -> c.getName() + " " + sqlName(c) + (c.isNullable() ? "" : " NOT NULL"))
                                .collect(Collectors.joining(", "))
                        + ")";
            case List -> "ARRAY<" + sqlName(field.getChildren().get(0)) + ">";
            default -> type.toString();
        };
    }

    static boolean isFloat(ArrowType type) {
        return ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.SINGLE;
    }

    /**
     * Whether a value of {@code from} can be stored in {@code to} unchanged: the same Arrow type, structs and lists
     * compared child by child (names ignoring case), nullability aside.
     */
    public static boolean sameType(Field from, Field to) {
        if (!from.getType().equals(to.getType())) {
            return false;
        }
        List<Field> a = from.getChildren();
        List<Field> b = to.getChildren();
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if ((from.getType().getTypeID() == ArrowType.ArrowTypeID.Struct
                            && !a.get(i).getName().equalsIgnoreCase(b.get(i).getName()))
                    || !sameType(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static ArrowType decimal(int precision, int scale) {
        int p = precision < 0 ? 38 : precision;
        int s = scale < 0 ? (precision < 0 ? 18 : 0) : scale;
        if (p < 1 || p > 38 || s < 0 || s > p) {
            throw new SqlValidationException(
                    "DECIMAL(" + p + ", " + s + ") is out of range: precision is 1 to 38, scale 0 to precision.");
        }
        return new ArrowType.Decimal(p, s, 128);
    }

    private static ArrowType time(int precision) {
        TimeUnit unit = timeUnit(precision, "TIME");
        return new ArrowType.Time(unit, unit == TimeUnit.MICROSECOND ? 64 : 32);
    }

    private static TimeUnit timeUnit(int precision, String type) {
        return switch (precision) {
            case -1, 3 -> TimeUnit.MILLISECOND;
            case 6 -> TimeUnit.MICROSECOND;
            default ->
                throw new SqlValidationException(type + "(" + precision + ") is not supported: use " + type
                        + "(3) (milliseconds, the default) or " + type + "(6) (microseconds).");
        };
    }
}
