package io.laminardb.engine.operator;

import io.laminardb.engine.ChangeEvent;

/**
 * A step of a continuous query. Operators form a chain on the engine thread that owns the query's input: each takes
 * rows, watermarks and the end of input from the one before and hands its results to the next. Rows are {@code
 * Object[]} in the form queries work on (see {@code TypeMapping}); an operator may keep a row it is given but never
 * changes one.
 */
public interface Operator {

    /**
     * One row.
     *
     * @param op {@code INSERT} for an appended row; the other kinds for a changelog input
     * @param timestamp the row's event time in epoch milliseconds, or {@link Long#MIN_VALUE}
     */
    void onRow(Object[] row, ChangeEvent.Op op, long timestamp);

    /** The input's event time has reached {@code watermark}: windows ending at or before it may close. */
    void onWatermark(long watermark);

    /** Processing time, about every millisecond, for operators that {@link #wantsTicks() ask}. */
    default void onTick(long nowMillis) {}

    /** Whether this operator or one after it needs {@link #onTick}. */
    default boolean wantsTicks() {
        return false;
    }

    /** The input ended: flush what is open and pass the end on. */
    void onEnd();
}
