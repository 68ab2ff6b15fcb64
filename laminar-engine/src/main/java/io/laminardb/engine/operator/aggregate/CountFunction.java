package io.laminardb.engine.operator.aggregate;

import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import org.apache.calcite.rel.type.RelDataType;

/**
 * {@code COUNT(*)}, {@code COUNT(x)} and {@code COUNT(x, y, ...)}: the rows the filter accepts, without those where an
 * argument is null. One {@code long} per state; retracts by subtraction.
 */
final class CountFunction extends AbstractAggregateFunction {

    private final int[] args;

    CountFunction(String name, RelDataType resultType, int filterArg, int[] args) {
        super(name, resultType, filterArg);
        this.args = args.clone();
    }

    @Override
    public AggregateState createState() {
        return switch (args.length) {
            case 0 -> new CountRows();
            case 1 -> new CountValues(args[0]);
            default -> new CountTuples();
        };
    }

    @Override
    public boolean retractable() {
        return true;
    }

    @Override
    public boolean mergeable() {
        return true;
    }

    /** COUNT(*): every row counts. */
    private final class CountRows implements AggregateState {
        private long count;

        @Override
        public void add(Object[] row) {
            if (accepts(row)) {
                count++;
            }
        }

        @Override
        public void retract(Object[] row) {
            if (accepts(row)) {
                count--;
            }
        }

        @Override
        public Object result() {
            return count;
        }

        @Override
        public void merge(AggregateState other) {
            count += ((CountRows) other).count;
        }

        @Override
        public void writeTo(StateWriter out) {
            out.writeLong(count);
        }

        @Override
        public void readFrom(StateReader in) {
            count = in.readLong();
        }
    }

    /** COUNT(x): the argument index is copied into the state so that the hot loop reads one field. */
    private final class CountValues implements AggregateState {
        private final int arg;
        private long count;

        CountValues(int arg) {
            this.arg = arg;
        }

        @Override
        public void add(Object[] row) {
            if (row[arg] != null && accepts(row)) {
                count++;
            }
        }

        @Override
        public void retract(Object[] row) {
            if (row[arg] != null && accepts(row)) {
                count--;
            }
        }

        @Override
        public Object result() {
            return count;
        }

        @Override
        public void merge(AggregateState other) {
            count += ((CountValues) other).count;
        }

        @Override
        public void writeTo(StateWriter out) {
            out.writeLong(count);
        }

        @Override
        public void readFrom(StateReader in) {
            count = in.readLong();
        }
    }

    /** COUNT(x, y, ...): a row counts when none of the arguments is null. */
    private final class CountTuples implements AggregateState {
        private long count;

        @Override
        public void add(Object[] row) {
            if (counts(row)) {
                count++;
            }
        }

        @Override
        public void retract(Object[] row) {
            if (counts(row)) {
                count--;
            }
        }

        @Override
        public Object result() {
            return count;
        }

        @Override
        public void merge(AggregateState other) {
            count += ((CountTuples) other).count;
        }

        @Override
        public void writeTo(StateWriter out) {
            out.writeLong(count);
        }

        @Override
        public void readFrom(StateReader in) {
            count = in.readLong();
        }
    }

    private boolean counts(Object[] row) {
        for (int arg : args) {
            if (row[arg] == null) {
                return false;
            }
        }
        return accepts(row);
    }
}
