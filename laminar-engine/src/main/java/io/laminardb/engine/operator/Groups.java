package io.laminardb.engine.operator;

import io.laminardb.engine.operator.aggregate.AggregateFunction;
import io.laminardb.engine.operator.aggregate.AggregateState;
import io.laminardb.engine.state.StateFormatException;
import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import io.laminardb.engine.stream.RowErrors;
import io.laminardb.engine.value.KeySentinel;
import java.util.Arrays;
import java.util.List;

/**
 * The grouping of an aggregate: which input columns form the key, and the aggregate functions. Makes hashable keys and
 * the output rows (the key columns in order, then one column per function, as Calcite's {@code Aggregate} has them).
 */
public final class Groups {

    /** The key of a group of one column whose value is null; {@code HashMap} takes null, but one sentinel is clearer. */
    private static final Object NULL_KEY = KeySentinel.NULL_KEY;

    /** The key of the one group of an aggregate whose groups differ only in what is hashed elsewhere (the window). */
    private static final Object SINGLE_GROUP = KeySentinel.SINGLE_GROUP;

    private final int[] keyColumns;
    private final int[] hashColumns;
    private final AggregateFunction[] functions;
    private final RowErrors errors;

    public Groups(int[] keyColumns, List<AggregateFunction> functions) {
        this(keyColumns, keyColumns, functions, null);
    }

    /** @param errors where a row an aggregate function fails on is counted and skipped; null to fail instead */
    public Groups(int[] keyColumns, List<AggregateFunction> functions, RowErrors errors) {
        this(keyColumns, keyColumns, functions, errors);
    }

    /**
     * @param hashColumns the key columns a group is looked up by: all of {@code keyColumns}, or fewer when the state
     *     is already split by the others (a window aggregate keeps one map per window, so the window bounds need no
     *     hashing)
     */
    private Groups(int[] keyColumns, int[] hashColumns, List<AggregateFunction> functions, RowErrors errors) {
        this.keyColumns = keyColumns.clone();
        this.hashColumns = hashColumns.clone();
        this.functions = functions.toArray(AggregateFunction[]::new);
        this.errors = errors;
    }

    /** The same grouping, looked up by {@code hashColumns} only. */
    public Groups hashedBy(int[] hashColumns) {
        return new Groups(keyColumns, hashColumns, List.of(functions), errors);
    }

    /**
     * Adds or retracts {@code row} in {@code group}. A function that fails on the row (a second value for {@code
     * SINGLE_VALUE}) skips the row, counted, when there is somewhere to count it.
     *
     * @return whether the row was applied
     */
    boolean apply(Group group, Object[] row, boolean add) {
        if (errors == null) {
            group.apply(row, add);
            return true;
        }
        try {
            group.apply(row, add);
            return true;
        } catch (RuntimeException e) {
            errors.failed(row, e);
            return false;
        }
    }

    /** {@link #output}, or null (counted) when a function cannot give its result (a sum that overflows its type). */
    Object[] outputOrSkip(Group group) {
        if (errors == null) {
            return output(group);
        }
        try {
            return output(group);
        } catch (RuntimeException e) {
            errors.failed(group.keyValues, e);
            return null;
        }
    }

    int keyColumnCount() {
        return keyColumns.length;
    }

    /** A key for hashing: the value itself for one column (no allocation), a {@link CompositeKey} for more. */
    Object key(Object[] row) {
        int[] columns = hashColumns;
        if (columns.length == 1) {
            Object value = row[columns[0]];
            return value == null ? NULL_KEY : value;
        }
        if (columns.length == 0) {
            return SINGLE_GROUP;
        }
        Object[] values = new Object[columns.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = row[columns[i]];
        }
        return new CompositeKey(values);
    }

    /** The hash key of a group, as {@link #key} made it from the group's first row. */
    Object keyOf(Group group) {
        int[] columns = hashColumns;
        if (columns.length == 0) {
            return SINGLE_GROUP;
        }
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = group.keyValues[position(columns[i])];
        }
        if (values.length == 1) {
            return values[0] == null ? NULL_KEY : values[0];
        }
        return new CompositeKey(values);
    }

    /**
     * The values of the group's hash columns, in order: what the exchange in front of a partitioned aggregate hashes
     * to pick the group's partition, and what tells apart the groups of one map.
     */
    Object[] hashValues(Group group) {
        int[] columns = hashColumns;
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = group.keyValues[position(columns[i])];
        }
        return values;
    }

    /**
     * Writes a group for a checkpoint: its key values, its row count, the row it last handed on, whether it changed
     * since, and each function's running values.
     */
    void write(Group group, StateWriter out) {
        out.writeRow(group.keyValues);
        out.writeLong(group.rows);
        out.writeNullableRow(group.emitted);
        out.writeBoolean(group.dirty);
        out.writeCount(group.states.length);
        for (AggregateState state : group.states) {
            state.writeTo(out);
        }
    }

    /**
     * Reads a group {@link #write} wrote for this grouping.
     *
     * @throws StateFormatException if it has another number of key columns or functions
     */
    Group read(StateReader in) {
        Object[] keyValues = in.readRow();
        if (keyValues.length != keyColumns.length) {
            throw new StateFormatException(
                    "a group of " + keyValues.length + " key columns, where the query groups by " + keyColumns.length);
        }
        Group group = emptyGroup(keyValues);
        group.rows = in.readLong();
        group.emitted = in.readNullableRow();
        group.dirty = in.readBoolean();
        int count = in.readCount();
        if (count != functions.length) {
            throw new StateFormatException(
                    "a group of " + count + " aggregates, where the query computes " + functions.length);
        }
        for (AggregateState state : group.states) {
            state.readFrom(in);
        }
        return group;
    }

    /** Where input column {@code column} sits among the key columns. */
    private int position(int column) {
        for (int i = 0; i < keyColumns.length; i++) {
            if (keyColumns[i] == column) {
                return i;
            }
        }
        throw new IllegalStateException("column " + column + " is not a key column");
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

    /** A new group with {@code keyValues} and empty states, for {@link #merge} to fill. */
    Group emptyGroup(Object[] keyValues) {
        AggregateState[] states = new AggregateState[functions.length];
        for (int i = 0; i < states.length; i++) {
            states[i] = functions[i].createState();
        }
        return new Group(keyValues, states);
    }

    /** Whether every function {@linkplain AggregateFunction#mergeable() merges}, so that groups can {@link #merge}. */
    public boolean mergeable() {
        for (AggregateFunction function : functions) {
            if (!function.mergeable()) {
                return false;
            }
        }
        return true;
    }

    /** Adds {@code source}'s rows and states into {@code target}; {@code source} is unchanged. */
    void merge(Group target, Group source) {
        target.rows += source.rows;
        AggregateState[] into = target.states;
        AggregateState[] from = source.states;
        for (int i = 0; i < into.length; i++) {
            into[i].merge(from[i]);
        }
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
