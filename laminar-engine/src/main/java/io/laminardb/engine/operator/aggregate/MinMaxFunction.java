package io.laminardb.engine.operator.aggregate;

import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import java.util.Map;
import java.util.TreeMap;
import org.apache.calcite.rel.type.RelDataType;

/**
 * {@code MIN(x)} and {@code MAX(x)} in the natural order of the values ({@link Comparable}; for doubles {@link
 * Double#compare}, which puts NaN above infinity). {@code DISTINCT} does not change them.
 *
 * <p>Insert-only, a state keeps the running extreme: a primitive {@code long} for whole numbers, dates, times and
 * timestamps, a primitive {@code double} for {@code DOUBLE} and {@code REAL}, a reference otherwise, so that nothing is
 * allocated per row. Expecting retractions, it keeps every present value with its multiplicity in a sorted map, because
 * retracting the extreme must reveal the next one.
 */
final class MinMaxFunction extends AbstractAggregateFunction {

    private final int arg;
    private final boolean max;
    private final boolean retractions;
    private final InternalType type;

    MinMaxFunction(String name, RelDataType resultType, int filterArg, int arg, boolean max, boolean retractions) {
        super(name, resultType, filterArg);
        this.arg = arg;
        this.max = max;
        this.retractions = retractions;
        this.type = InternalType.of(resultType);
    }

    @Override
    public AggregateState createState() {
        if (retractions) {
            return new SortedValues();
        }
        if (type.isIntegral()) {
            return max ? new LongMax() : new LongMin();
        }
        if (type.isFloatingPoint()) {
            return new DoubleExtreme();
        }
        return new ObjectExtreme();
    }

    @Override
    public boolean retractable() {
        return retractions;
    }

    /** Insert-only states keep one extreme, and the extreme of a union is the extreme of the parts' extremes. */
    @Override
    public boolean mergeable() {
        return !retractions;
    }

    /** Boxes a long extreme back into the column's class (Integer for INTEGER and DATE, Long for TIMESTAMP, ...). */
    private Object box(long value) {
        return type.fromLong(value, name);
    }

    private final class LongMax implements AggregateState {
        private long extreme = Long.MIN_VALUE;
        private boolean present;

        @Override
        public void add(Object[] row) {
            Object value = row[arg];
            if (value != null && accepts(row)) {
                long x = ((Number) value).longValue();
                if (x > extreme) {
                    extreme = x;
                }
                present = true;
            }
        }

        @Override
        public void retract(Object[] row) {
            throw notRetractable();
        }

        @Override
        public Object result() {
            return present ? box(extreme) : null;
        }

        @Override
        public void merge(AggregateState other) {
            LongMax o = (LongMax) other;
            if (o.present) {
                if (o.extreme > extreme) {
                    extreme = o.extreme;
                }
                present = true;
            }
        }

        @Override
        public void writeTo(StateWriter out) {

            out.writeLong(extreme).writeBoolean(present);
        }

        @Override
        public void readFrom(StateReader in) {

            extreme = in.readLong();

            present = in.readBoolean();
        }
    }

    private final class LongMin implements AggregateState {
        private long extreme = Long.MAX_VALUE;
        private boolean present;

        @Override
        public void add(Object[] row) {
            Object value = row[arg];
            if (value != null && accepts(row)) {
                long x = ((Number) value).longValue();
                if (x < extreme) {
                    extreme = x;
                }
                present = true;
            }
        }

        @Override
        public void retract(Object[] row) {
            throw notRetractable();
        }

        @Override
        public Object result() {
            return present ? box(extreme) : null;
        }

        @Override
        public void merge(AggregateState other) {
            LongMin o = (LongMin) other;
            if (o.present) {
                if (o.extreme < extreme) {
                    extreme = o.extreme;
                }
                present = true;
            }
        }

        @Override
        public void writeTo(StateWriter out) {

            out.writeLong(extreme).writeBoolean(present);
        }

