package io.laminardb.engine.value;

import io.laminardb.engine.Row;
import io.laminardb.engine.record.RecordSupport;
import io.laminardb.engine.record.RecordType;
import io.laminardb.engine.record.RecordTypes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Converts column values between the three forms they take: the Java types of a record's fields, the SQL forms a
 * {@link Row} holds ({@code Long}, {@code Instant}, ...; see {@link Row}), and the Java types of another record's
 * fields. Stateless apart from a cache of nested row layouts.
 */
public final class SqlValues {

    private static final Map<Field, Row.Layout> NESTED_LAYOUTS = new ConcurrentHashMap<>();

    private SqlValues() {}

    /** A record field's value in its SQL form for column {@code field}. */
    public static Object normalize(Object value, Field field) {
        if (value == null) {
            return null;
        }
        ArrowType type = field.getType();
        return switch (type.getTypeID()) {
            case Timestamp -> truncate(toInstant(value), ((ArrowType.Timestamp) type).getUnit());
            case Utf8 -> value instanceof Enum<?> e ? e.name() : value;
            case Struct -> value instanceof Row ? value : recordToRow(value, field);
            case List -> normalizeList((List<?>) value, field.getChildren().get(0));
            default -> value;
        };
    }

    /**
     * Checks an untyped value against column {@code field} and returns its SQL form, widening where nothing is lost
     * (an {@code Integer} for a {@code BIGINT}, any number for a {@code DOUBLE}).
     *
     * @return the SQL form, never an unchecked value
     * @throws IllegalArgumentException naming the column, its type and the value when the value does not fit
     */
    public static Object coerce(Object value, Field field) {
        String column = field.getName();
        if (value == null) {
            if (!field.isNullable()) {
                throw new IllegalArgumentException("column '" + column + "' is NOT NULL but null was given");
            }
            return null;
        }
        ArrowType type = field.getType();
        Object result = switch (type.getTypeID()) {
            case Bool -> value instanceof Boolean ? value : null;
            case Int -> coerceInt(value, ((ArrowType.Int) type).getBitWidth());
            case FloatingPoint ->
                value instanceof Number n
                        ? (SqlTypes.isFloat(type) ? (Object) n.floatValue() : (Object) n.doubleValue())
                        : null;
            case Decimal -> coerceDecimal(value, (ArrowType.Decimal) type, column);
            case Utf8 -> value instanceof CharSequence || value instanceof Enum<?> ? normalize(value, field) : null;
            case Binary -> value instanceof byte[] ? value : null;
            case Timestamp ->
                value instanceof Long millis
                        ? Instant.ofEpochMilli(millis)
                        : isTimestamp(value) ? normalize(value, field) : null;
            case Date -> value instanceof LocalDate ? value : null;
            case Time -> value instanceof LocalTime ? value : null;
            case Struct -> value instanceof Row || isRecord(value) ? normalize(value, field) : null;
            case List -> value instanceof List<?> list ? coerceList(list, field) : null;
            default -> null;
        };
        if (result == null) {
            throw new IllegalArgumentException("column '" + column + "' is " + SqlTypes.sqlName(field) + " but got "
                    + value.getClass().getSimpleName() + " " + display(value));
        }
        return result;
    }

    /**
     * Converts a value in SQL form to {@code target}, the Java type of a record field.
     *
     * @throws IllegalArgumentException when the value cannot become a {@code target}
     */
    public static Object convert(Object value, Class<?> target, String column) {
        if (value == null || target.isInstance(value)) {
            return value;
        }
        Class<?> boxed = box(target);
        if (boxed.isInstance(value)) {
            return value;
        }
        if (value instanceof Number n) {
            if (boxed == Long.class) {
                return n.longValue();
            } else if (boxed == Integer.class) {
                return n.intValue();
            } else if (boxed == Short.class) {
                return n.shortValue();
            } else if (boxed == Byte.class) {
                return n.byteValue();
            } else if (boxed == Double.class) {
                return n.doubleValue();
            } else if (boxed == Float.class) {
                return n.floatValue();
            } else if (boxed == BigDecimal.class) {
                return new BigDecimal(n.toString());
            }
        }
        if (value instanceof Instant instant) {
            if (target == LocalDateTime.class) {
                return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            } else if (target == OffsetDateTime.class) {
                return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
            } else if (boxed == Long.class) {
                return instant.toEpochMilli();
            }
        }
        if (value instanceof String s && target.isEnum()) {
            return enumValue(target, s, column);
        }
        if (value instanceof Row row && target.isAnnotationPresent(io.laminardb.annotations.Record.class)) {
            return rowToRecord(row, target);
        }
        throw new IllegalArgumentException(
                "column '" + column + "' holds " + value.getClass().getSimpleName() + " " + display(value)
                        + ", which cannot become a " + target.getSimpleName());
    }

