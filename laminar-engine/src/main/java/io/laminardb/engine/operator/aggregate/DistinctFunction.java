package io.laminardb.engine.operator.aggregate;

import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;

/**
 * The {@code DISTINCT} of {@code COUNT(DISTINCT x)}, {@code SUM(DISTINCT x)} and the like: a multiset of the argument
 * values present (value to multiplicity) in front of an inner function, which sees a value when its multiplicity goes
 * from 0 to 1 and loses it when it returns to 0. So retraction works whenever the inner function retracts. Values that
 * SQL calls equal count as one ({@link Numbers#key}); rows with a null argument are ignored, as every function here
 * ignores them. The filter is applied here, before the multiset, so the inner function is built without one.
 */
final class DistinctFunction extends AbstractAggregateFunction {

    private final int[] args;
    private final AggregateFunction inner;

    DistinctFunction(String name, RelDataType resultType, int filterArg, int[] args, AggregateFunction inner) {
        super(name, resultType, filterArg);
        this.args = args.clone();
        this.inner = inner;
    }

    @Override
    public AggregateState createState() {
        return new State(inner.createState());
    }

    @Override
    public boolean retractable() {
        return inner.retractable();
    }

    /** The multiset key of a row's arguments, or null when one of them is null. */
    private Object key(Object[] row) {
        if (args.length == 1) {
            Object value = row[args[0]];
            return value == null ? null : Numbers.key(value);
        }
        Object[] values = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Object value = row[args[i]];
            if (value == null) {
                return null;
            }
            values[i] = Numbers.key(value);
        }
        return Arrays.asList(values);
    }

    private final class State implements AggregateState {
        private final Map<Object, Multiplicity> present = new HashMap<>();
        private final AggregateState distinct;

        State(AggregateState distinct) {
            this.distinct = distinct;
        }

        @Override
        public void add(Object[] row) {
            if (!accepts(row)) {
                return;
            }
            Object key = key(row);
            if (key != null && present.computeIfAbsent(key, k -> new Multiplicity()).count++ == 0) {
                distinct.add(row);
            }
        }

        @Override
        public void retract(Object[] row) {
            if (!accepts(row)) {
                return;
            }
            Object key = key(row);
            Multiplicity multiplicity = key == null ? null : present.get(key);
            if (multiplicity != null && --multiplicity.count == 0) {
                present.remove(key);
                distinct.retract(row);
            }
        }

        @Override
        public Object result() {
            return distinct.result();
        }

        @Override
        public void writeTo(StateWriter out) {

            out.writeCount(present.size());

            for (Map.Entry<Object, Multiplicity> value : present.entrySet()) {

                out.writeValue(value.getKey());

                out.writeCount(value.getValue().count);
            }

            distinct.writeTo(out);
        }

        @Override
        public void readFrom(StateReader in) {

            present.clear();

            for (int i = in.readCount(); i > 0; i--) {

                Object key = in.readValue();

                Multiplicity multiplicity = new Multiplicity();

                multiplicity.count = in.readCount();

                present.put(key, multiplicity);
            }

            distinct.readFrom(in);
        }
    }
}
