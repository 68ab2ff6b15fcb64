package io.laminardb.engine.plan.codegen;

/**
 * A compiled projection: computes an output row from an input row, both in Calcite's internal representation.
 *
 * <p>One thread at a time may call {@link #apply}; the compiled code keeps no state between calls, so an engine thread
 * may hold the instance for the life of its operator.
 */
@FunctionalInterface
public interface RowProjection {

    /** Returns a fresh array with one value per projected expression; the input row is only read. */
    Object[] apply(Object[] row);
}