    /** The event time, in epoch milliseconds, of a value in SQL form: an {@code Instant} or epoch-millis number. */
    public static long epochMillis(Object value) {
        if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        return RecordType.NO_EVENT_TIME;
    }

    public static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "boolean" -> Boolean.class;
            case "byte" -> Byte.class;
            case "short" -> Short.class;
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "float" -> Float.class;
            case "double" -> Double.class;
            case "char" -> Character.class;
            default -> Void.class;
        };
    }

    /** The layout of the rows that a struct column's values become. */
    public static Row.Layout nestedLayout(Field struct) {
        return NESTED_LAYOUTS.computeIfAbsent(struct, f -> Row.layout(new Schema(f.getChildren())));
    }

    private static Object coerceInt(Object value, int bits) {
        if (!(value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)) {
            return null;
        }
        long v = ((Number) value).longValue();
        return switch (bits) {
            case 8 -> v == (byte) v ? (Object) (byte) v : null;
            case 16 -> v == (short) v ? (Object) (short) v : null;
            case 32 -> v == (int) v ? (Object) (int) v : null;
            default -> v;
        };
    }

    private static Object coerceDecimal(Object value, ArrowType.Decimal type, String column) {
        BigDecimal decimal;
        if (value instanceof BigDecimal d) {
            decimal = d;
        } else if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte) {
            decimal = BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            decimal = new BigDecimal(value.toString());
        } else {
            return null;
        }
        return RecordSupport.decimal(decimal, type.getPrecision(), type.getScale(), column);
    }

    private static List<Object> coerceList(List<?> list, Field field) {
        Field element = field.getChildren().get(0);
        List<Object> out = new ArrayList<>(list.size());
        for (Object v : list) {
            out.add(coerce(v, element));
        }
        return out;
    }

    private static List<Object> normalizeList(List<?> list, Field element) {
        List<Object> out = new ArrayList<>(list.size());
        for (Object v : list) {
            out.add(normalize(v, element));
        }
        return out;
    }

    private static boolean isTimestamp(Object value) {
        return value instanceof Instant
                || value instanceof LocalDateTime
                || value instanceof OffsetDateTime
                || value instanceof ZonedDateTime;
    }

    private static boolean isRecord(Object value) {
        return value.getClass().isAnnotationPresent(io.laminardb.annotations.Record.class);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        } else if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        } else if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        } else if (value instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        throw new IllegalArgumentException(
                "not a timestamp: " + value.getClass().getName());
    }

    private static Instant truncate(Instant instant, TimeUnit unit) {
        int nanos = instant.getNano();
        int step = unit == TimeUnit.MICROSECOND ? 1_000 : 1_000_000;
        int rest = nanos % step;
        return rest == 0 ? instant : instant.minusNanos(rest);
    }

    private static Row recordToRow(Object record, Field field) {
        @SuppressWarnings("unchecked")
        RecordType<Object> type = (RecordType<Object>) RecordTypes.of(record.getClass());
        Row.Layout layout = nestedLayout(field);
        List<Field> children = field.getChildren();
        Object[] values = new Object[children.size()];
        for (int i = 0; i < values.length; i++) {
            int source = type.schema()
                    .getFields()
                    .indexOf(type.schema().findField(children.get(i).getName()));
            values[i] = normalize(type.get(record, source), children.get(i));
        }
        return Row.of(layout, values);
    }

    private static Object rowToRecord(Row row, Class<?> target) {
        RecordType<?> type = RecordTypes.of(target);
        List<Field> fields = type.schema().getFields();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            String name = fields.get(i).getName();
            values[i] = convert(row.get(name), type.columnClass(i), name);
        }
        return type.create(values);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String name, String column) {
        return RecordSupport.enumValue((Class) type, name, column);
    }

    private static String display(Object value) {
        String text = value instanceof byte[] b ? b.length + " bytes" : String.valueOf(value);
        return "(" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + ")";
    }
}
