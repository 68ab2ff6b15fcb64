package io.laminardb.engine.connector.format;

import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.Row;
import io.laminardb.engine.connector.DecodeException;
import io.laminardb.engine.value.SqlTypes;
import io.laminardb.engine.value.SqlValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Base64;
import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * One column as the text formats see it: its SQL type resolved once from the Arrow field, and the conversions of text
 * and numbers to its Java form ({@link Row}'s types), with the error that names the column, its type and the value
 * when they do not fit. Immutable; shared by the decoders of one source.
 */
final class Column {

    /** The SQL types the text formats read and write. */
    enum Kind {
        BOOLEAN,
        TINYINT,
        SMALLINT,
        INT,
        BIGINT,
        FLOAT,
        DOUBLE,
        DECIMAL,
        VARCHAR,
        VARBINARY,
        DATE,
        TIME,
        TIMESTAMP,
        ROW,
        ARRAY
    }

    /** The unit of a number read for a {@code TIMESTAMP} (since the epoch) or a {@code TIME} (since midnight). */
    enum TimeScale {
        MILLIS(1_000_000L),
        MICROS(1_000L),
        NANOS(1L);

        final long nanos;

        TimeScale(long nanos) {
            this.nanos = nanos;
        }

        Instant instant(long value) {
            long perSecond = 1_000_000_000L / nanos;
            return Instant.ofEpochSecond(Math.floorDiv(value, perSecond), Math.floorMod(value, perSecond) * nanos);
        }

        LocalTime timeOfDay(long value) {
            return LocalTime.ofNanoOfDay(Math.multiplyExact(value, nanos));
        }
    }

    private static final int SHOWN_MAX = 80;

    final Field field;
    /** The column's name, or a path to it within a nested row or array ({@code address.city}, {@code tags[]}). */
    final String path;

    final Kind kind;
    final boolean nullable;
    /** The SQL type for messages: {@code DOUBLE}, {@code DECIMAL(10, 2)}, {@code TIMESTAMP(3)}. */
    final String sqlType;
    /** {@code DECIMAL} only. */
    final int precision;
    /** {@code DECIMAL} only. */
    final int scale;
    /** {@code TIME} and {@code TIMESTAMP}: the finest fraction of a second kept, in nanoseconds. */
    final long step;
    /** {@code TIME} and {@code TIMESTAMP}: the unit of numbers read for it. */
    final TimeScale numbers;
    /** {@code DECIMAL}: the scale of a base64 unscaled value given as a string (Kafka Connect's Decimal), or -1. */
    final int bytesScale;
    /** {@code ROW}: the nested columns. */
    final Columns children;
    /** {@code ROW}: the layout of the nested rows. */
    final Row.Layout layout;
    /** {@code ARRAY}: the element column. */
    final Column element;

    private Column(Field field, String path, TimeScale numbers, int bytesScale) {
        this.field = field;
        this.path = path;
        this.kind = kind(field);
        this.nullable = field.isNullable();
        this.sqlType = SqlTypes.sqlName(field);
        ArrowType type = field.getType();
        this.precision = kind == Kind.DECIMAL ? ((ArrowType.Decimal) type).getPrecision() : 0;
        this.scale = kind == Kind.DECIMAL ? ((ArrowType.Decimal) type).getScale() : 0;
        this.step = kind == Kind.TIMESTAMP
                ? step(((ArrowType.Timestamp) type).getUnit())
                : kind == Kind.TIME ? step(((ArrowType.Time) type).getUnit()) : 1;
        this.numbers = numbers;
        this.bytesScale = bytesScale;
        if (kind == Kind.ROW) {
            this.children = Columns.of(field.getChildren(), path + ".");
            this.layout = SqlValues.nestedLayout(field);
        } else {
            this.children = null;
            this.layout = null;
        }
        this.element = kind == Kind.ARRAY ? new Column(field.getChildren().get(0), path + "[]", numbers, -1) : null;
    }

    /**
     * The column of {@code field}.
     *
     * @throws IllegalArgumentException naming the column and its type when the text formats have no form for it
     */
    static Column of(Field field, String path) {
        return new Column(field, path, TimeScale.MILLIS, -1);
    }

    /** This column reading numbers for a {@code TIME} or {@code TIMESTAMP} in {@code scale}. */
    Column withTimeScale(TimeScale scale) {
        return new Column(field, path, scale, bytesScale);
    }

    /** This {@code DECIMAL} column reading strings as base64 unscaled values of {@code scale} digits after the point. */
    Column withDecimalBytes(int scale) {
        return new Column(field, path, numbers, scale);
    }

    private static Kind kind(Field field) {
        ArrowType type = field.getType();
        switch (type.getTypeID()) {
            case Bool:
                return Kind.BOOLEAN;
            case Int:
                switch (((ArrowType.Int) type).getBitWidth()) {
                    case 8:
                        return Kind.TINYINT;
                    case 16:
                        return Kind.SMALLINT;
                    case 32:
                        return Kind.INT;
                    default:
                        return Kind.BIGINT;
                }
            case FloatingPoint:
                return ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.SINGLE
                        ? Kind.FLOAT
                        : Kind.DOUBLE;
            case Decimal:
                return Kind.DECIMAL;
            case Utf8:
            case LargeUtf8:
                return Kind.VARCHAR;
            case Binary:
            case LargeBinary:
                return Kind.VARBINARY;
            case Date:
                return Kind.DATE;
            case Time:
                return Kind.TIME;
            case Timestamp:
                return Kind.TIMESTAMP;
            case Struct:
                return Kind.ROW;
            case List:
                return Kind.ARRAY;
            default:
                throw new IllegalArgumentException("column '" + field.getName() + "' has type "
                        + SqlTypes.sqlName(field) + ", which has no text form");
        }
    }

    private static long step(TimeUnit unit) {
        switch (unit) {
            case SECOND:
                return 1_000_000_000L;
            case MILLISECOND:
                return 1_000_000L;
            case MICROSECOND:
                return 1_000L;
            default:
                return 1L;
        }
    }

    /** Refuses nested columns, for formats that have no way to write them (CSV). */
    static void requireFlat(Columns columns, String object, String format) {
        for (Column column : columns.all()) {
            if (column.kind == Kind.ROW || column.kind == Kind.ARRAY) {
                throw new ConnectorException("'" + object + "': format '" + format + "' cannot hold column '"
                        + column.path + "' of type " + column.sqlType + "; use format 'json' for nested rows and"
                        + " arrays.");
            }
        }
    }

    // ---- values --------------------------------------------------------------------------------------------------

    /** SQL NULL, or the error when the column is NOT NULL. */
    Object nullValue() throws DecodeException {
        if (!nullable) {
            throw missing();
        }
        return null;
    }

    DecodeException missing() {
        return new DecodeException("column '" + path + "' is NOT NULL but the message has no value for it");
    }

    /**
     * The value of a text field (CSV) or a JSON string: numbers, booleans, ISO-8601 dates, times and timestamps (or
     * epoch milliseconds), base64 for {@code VARBINARY}. Surrounding spaces are ignored except in {@code VARCHAR}.
     *
     * @param json whether the text was a JSON string, to show it as one in an error
     */
    Object fromText(String text, boolean json) throws DecodeException {
        if (kind == Kind.VARCHAR) {
            return text;
        }
        String t = text.trim();
        try {
            switch (kind) {
                case BOOLEAN:
                    if (t.equalsIgnoreCase("true")) {
                        return Boolean.TRUE;
                    }
                    if (t.equalsIgnoreCase("false")) {
                        return Boolean.FALSE;
                    }
                    throw mismatch(shown(text, json), null);
                case TINYINT:
                case SMALLINT:
                case INT:
                case BIGINT:
                    return integerText(t, shown(text, json));
                case FLOAT:
                    return Float.parseFloat(t);
                case DOUBLE:
                    return Double.parseDouble(t);
                case DECIMAL:
                    BigDecimal decimal = bytesScale >= 0
                            ? new BigDecimal(new BigInteger(Base64.getDecoder().decode(t)), bytesScale)
                            : new BigDecimal(t);
                    return decimal(decimal, shown(text, json));
                case VARBINARY:
                    return Base64.getDecoder().decode(t);
                case DATE:
                    return TimeValues.date(t);
                case TIME:
                    return time(TimeValues.time(t));
                case TIMESTAMP:
                    return timestamp(
                            TimeValues.isInteger(t) ? numbers.instant(Long.parseLong(t)) : TimeValues.parse(t));
                default:
                    throw mismatch(shown(text, json), null);
            }
        } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
            throw mismatch(shown(text, json), null);
        } catch (IllegalArgumentException e) {
            throw mismatch(shown(text, json), e.getMessage());
        }
    }

    /** An integer from text: digits, or a whole number written with a fraction or an exponent ({@code 5.0}). */
    private Object integerText(String text, String shown) throws DecodeException {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            return integral(new BigDecimal(text), shown);
        }
        return integer(value, shown);
    }

    /** A whole number given with a fraction or an exponent; refused unless the fraction is zero. */
    Object integral(BigDecimal value, String shown) throws DecodeException {
        try {
            return integer(value.longValueExact(), shown);
        } catch (ArithmeticException e) {
            throw mismatch(
                    shown, value.signum() != 0 && value.stripTrailingZeros().scale() > 0 ? null : "out of range");
        }
    }

    /** A whole number in the column's range. */
    Object integer(long v, String shown) throws DecodeException {
        switch (kind) {
            case TINYINT:
                if (v != (byte) v) {
                    throw mismatch(shown, "out of range");
                }
                return (byte) v;
            case SMALLINT:
                if (v != (short) v) {
                    throw mismatch(shown, "out of range");
                }
                return (short) v;
            case INT:
                if (v != (int) v) {
                    throw mismatch(shown, "out of range");
                }
                return (int) v;
            default:
                return v;
        }
    }

    /** A decimal at the column's scale: digits beyond it or beyond the precision are refused, never rounded. */
    BigDecimal decimal(BigDecimal value, String shown) throws DecodeException {
        BigDecimal scaled;
        try {
            scaled = value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw mismatch(shown, "more than " + scale + " digits after the point");
        }
        if (scaled.precision() > precision) {
            throw mismatch(shown, "more than " + precision + " digits");
        }
        return scaled;
    }

    /** A timestamp cut to the column's precision, as {@link SqlValues#normalize} does. */
    Instant timestamp(Instant value) {
        if (step == 1) {
            return value;
        }
        int rest = (int) (value.getNano() % step);
        return rest == 0 ? value : value.minusNanos(rest);
    }

    /** A time of day cut to the column's precision. */
    LocalTime time(LocalTime value) {
        if (step == 1) {
            return value;
        }
        int rest = (int) (value.getNano() % step);
        return rest == 0 ? value : value.minusNanos(rest);
    }

    /**
     * The error for a value that does not fit: {@code column 'price' is DOUBLE but the message has "abc"}.
     *
     * @param shown the value as the message wrote it
     * @param why what is wrong, or null when the type says it
     */
    DecodeException mismatch(String shown, String why) {
        String value = shown.length() > SHOWN_MAX ? shown.substring(0, SHOWN_MAX - 3) + "..." : shown;
        return new DecodeException("column '" + path + "' is " + sqlType + " but the message has " + value
                + (why == null ? "" : " (" + why + ")"));
    }

    private static String shown(String text, boolean json) {
        if (!json) {
            return "'" + text + "'";
        }
        StringBuilder s = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length() && s.length() <= SHOWN_MAX; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
