package io.laminardb.engine.operator.aggregate;

import java.math.BigDecimal;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The Java class that holds values of a SQL type in Calcite's internal representation, as far as the aggregate
 * functions need to know it: which primitive they can accumulate in, and how to box a result back.
 */
enum InternalType {
    /** {@code TINYINT}: {@link Byte}. */
    BYTE,
    /** {@code SMALLINT}: {@link Short}. */
    SHORT,
    /** {@code INTEGER}, {@code DATE} (days), {@code TIME} (ms of day), year-month intervals (months): {@link Integer}. */
    INT,
    /** {@code BIGINT}, {@code TIMESTAMP} (epoch ms), day-time intervals (ms): {@link Long}. */
    LONG,
    /** {@code REAL}: {@link Float}. */
    FLOAT,
    /** {@code DOUBLE} and {@code FLOAT}, which Calcite represents as a double: {@link Double}. */
    DOUBLE,
    /** {@code DECIMAL}: {@link BigDecimal}. */
    DECIMAL,
    /** Anything else ({@code VARCHAR} as {@link String}, {@code BOOLEAN}, ...): compared, never computed with. */
    OTHER;

    static InternalType of(RelDataType type) {
        SqlTypeName name = type.getSqlTypeName();
        if (SqlTypeName.YEAR_INTERVAL_TYPES.contains(name)) {
            return INT;
        }
        if (SqlTypeName.DAY_INTERVAL_TYPES.contains(name)) {
            return LONG;
        }
        return switch (name) {
            case TINYINT -> BYTE;
            case SMALLINT -> SHORT;
            case INTEGER, DATE, TIME, TIME_WITH_LOCAL_TIME_ZONE -> INT;
            case BIGINT, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> LONG;
            case REAL -> FLOAT;
            case FLOAT, DOUBLE -> DOUBLE;
            case DECIMAL -> DECIMAL;
            default -> OTHER;
        };
    }

    /** Whether values are whole numbers that fit a {@code long}. */
    boolean isIntegral() {
        return this == BYTE || this == SHORT || this == INT || this == LONG;
    }

    /** Whether values are binary floating point. */
    boolean isFloatingPoint() {
        return this == FLOAT || this == DOUBLE;
    }

    /**
     * Boxes a whole number as this type. {@code INTEGER} keeps the low 32 bits, as Java's {@code int} arithmetic (and
     * Calcite's generated code) wraps; {@code TINYINT} and {@code SMALLINT} throw when the value is out of range, as
     * Calcite's checked narrowing does.
     *
     * @throws ArithmeticException naming {@code function} when a {@code TINYINT} or {@code SMALLINT} overflows
     */
    Object fromLong(long value, String function) {
        return switch (this) {
            case BYTE -> {
                if (value != (byte) value) {
                    throw outOfRange(value, function);
                }
                yield (byte) value;
            }
            case SHORT -> {
                if (value != (short) value) {
                    throw outOfRange(value, function);
                }
                yield (short) value;
            }
            case INT -> (int) value;
            case LONG -> value;
            case FLOAT -> (float) value;
            case DOUBLE -> (double) value;
            case DECIMAL -> BigDecimal.valueOf(value);
            case OTHER -> throw new IllegalStateException(this + " is not numeric");
        };
    }

    /** Boxes a double as this type; whole-number types truncate toward zero, as a SQL cast does. */
    Object fromDouble(double value, int scale, String function) {
        return switch (this) {
            case FLOAT -> (float) value;
            case DOUBLE -> value;
            case DECIMAL -> BigDecimal.valueOf(value).setScale(scale, java.math.RoundingMode.DOWN);
            default -> fromLong((long) value, function);
        };
    }

    private static ArithmeticException outOfRange(long value, String function) {
        return new ArithmeticException("Value " + value + " of " + function + " is out of range");
    }
}
