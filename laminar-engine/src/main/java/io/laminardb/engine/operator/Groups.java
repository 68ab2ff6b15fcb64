package io.laminardb.engine.operator;

import io.laminardb.engine.operator.aggregate.AggregateFunction;
import io.laminardb.engine.operator.aggregate.AggregateState;
import java.util.Arrays;
import java.util.List;

/**
 * The grouping of an aggregate: which input columns form the key, and the aggregate functions. Makes hashable keys and
 * the output rows (the key columns in order, then one column per function, as Calcite's {@code Aggregate} has them).
 */
public final class Groups {

    /** The key of a group of one column whose value is null; {@code HashMap} takes null, but one sentinel is clearer. */
    private static final Object NULL_KEY = new Object() {
        @Override
        public String toString() {
            return "NULL";
        }
    };

    private final int[] keyColumns;
    private final AggregateFunction[] functions;

    public Groups(int[] keyColumns, List<AggregateFunction> functions) {
        this.keyColumns = keyColumns.clone();
        this.functions = functions.toArray(AggregateFunction[]::new);
    }

    int keyColumnCount() {
        return keyColumns.length;
    }

    /** A key for hashing: the value itself for one column (no allocation), a {@link CompositeKey} for more. */
    Object key(Object[] row) {
        if (keyColumns.length == 1) {
            Object value = row[keyColumns[0]];
            return value == null ? NULL_KEY : value;
        }
        Object[] values = new Object[keyColumns.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = row[keyColumns[i]];
        }
        return new CompositeKey(values);
    }

    /** The hash key of a group, as {@link #key} made it from the group's first row. */
    Object keyOf(Group group) {
        Object[] values = group.keyValues;
        if (values.length == 1) {
            return values[0] == null ? NULL_KEY : values[0];
        }
        return new CompositeKey(values);
    }

    /** A new group for {@code row}'s key. */
    Group newGroup(Object[] row) {
        Object[] keyValues = new Object[keyColumns.length];
        for (int i = 0; i < keyValues.length; i++) {
            keyValues[i] = row[keyColumns[i]];
        }
        AggregateState[] states = new AggregateState[functions.length];
        for (int i = 0; i < states.length; i++) {
            states[i] = functions[i].createState();
        }
        return new Group(keyValues, states);
    }

    /** The group's current output row: its key values, then each function's result. */
    Object[] output(Group group) {
        Object[] keyValues = group.keyValues;
        Object[] out = Arrays.copyOf(keyValues, keyValues.length + functions.length);
        AggregateState[] states = group.states;
        for (int i = 0; i < states.length; i++) {
            out[keyValues.length + i] = states[i].result();
        }
        return out;
    }

    /** A key of several columns, compared by value. */
    record CompositeKey(Object[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof CompositeKey other && Arrays.equals(values, other.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    /** One group's state. */
    static final class Group {
        final Object[] keyValues;
        final AggregateState[] states;
        /** Rows added minus rows retracted: at zero the group is empty and leaves. */
        long rows;
        /** The row last handed on, null if none (or it was retracted). */
        Object[] emitted;
        /** Changed since its row was last handed on. */
        boolean dirty;

        Group(Object[] keyValues, AggregateState[] states) {
            this.keyValues = keyValues;
            this.states = states;
        }

        void apply(Object[] row, boolean add) {
            AggregateState[] states = this.states;
            if (add) {
                rows++;
                for (AggregateState state : states) {
                    state.add(row);
                }
            } else {
                rows--;
                for (AggregateState state : states) {
                    state.retract(row);
                }
            }
        }
    }
}
