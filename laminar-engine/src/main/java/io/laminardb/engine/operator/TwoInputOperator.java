package io.laminardb.engine.operator;

import io.laminardb.engine.state.Stateful;

/**
 * An operator of two inputs (a join): each input's rows, watermarks and end go to its own entry point, and the
 * operator hands on one output. Both entry points are called on one thread: the one of the partition that runs it.
 */
public interface TwoInputOperator extends Stateful {

    /** Where the left input's rows, watermarks and end go. */
    Operator left();

    /** Where the right input's rows, watermarks and end go. */
    Operator right();
}
