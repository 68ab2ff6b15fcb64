package io.laminardb.engine;

import java.util.Objects;

/**
 * One change to a stream, view or table: a row inserted, deleted, or replaced (an {@code UPDATE_BEFORE} retracting the
 * old row followed by an {@code UPDATE_AFTER} with the new one).
 *
 * @param op what happened
 * @param value the row the change is about
 * @param weight +1 for rows added ({@code INSERT}, {@code UPDATE_AFTER}), -1 for rows retracted
 * @param timestamp the event time of the change in epoch milliseconds, or {@link Long#MIN_VALUE} when it has none
 * @param <T> the row type
 */
public record ChangeEvent<T>(Op op, T value, int weight, long timestamp) {

    /** The kind of a change. */
    public enum Op {
        INSERT,
        DELETE,
        UPDATE_BEFORE,
        UPDATE_AFTER;

        /** +1 for {@code INSERT} and {@code UPDATE_AFTER}, -1 otherwise. */
        public int weight() {
            return this == INSERT || this == UPDATE_AFTER ? 1 : -1;
        }
    }

    public ChangeEvent {
        Objects.requireNonNull(op, "op");
    }

    public static <T> ChangeEvent<T> insert(T value, long timestamp) {
        return new ChangeEvent<>(Op.INSERT, value, 1, timestamp);
    }

    public static <T> ChangeEvent<T> of(Op op, T value, long timestamp) {
        return new ChangeEvent<>(op, value, op.weight(), timestamp);
    }
}
