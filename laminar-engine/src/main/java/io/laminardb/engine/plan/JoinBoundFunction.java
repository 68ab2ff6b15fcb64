package io.laminardb.engine.plan;

import io.laminardb.engine.plan.codegen.RowProjection;
import java.util.function.ToLongFunction;

/**
 * A join row's bound (see {@link StreamJoinCondition}): the lowest of its columns plus offsets and its compiled
 * expressions, in epoch milliseconds; {@link Long#MIN_VALUE} when one of them is null (a comparison with null is never
 * true: the row meets nothing still to come).
 */
final class JoinBoundFunction implements ToLongFunction<Object[]> {

    private final int[] columns;
    private final long[] offsets;
    private final RowProjection expressions;

    /** @param expressions the bounds that are expressions, or null when there are none */
    JoinBoundFunction(int[] columns, long[] offsets, RowProjection expressions) {
        this.columns = columns.clone();
        this.offsets = offsets.clone();
        this.expressions = expressions;
    }

    @Override
    public long applyAsLong(Object[] row) {
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < columns.length; i++) {
            Object value = row[columns[i]];
            if (value == null) {
                return Long.MIN_VALUE;
            }
            lowest = Math.min(lowest, ((Number) value).longValue() + offsets[i]);
        }
        if (expressions != null) {
            for (Object value : expressions.apply(row)) {
                if (value == null) {
                    return Long.MIN_VALUE;
                }
                lowest = Math.min(lowest, ((Number) value).longValue());
            }
        }
        return lowest;
    }
}
