package io.laminardb.engine.operator;

import io.laminardb.engine.value.KeySentinel;

/**
 * The hash-map key of an {@code OVER} window's partition: the value itself for one {@code PARTITION BY} column (no
 * allocation), a {@link Groups.CompositeKey} for several, a constant for none, as {@link Groups} makes group keys.
 */
final class PartitionKey {

    private PartitionKey() {}

    /** The values of {@code row}'s partition columns, in order: what the exchange hashes and a checkpoint keys by. */
    static Object[] values(Object[] row, int[] columns) {
        Object[] values = new Object[columns.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = row[columns[i]];
        }
        return values;
    }

    /** The key of the partition of {@code row}. */
    static Object of(Object[] row, int[] columns) {
        if (columns.length == 1) {
            Object value = row[columns[0]];
            return value == null ? KeySentinel.NULL_KEY : value;
        }
        if (columns.length == 0) {
            return KeySentinel.SINGLE_GROUP;
        }
        return new Groups.CompositeKey(values(row, columns));
    }

    /** The key of the partition whose partition columns hold {@code values}. */
    static Object ofValues(Object[] values) {
        if (values.length == 1) {
            return values[0] == null ? KeySentinel.NULL_KEY : values[0];
        }
        if (values.length == 0) {
            return KeySentinel.SINGLE_GROUP;
        }
        return new Groups.CompositeKey(values.clone());
    }
}
