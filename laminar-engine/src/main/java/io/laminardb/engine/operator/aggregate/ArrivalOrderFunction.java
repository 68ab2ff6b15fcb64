package io.laminardb.engine.operator.aggregate;

import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.calcite.rel.type.RelDataType;

/**
 * {@code FIRST_VALUE(x)}, {@code LAST_VALUE(x)} and {@code ANY_VALUE(x)} (which is answered as the first): the first or
 * last non-null value in arrival order. Nulls are skipped, as Flink's {@code FIRST_VALUE} and {@code LAST_VALUE}
 * aggregates skip them, so that a group's result is a value whenever it has one.
 *
 * <p>Insert-only, a state holds one reference and allocates nothing per row. Expecting retractions, it keeps every
 * present value in arrival order, so that retracting the current first or last falls back to the next one still
 * present. A retraction removes the <em>oldest</em> present occurrence of an equal value: a changelog retracts what it
 * added earlier, and an {@code UPDATE_BEFORE} names the version that has been present longest.
 */
final class ArrivalOrderFunction extends AbstractAggregateFunction {

    private final int arg;
    private final boolean last;
    private final boolean retractions;

    ArrivalOrderFunction(
            String name, RelDataType resultType, int filterArg, int arg, boolean last, boolean retractions) {
        super(name, resultType, filterArg);
        this.arg = arg;
        this.last = last;
        this.retractions = retractions;
    }

    @Override
    public AggregateState createState() {
        if (retractions) {
            return new ArrivalOrder();
        }
        return last ? new Latest() : new Earliest();
    }

    @Override
    public boolean retractable() {
        return retractions;
    }

    private final class Earliest implements AggregateState {
        private Object value;

        @Override
        public void add(Object[] row) {
            if (value == null && row[arg] != null && accepts(row)) {
                value = row[arg];
            }
        }

        @Override
        public void retract(Object[] row) {
            throw notRetractable();
        }

        @Override
        public Object result() {
            return value;
        }

        @Override
        public void writeTo(StateWriter out) {

            out.writeValue(value);
        }

        @Override
        public void readFrom(StateReader in) {

            value = in.readValue();
        }
    }

    private final class Latest implements AggregateState {
        private Object value;

        @Override
        public void add(Object[] row) {
            Object x = row[arg];
            if (x != null && accepts(row)) {
                value = x;
            }
        }

        @Override
        public void retract(Object[] row) {
            throw notRetractable();
        }

        @Override
        public Object result() {
            return value;
        }

        @Override
        public void writeTo(StateWriter out) {

            out.writeValue(value);
        }

        @Override
        public void readFrom(StateReader in) {

            value = in.readValue();
        }
    }

    /**
     * Present values by arrival number, and for each distinct value the arrival numbers of its present occurrences,
     * oldest first. Add, retract and result are O(log n).
     */
    private final class ArrivalOrder implements AggregateState {
        private final TreeMap<Long, Object> byArrival = new TreeMap<>();
        private final Map<Object, ArrayDeque<Long>> arrivals = new HashMap<>();
        private long next;

        @Override
        public void add(Object[] row) {
            Object x = row[arg];
            if (x != null && accepts(row)) {
                Long arrival = next++;
                byArrival.put(arrival, x);
                arrivals.computeIfAbsent(Numbers.key(x), k -> new ArrayDeque<>(1))
                        .addLast(arrival);
            }
        }

        @Override
        public void retract(Object[] row) {
            Object x = row[arg];
            if (x != null && accepts(row)) {
                Object key = Numbers.key(x);
                ArrayDeque<Long> occurrences = arrivals.get(key);
                if (occurrences == null) {
                    return;
                }
                byArrival.remove(occurrences.pollFirst());
                if (occurrences.isEmpty()) {
                    arrivals.remove(key);
                }
            }
        }

        @Override
        public Object result() {
            Map.Entry<Long, Object> entry = last ? byArrival.lastEntry() : byArrival.firstEntry();
            return entry == null ? null : entry.getValue();
        }

        /** The present values by arrival number; the occurrences per value follow from them, oldest first. */
        @Override
        public void writeTo(StateWriter out) {
            out.writeLong(next).writeCount(byArrival.size());
            for (Map.Entry<Long, Object> present : byArrival.entrySet()) {
                out.writeLong(present.getKey()).writeValue(present.getValue());
            }
        }

        @Override
        public void readFrom(StateReader in) {
            byArrival.clear();
            arrivals.clear();
            next = in.readLong();
            for (int i = in.readCount(); i > 0; i--) {
                Long arrival = in.readLong();
                Object x = in.readValue();
                byArrival.put(arrival, x);
            }
            // In ascending arrival order, so that each value's occurrences are oldest first, as add() leaves them.
            for (Map.Entry<Long, Object> present : byArrival.entrySet()) {
                arrivals.computeIfAbsent(Numbers.key(present.getValue()), k -> new ArrayDeque<>(1))
                        .addLast(present.getKey());
            }
        }
    }
}
