package io.laminardb.engine.operator.aggregate;

import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.calcite.rel.type.RelDataType;

/**
 * {@code AVG(x)}: a sum and a count, divided when the result is read. The result type is Calcite's, which under its
 * default type system is the argument's type, so:
 *
 * <ul>
 *   <li>whole numbers divide as Java's {@code long} division does, truncating toward zero ({@code AVG(-7, 2)} is
 *       {@code -2}, as in Calcite). The sum is a {@code long} whatever the argument width, so an average of {@code
 *       TINYINT}s never overflows where Calcite's narrow sum would throw; a {@code BIGINT} sum wraps as Calcite's does;
 *   <li>{@code DOUBLE} and {@code REAL} divide a {@link CompensatedSum};
 *   <li>{@code DECIMAL} divides exactly and truncates to the result type's scale ({@code RoundingMode.DOWN}), which is
 *       what Calcite returns ({@code AVG(1.00, 1.01, 1.01)} is {@code 1.00}).
 * </ul>
 */
final class AverageFunction extends AbstractAggregateFunction {

    private final int arg;
    private final InternalType result;
    private final int scale;

    AverageFunction(String name, RelDataType resultType, int filterArg, int arg) {
        super(name, resultType, filterArg);
        this.arg = arg;
        this.result = InternalType.of(resultType);
        this.scale = Math.max(resultType.getScale(), 0);
        if (result == InternalType.OTHER) {
            throw new IllegalArgumentException(name + " cannot average values of type " + resultType);
        }
    }

    @Override
    public AggregateState createState() {
        if (result.isIntegral()) {
            return new LongAverage();
        }
        if (result.isFloatingPoint()) {
            return new DoubleAverage();
        }
        return new DecimalAverage();
    }

    @Override
    public boolean retractable() {
        return true;
    }

    @Override
    public boolean mergeable() {
        return true;
    }

    private final class LongAverage implements AggregateState {
        private long sum;
        private long count;

        @Override
        public void add(Object[] row) {
            Object value = row[arg];
            if (value != null && accepts(row)) {
                sum += ((Number) value).longValue();
                count++;
            }
        }

        @Override
        public void retract(Object[] row) {
            Object value = row[arg];
            if (value != null && accepts(row)) {
                sum -= ((Number) value).longValue();
                count--;
            }
        }

        @Override
        public Object result() {
            return count == 0 ? null : result.fromLong(sum / count, name);
        }

        @Override
        public void merge(AggregateState other) {
            LongAverage o = (LongAverage) other;
            sum += o.sum;
            count += o.count;
        }

        @Override
        public void writeTo(StateWriter out) {

            out.writeLong(sum).writeLong(count);
        }

        @Override
        public void readFrom(StateReader in) {

            sum = in.readLong();

            count = in.readLong();
        }
    }

    private final class DoubleAverage implements AggregateState {
        private final CompensatedSum sum = new CompensatedSum();
        private long count;

        @Override
        public void add(Object[] row) {
            Object value = row[arg];
            if (value != null && accepts(row)) {
                sum.add(((Number) value).doubleValue());
                count++;
            }
        }

        @Override
        public void retract(Object[] row) {
            Object value = row[arg];
            if (value != null && accepts(row)) {
                sum.subtract(((Number) value).doubleValue());
                if (--count == 0) {
                    sum.reset();
                }
            }
        }

        @Override
        public Object result() {
            return count == 0 ? null : result.fromDouble(sum.value() / count, scale, name);
        }

        @Override
        public void merge(AggregateState other) {
            DoubleAverage o = (DoubleAverage) other;
            sum.merge(o.sum);
            count += o.count;
        }

        @Override
        public void writeTo(StateWriter out) {

            sum.writeTo(out);

            out.writeLong(count);
        }

        @Override
        public void readFrom(StateReader in) {

            sum.readFrom(in);

            count = in.readLong();
        }
    }

    private final class DecimalAverage implements AggregateState {
        private BigDecimal sum = BigDecimal.ZERO;
        private long count;

        @Override
        public void add(Object[] row) {
            Object value = row[arg];
            if (value != null && accepts(row)) {
                sum = sum.add(Numbers.toBigDecimal(value));
                count++;
            }
        }

        @Override
        public void retract(Object[] row) {
            Object value = row[arg];
            if (value != null && accepts(row)) {
                sum = sum.subtract(Numbers.toBigDecimal(value));
                count--;
            }
        }

        @Override
        public Object result() {
            return count == 0 ? null : sum.divide(BigDecimal.valueOf(count), scale, RoundingMode.DOWN);
        }

        @Override
        public void merge(AggregateState other) {
            DecimalAverage o = (DecimalAverage) other;
            sum = sum.add(o.sum);
            count += o.count;
        }

        @Override
        public void writeTo(StateWriter out) {

            out.writeValue(sum).writeLong(count);
        }

        @Override
        public void readFrom(StateReader in) {

            sum = (BigDecimal) in.readValue();

            count = in.readLong();
        }
    }
}
