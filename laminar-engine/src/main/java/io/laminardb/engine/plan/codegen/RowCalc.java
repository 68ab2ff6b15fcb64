package io.laminardb.engine.plan.codegen;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A compiled filter and projection in one, as a Calcite {@code Calc} node carries them in its {@code RexProgram}: the
 * projection is computed only for rows the condition keeps.
 *
 * <p>One thread at a time may call {@link #apply}; the compiled code keeps no state between calls.
 */
@FunctionalInterface
public interface RowCalc {

    /** Returns a fresh output row, or null when the condition is not {@code TRUE} for the input row. */
    // Type-use annotations: the elements are SQL values that may be null, and so may the array itself.
    @Nullable
    Object @Nullable [] apply(Object[] row);
}
