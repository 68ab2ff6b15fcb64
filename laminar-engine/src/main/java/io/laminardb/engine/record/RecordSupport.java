package io.laminardb.engine.record;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Conversions that generated {@link RecordType} implementations call. Public because generated code lives in the
 * users' packages; not meant to be called directly.
 *
 * <p>Timestamps are stored as a count of milliseconds or microseconds since 1970-01-01T00:00Z. A {@link LocalDateTime}
 * is taken as UTC wall-clock time; an {@link OffsetDateTime} is stored as its instant and read back at offset UTC.
 * Digits finer than the column's unit are truncated towards the past, as a SQL cast does.
 */
public final class RecordSupport {

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private RecordSupport() {}

    // ---- timestamps: write ----------------------------------------------------------------------------------------

    public static long epochMillis(Instant value) {
        return value.toEpochMilli();
    }

    public static long epochMillis(LocalDateTime value) {
        return epochMillis(value.toInstant(ZoneOffset.UTC));
    }

    public static long epochMillis(OffsetDateTime value) {
        return epochMillis(value.toInstant());
    }

    public static long epochMicros(Instant value) {
        return Math.addExact(
                Math.multiplyExact(value.getEpochSecond(), MICROS_PER_SECOND), value.getNano() / NANOS_PER_MICRO);
    }

    public static long epochMicros(LocalDateTime value) {
        return epochMicros(value.toInstant(ZoneOffset.UTC));
    }

    public static long epochMicros(OffsetDateTime value) {
        return epochMicros(value.toInstant());
    }

    // ---- timestamps: read -----------------------------------------------------------------------------------------

    public static Instant instantOfMillis(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    public static Instant instantOfMicros(long micros) {
        return Instant.ofEpochSecond(
                Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * NANOS_PER_MICRO);
    }

    public static LocalDateTime localDateTimeOfMillis(long millis) {
        return LocalDateTime.ofInstant(instantOfMillis(millis), ZoneOffset.UTC);
    }

    public static LocalDateTime localDateTimeOfMicros(long micros) {
        return LocalDateTime.ofInstant(instantOfMicros(micros), ZoneOffset.UTC);
    }

    public static OffsetDateTime offsetDateTimeOfMillis(long millis) {
        return OffsetDateTime.ofInstant(instantOfMillis(millis), ZoneOffset.UTC);
    }

    public static OffsetDateTime offsetDateTimeOfMicros(long micros) {
        return OffsetDateTime.ofInstant(instantOfMicros(micros), ZoneOffset.UTC);
    }

    // ---- event time -----------------------------------------------------------------------------------------------

    public static long eventTime(Long millis) {
        return millis == null ? RecordType.NO_EVENT_TIME : millis;
    }

    public static long eventTime(Instant value) {
        return value == null ? RecordType.NO_EVENT_TIME : epochMillis(value);
    }

    public static long eventTime(LocalDateTime value) {
        return value == null ? RecordType.NO_EVENT_TIME : epochMillis(value);
    }

    public static long eventTime(OffsetDateTime value) {
        return value == null ? RecordType.NO_EVENT_TIME : epochMillis(value);
    }

    // ---- time of day ----------------------------------------------------------------------------------------------

    public static int millisOfDay(LocalTime value) {
        return (int) (value.toNanoOfDay() / NANOS_PER_MILLI);
    }

    public static long microsOfDay(LocalTime value) {
        return value.toNanoOfDay() / NANOS_PER_MICRO;
    }

    public static LocalTime localTimeOfMillis(int millisOfDay) {
        return LocalTime.ofNanoOfDay(millisOfDay * NANOS_PER_MILLI);
    }

    public static LocalTime localTimeOfMicros(long microsOfDay) {
        return LocalTime.ofNanoOfDay(microsOfDay * NANOS_PER_MICRO);
    }

    // ---- decimals and enums ---------------------------------------------------------------------------------------

    /**
     * Brings {@code value} to the column's scale without rounding.
     *
     * @throws IllegalArgumentException if the value needs rounding to fit the scale, or has more than {@code precision}
     *     digits
     */
    public static BigDecimal decimal(BigDecimal value, int precision, int scale, String column) {
        BigDecimal scaled;
        try {
            scaled = value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Column '" + column + "' is DECIMAL(" + precision + ", " + scale
                    + ") but the value " + value.toPlainString() + " has more than " + scale
                    + " digits after the point; round it first or widen the scale with @Column(scale = ...)");
        }
        if (scaled.precision() > precision) {
            throw new IllegalArgumentException("Column '" + column + "' is DECIMAL(" + precision + ", " + scale
                    + ") but the value " + value.toPlainString() + " has " + scaled.precision()
                    + " digits; widen the column with @Column(precision = ...)");
        }
        return scaled;
    }

    /**
     * Returns the constant of {@code type} named {@code name}.
     *
     * @throws IllegalArgumentException naming the column and the constants when there is no such constant
     */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String name, String column) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Column '" + column + "' holds '" + name + "', which is not a constant of " + type.getName() + " "
                            + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    // ---- create(Object...) ----------------------------------------------------------------------------------------

    /** Checks the number of values passed to {@link RecordType#create}. */
    public static void checkArity(Object[] values, int columns, Class<?> recordClass) {
        if (values == null || values.length != columns) {
            throw new IllegalArgumentException(recordClass.getSimpleName() + " has " + columns + " columns but "
                    + (values == null ? "null" : values.length + " values") + " were given");
        }
    }

    /**
     * Returns {@code values[index]} as a {@code type}.
     *
     * @throws IllegalArgumentException if the value is null for a NOT NULL column, or of another type
     */
    public static <V> V column(Object[] values, int index, Class<V> type, String column, boolean nullable) {
        Object value = values[index];
        if (value == null) {
            if (!nullable) {
                throw new IllegalArgumentException("Column '" + column + "' is NOT NULL but null was given");
            }
            return null;
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("Column '" + column + "' takes " + type.getSimpleName() + " but "
                    + value.getClass().getSimpleName() + " (" + value + ") was given");
        }
        return type.cast(value);
    }

    /** The exception {@link RecordType#write} throws for a null in a NOT NULL reference column. */
    public static IllegalArgumentException nullInNotNullColumn(String column) {
        return new IllegalArgumentException("Column '" + column + "' is NOT NULL but the record holds null; set a value"
                + " or declare the column nullable (remove @NonNull / @Column(nullable = false))");
    }

    /** The exception {@link RecordType#get} throws for a column index out of range. */
    public static IndexOutOfBoundsException noSuchColumn(int column, int columns) {
        return new IndexOutOfBoundsException("Column " + column + " does not exist; columns are 0.." + (columns - 1));
    }
}
