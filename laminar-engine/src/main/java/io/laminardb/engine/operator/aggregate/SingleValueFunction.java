package io.laminardb.engine.operator.aggregate;

import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;

/**
 * {@code SINGLE_VALUE(x)}, which Calcite puts where a scalar sub-query must yield at most one row: the value of the only
 * row, null for none, and an error for more. Unlike the other functions it counts rows whose value is null, as
 * Calcite's does, because a second row is an error whatever it holds.
 */
final class SingleValueFunction extends AbstractAggregateFunction {

    private final int arg;
    private final boolean retractions;

    SingleValueFunction(String name, RelDataType resultType, int filterArg, int arg, boolean retractions) {
        super(name, resultType, filterArg);
        this.arg = arg;
        this.retractions = retractions;
    }

    @Override
    public AggregateState createState() {
        return retractions ? new PresentValues() : new FirstValue();
    }

    @Override
    public boolean retractable() {
        return retractions;
    }

    /** The error Calcite raises, with its wording. */
    private IllegalStateException moreThanOne() {
        return new IllegalStateException("more than one value in agg " + name);
    }

    private final class FirstValue implements AggregateState {
        private long rows;
        private Object value;

        @Override
        public void add(Object[] row) {
            if (accepts(row) && rows++ == 0) {
                value = row[arg];
            }
        }

        @Override
        public void retract(Object[] row) {
            throw notRetractable();
        }

        @Override
        public Object result() {
            if (rows > 1) {
                throw moreThanOne();
            }
            return value;
        }

        @Override
        public void writeTo(StateWriter out) {

            out.writeLong(rows).writeValue(value);
        }

        @Override
        public void readFrom(StateReader in) {

            rows = in.readLong();

            value = in.readValue();
        }
    }

    /** Every present row's value: while there are two, a retraction must leave the other. */
    private final class PresentValues implements AggregateState {
        private final List<Object> values = new ArrayList<>(1);

        @Override
        public void add(Object[] row) {
            if (accepts(row)) {
                values.add(row[arg]);
            }
        }

        @Override
        public void retract(Object[] row) {
            if (accepts(row)) {
                Object key = row[arg] == null ? null : Numbers.key(row[arg]);
                for (int i = 0; i < values.size(); i++) {
                    Object value = values.get(i);
                    if (Objects.equals(key, value == null ? null : Numbers.key(value))) {
                        values.remove(i);
                        return;
                    }
                }
            }
        }

        @Override
        public Object result() {
            if (values.size() > 1) {
                throw moreThanOne();
            }
            return values.isEmpty() ? null : values.get(0);
        }

        @Override
        public void writeTo(StateWriter out) {
            out.writeCount(values.size());
            for (Object value : values) {
                out.writeValue(value);
            }
        }

        @Override
        public void readFrom(StateReader in) {
            values.clear();
            for (int i = in.readCount(); i > 0; i--) {
                values.add(in.readValue());
            }
        }
    }
}
