package io.laminardb.engine.operator.aggregate;

import org.apache.calcite.rel.type.RelDataType;

/** The parts every aggregate function shares: its name for messages, its result type and its {@code FILTER}. */
abstract class AbstractAggregateFunction implements AggregateFunction {

    final String name;
    final RelDataType resultType;
    /** Index of the BOOLEAN column of {@code FILTER (WHERE ...)}, or -1. */
    final int filterArg;

    AbstractAggregateFunction(String name, RelDataType resultType, int filterArg) {
        this.name = name;
        this.resultType = resultType;
        this.filterArg = filterArg;
    }

    @Override
    public final RelDataType resultType() {
        return resultType;
    }

    /** Whether the call's filter lets the row in: no filter, or a filter column that is TRUE (not FALSE, not null). */
    final boolean accepts(Object[] row) {
        return filterArg < 0 || Boolean.TRUE.equals(row[filterArg]);
    }

    final UnsupportedOperationException notRetractable() {
        return new UnsupportedOperationException(
                name + " was created for an insert-only input and cannot retract; create it expecting retractions");
    }

    @Override
    public String toString() {
        return name;
    }
}