        @Override
        public void readFrom(StateReader in) {

            extreme = in.readLong();

            present = in.readBoolean();
        }
    }

    private final class DoubleExtreme implements AggregateState {
        private double extreme;
        private boolean present;

        @Override
        public void add(Object[] row) {
            Object value = row[arg];
            if (value != null && accepts(row)) {
                double x = ((Number) value).doubleValue();
                if (!present || (max ? Double.compare(x, extreme) > 0 : Double.compare(x, extreme) < 0)) {
                    extreme = x;
                    present = true;
                }
            }
        }

        @Override
        public void retract(Object[] row) {
            throw notRetractable();
        }

        @Override
        public Object result() {
            return present ? type.fromDouble(extreme, 0, name) : null;
        }

        @Override
        public void merge(AggregateState other) {
            DoubleExtreme o = (DoubleExtreme) other;
            double x = o.extreme;
            if (o.present && (!present || (max ? Double.compare(x, extreme) > 0 : Double.compare(x, extreme) < 0))) {
                extreme = x;
                present = true;
            }
        }

        @Override
        public void writeTo(StateWriter out) {

            out.writeDouble(extreme).writeBoolean(present);
        }

        @Override
        public void readFrom(StateReader in) {

            extreme = in.readDouble();

            present = in.readBoolean();
        }
    }

    private final class ObjectExtreme implements AggregateState {
        private Comparable<Object> extreme;

        @Override
        @SuppressWarnings("unchecked")
        public void add(Object[] row) {
            Object value = row[arg];
            if (value != null && accepts(row)) {
                Comparable<Object> x = (Comparable<Object>) value;
                if (extreme == null || (max ? x.compareTo(extreme) > 0 : x.compareTo(extreme) < 0)) {
                    extreme = x;
                }
            }
        }

        @Override
        public void retract(Object[] row) {
            throw notRetractable();
        }

        @Override
        public Object result() {
            return extreme;
        }

        @Override
        public void merge(AggregateState other) {
            Comparable<Object> x = ((ObjectExtreme) other).extreme;
            if (x != null && (extreme == null || (max ? x.compareTo(extreme) > 0 : x.compareTo(extreme) < 0))) {
                extreme = x;
            }
        }

        @Override
        public void writeTo(StateWriter out) {

            out.writeValue(extreme);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void readFrom(StateReader in) {

            extreme = (Comparable<Object>) in.readValue();
        }
    }

    /** Every present value and how often it is present, in natural order; the extreme is the first or last key. */
    private final class SortedValues implements AggregateState {
        private final TreeMap<Object, Multiplicity> values = new TreeMap<>();

        @Override
        public void add(Object[] row) {
            Object value = row[arg];
            if (value != null && accepts(row)) {
                values.computeIfAbsent(value, v -> new Multiplicity()).count++;
            }
        }

        @Override
        public void retract(Object[] row) {
            Object value = row[arg];
            if (value != null && accepts(row)) {
                Multiplicity counter = values.get(value);
                if (counter != null && --counter.count == 0) {
                    values.remove(value);
                }
            }
        }

        @Override
        public Object result() {
            Map.Entry<Object, Multiplicity> entry = max ? values.lastEntry() : values.firstEntry();
            return entry == null ? null : entry.getKey();
        }

        @Override
        public void writeTo(StateWriter out) {
            out.writeCount(values.size());
            for (Map.Entry<Object, Multiplicity> value : values.entrySet()) {
                out.writeValue(value.getKey());
                out.writeCount(value.getValue().count);
            }
        }

        @Override
        public void readFrom(StateReader in) {
            values.clear();
            for (int i = in.readCount(); i > 0; i--) {
                Object value = in.readValue();
                Multiplicity multiplicity = new Multiplicity();
                multiplicity.count = in.readCount();
                values.put(value, multiplicity);
            }
        }
    }
}
