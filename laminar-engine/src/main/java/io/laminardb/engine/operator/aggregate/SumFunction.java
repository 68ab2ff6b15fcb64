package io.laminardb.engine.operator.aggregate;

import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.calcite.rel.type.RelDataType;

/**
 * {@code SUM(x)} and {@code $SUM0(x)} (the sum that is zero rather than null over no values). The accumulator follows
 * the result type Calcite inferred, which under its default type system is the argument's own type:
 *
 * <ul>
 *   <li>whole numbers in a {@code long}: {@code BIGINT} wraps as Java's {@code long} does and {@code INTEGER} keeps the
 *       low 32 bits, both as Calcite's generated code behaves; a {@code TINYINT} or {@code SMALLINT} sum that does not
 *       fit throws {@link ArithmeticException}, as Calcite's checked narrowing does (checked on the final sum, not on
 *       intermediate ones, so that the order of adds and retracts cannot matter);
 *   <li>{@code DOUBLE} and {@code REAL} in a {@link CompensatedSum};
 *   <li>{@code DECIMAL} exactly, in a {@link BigDecimal} at the result type's scale.
 * </ul>
 *
 * <p>All retract by subtraction.
 */
final class SumFunction extends AbstractAggregateFunction {

    private final int arg;
    private final boolean zeroWhenEmpty;
    private final InternalType result;
    private final int scale;

    SumFunction(String name, RelDataType resultType, int filterArg, int arg, boolean zeroWhenEmpty) {
        super(name, resultType, filterArg);
        this.arg = arg;
        this.zeroWhenEmpty = zeroWhenEmpty;
        this.result = InternalType.of(resultType);
        this.scale = Math.max(resultType.getScale(), 0);
        if (result == InternalType.OTHER) {
            throw new IllegalArgumentException(name + " cannot sum values of type " + resultType);
        }
    }

    @Override
    public AggregateState createState() {
        if (result.isIntegral()) {
            return new LongSum();
        }
        if (result.isFloatingPoint()) {
            return new DoubleSum();
        }
        return new DecimalSum();
    }

    @Override
    public boolean retractable() {
        return true;
    }

    @Override
    public boolean mergeable() {
        return true;
    }

    private final class LongSum implements AggregateState {
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
            return count == 0 && !zeroWhenEmpty ? null : result.fromLong(sum, name);
        }

        @Override
        public void merge(AggregateState other) {
            LongSum o = (LongSum) other;
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

    private final class DoubleSum implements AggregateState {
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
            return count == 0 && !zeroWhenEmpty ? null : result.fromDouble(sum.value(), scale, name);
        }

        @Override
        public void merge(AggregateState other) {
            DoubleSum o = (DoubleSum) other;
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

    private final class DecimalSum implements AggregateState {
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
            return count == 0 && !zeroWhenEmpty ? null : sum.setScale(scale, RoundingMode.DOWN);
        }

        @Override
        public void merge(AggregateState other) {
            DecimalSum o = (DecimalSum) other;
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
