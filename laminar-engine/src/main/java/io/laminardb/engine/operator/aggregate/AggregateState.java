package io.laminardb.engine.operator.aggregate;

import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The running value of one aggregate call over the rows of one group. Rows are {@code Object[]} in Calcite's internal
 * representation (see {@link io.laminardb.engine.operator.aggregate}); the state reads its own arguments and its
 * {@code FILTER} column from them and applies {@code DISTINCT} itself.
 *
 * <p>For checkpoints a state writes its running values ({@link #writeTo}) and reads them back into a fresh state of the
 * same function ({@link #readFrom}); the restored state then goes on exactly as the original would have, bit for bit.
 *
 * <p>Not thread-safe: one engine thread uses a state at a time. The paths that take no retractions allocate nothing per
 * row unless the call is {@code DISTINCT} or keeps values ({@code APPROX_COUNT_DISTINCT}).
 */
public interface AggregateState {

    /** Adds one input row. Rows that the call's filter rejects, or whose arguments are null, change nothing. */
    void add(Object[] row);

    /**
     * Undoes an earlier {@link #add} of an equal row (a {@code DELETE} or {@code UPDATE_BEFORE} of a changelog). The
     * caller retracts only rows it added and has not retracted yet.
     *
     * @throws UnsupportedOperationException when the function is not {@linkplain AggregateFunction#retractable()
     *     retractable}
     */
    void retract(Object[] row);

    /**
     * The aggregate over the rows added and not retracted, in the internal representation of the function's
     * {@linkplain AggregateFunction#resultType() result type}: zero for {@code COUNT} and {@code $SUM0} over no
     * rows, null for the other functions over no (non-null) values.
     */
    @Nullable
    Object result();

    /**
     * Adds the rows {@code other} has seen to this state, as if they had been {@linkplain #add added} here; {@code
     * other} is unchanged. Both states come from the same function, which is {@linkplain AggregateFunction#mergeable()
     * mergeable}.
     *
     * @throws UnsupportedOperationException when the function is not mergeable
     */
    default void merge(AggregateState other) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot merge");
    }

    /**
     * Writes the running values, for a checkpoint: only the values, not which function they belong to, which the
     * caller knows. The state is unchanged.
     */
    void writeTo(StateWriter out);

    /**
     * Replaces the running values with those {@link #writeTo} wrote from a state of an equal function; called on a
     * state just {@linkplain AggregateFunction#createState() created}.
     *
     * @throws io.laminardb.engine.state.StateFormatException if the bytes are not such values
     */
    void readFrom(StateReader in);
}
