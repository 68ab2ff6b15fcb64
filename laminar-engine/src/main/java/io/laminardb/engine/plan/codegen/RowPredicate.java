package io.laminardb.engine.plan.codegen;

/**
 * A compiled filter condition over a row in Calcite's internal representation.
 *
 * <p>One thread at a time may call {@link #test}; the compiled code keeps no state between calls.
 */
@FunctionalInterface
public interface RowPredicate {

    /** Returns whether the condition is {@code TRUE} for the row; {@code UNKNOWN} (null) and {@code FALSE} give false. */
    boolean test(Object[] row);
}
