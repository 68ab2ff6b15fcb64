package io.laminardb.engine.operator.aggregate;

import org.apache.calcite.rel.type.RelDataType;

/**
 * One aggregate call of a query ({@code COUNT(*)}, {@code SUM(DISTINCT x) FILTER (WHERE ...)}), ready to create the
 * state it keeps per group or per window. Built once per call by {@link AggregateFunctions#of}; immutable and safe to
 * share between engine threads.
 */
public interface AggregateFunction {

    /** A new, empty state: what the function keeps for one group (or one window of one group). */
    AggregateState createState();

    /** The SQL type of {@link AggregateState#result()}: the type Calcite inferred for the call. */
    RelDataType resultType();

    /**
     * Whether the states of this function accept {@link AggregateState#retract(Object[])}. {@code COUNT}, {@code SUM},
     * {@code AVG} and the variance functions always do; the others only when the function was created expecting
     * retractions, because undoing them needs state that an insert-only stream does not pay for.
     */
    boolean retractable();

    /**
     * Whether the states of this function accept {@link AggregateState#merge(AggregateState)}: whether the aggregate
     * over a union of row sets can be computed from the states of the parts, as a {@code HOP} window combines the
     * panes it covers. False unless the function says otherwise.
     */
    default boolean mergeable() {
        return false;
    }
}
