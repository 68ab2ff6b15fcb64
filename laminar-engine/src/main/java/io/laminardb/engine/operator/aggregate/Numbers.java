package io.laminardb.engine.operator.aggregate;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Conversions of internal-representation values that the arithmetic functions share. */
final class Numbers {

    private Numbers() {}

    /** A non-null numeric value as a {@link BigDecimal}: exact for whole numbers and decimals. */
    static BigDecimal toBigDecimal(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        return BigDecimal.valueOf(((Number) value).longValue());
    }

    /**
     * The key under which {@code DISTINCT} and retraction look a value up: values that SQL calls equal get equal keys.
     * {@code 1.0} and {@code 1.00} are one decimal, {@code -0.0} and {@code 0.0} one double.
     */
    static Object key(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
        }
        if (value instanceof Double d && d == 0.0) {
            return 0.0d;
        }
        if (value instanceof Float f && f == 0.0f) {
            return 0.0f;
        }
        return value;
    }
}
