package io.laminardb.engine.operator.aggregate;

import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import org.apache.calcite.rel.type.RelDataType;

/**
 * {@code VAR_POP}, {@code VAR_SAMP} ({@code VARIANCE}), {@code STDDEV_POP} and {@code STDDEV_SAMP} ({@code STDDEV}).
 * The result type is Calcite's (the argument's type under its default type system). How each argument type is
 * accumulated, and why:
 *
 * <ul>
 *   <li>Whole numbers: the count, the sum and the sum of squares exactly, the sums in 128-bit two's complement held in
 *       two {@code long}s each (no allocation per row). Retraction subtracts exactly. The result is computed exactly and
 *       truncated to the result type: for an {@code INTEGER} result {@code floor(variance)} and {@code
 *       floor(sqrt(variance))}. Calcite's own reduction ({@code (SUM(x*x) - SUM(x)*SUM(x)/COUNT(x)) / COUNT(x)} in the
 *       argument type) truncates an intermediate quotient and can wrap, so it can differ: {@code VAR_SAMP(1, 2)} is
 *       {@code 0} here (0.5 truncated) and {@code 1} in Calcite.
 *   <li>{@code DECIMAL}: the same exact sums over the unscaled values, in {@link BigInteger}s; the result is truncated to
 *       the result type's scale, as Calcite truncates decimal results.
 *   <li>{@code DOUBLE} and {@code REAL}: sums of {@code x - K} and {@code (x - K)^2} in {@link CompensatedSum}s, where
 *       the shift {@code K} is the first finite value of the group. The shift keeps the classic {@code S2 - S1^2 / n}
 *       from cancelling catastrophically when the mean is large against the spread, and the compensation makes a
 *       retraction an (almost) exact inverse of its add, which Welford's update run backwards is not: its mean drifts
 *       with every removal. Infinities and NaN make the result NaN and leave no trace when retracted.
 * </ul>
 */
final class VarianceFunction extends AbstractAggregateFunction {

    private final int arg;
    private final boolean sample;
    private final boolean squareRoot;
    private final InternalType argument;
    private final int argumentScale;
    private final InternalType result;
    private final int scale;

    VarianceFunction(
            String name,
            RelDataType resultType,
            int filterArg,
            int arg,
            RelDataType argumentType,
            boolean sample,
            boolean squareRoot) {
        super(name, resultType, filterArg);
        this.arg = arg;
        this.sample = sample;
        this.squareRoot = squareRoot;
        this.argument = InternalType.of(argumentType);
        this.argumentScale = Math.max(argumentType.getScale(), 0);
        this.result = InternalType.of(resultType);
        this.scale = Math.max(resultType.getScale(), 0);
        if (argument == InternalType.OTHER || result == InternalType.OTHER) {
            throw new IllegalArgumentException(name + " cannot compute over values of type " + argumentType);
        }
    }

    @Override
    public AggregateState createState() {
        if (argument.isIntegral()) {
            return new LongMoments();
        }
        if (argument == InternalType.DECIMAL) {
            return new DecimalMoments();
        }
        return new DoubleMoments();
    }

    @Override
    public boolean retractable() {
        return true;
    }

    /** Whole-number and decimal arguments keep exact sums, which add; the shifted double sums do not merge. */
    @Override
    public boolean mergeable() {
        return argument.isIntegral() || argument == InternalType.DECIMAL;
    }

    /** Whole-number arguments: n, Σx and Σx² in 128 bits each (hi, lo). */
    private final class LongMoments implements AggregateState {
        private long count;
        private long sumHi;
        private long sumLo;
        private long squaresHi;
        private long squaresLo;

        @Override
        public void add(Object[] row) {
            Object value = row[arg];
            if (value != null && accepts(row)) {
                long x = ((Number) value).longValue();
                count++;
                long lo = sumLo + x;
                sumHi += (x >> 63) + (Long.compareUnsigned(lo, sumLo) < 0 ? 1 : 0);
                sumLo = lo;
                long squareLo = x * x;
                lo = squaresLo + squareLo;
                squaresHi += Math.multiplyHigh(x, x) + (Long.compareUnsigned(lo, squaresLo) < 0 ? 1 : 0);
                squaresLo = lo;
            }
        }

        @Override
        public void retract(Object[] row) {
            Object value = row[arg];
            if (value != null && accepts(row)) {
                long x = ((Number) value).longValue();
                count--;
                long lo = sumLo - x;
                sumHi -= (x >> 63) + (Long.compareUnsigned(sumLo, x) < 0 ? 1 : 0);
                sumLo = lo;
                long squareLo = x * x;
                lo = squaresLo - squareLo;
                squaresHi -= Math.multiplyHigh(x, x) + (Long.compareUnsigned(squaresLo, squareLo) < 0 ? 1 : 0);
                squaresLo = lo;
            }
        }

        @Override
        public Object result() {
            return exact(count, toBigInteger(sumHi, sumLo), toBigInteger(squaresHi, squaresLo), 0);
        }

        @Override
        public void merge(AggregateState other) {
            LongMoments o = (LongMoments) other;
            count += o.count;
            long lo = sumLo + o.sumLo;
            sumHi += o.sumHi + (Long.compareUnsigned(lo, sumLo) < 0 ? 1 : 0);
            sumLo = lo;
            lo = squaresLo + o.squaresLo;
            squaresHi += o.squaresHi + (Long.compareUnsigned(lo, squaresLo) < 0 ? 1 : 0);
            squaresLo = lo;
        }

        @Override
        public void writeTo(StateWriter out) {
            out.writeLong(count)
                    .writeLong(sumHi)
                    .writeLong(sumLo)
                    .writeLong(squaresHi)
                    .writeLong(squaresLo);
        }

        @Override
        public void readFrom(StateReader in) {
            count = in.readLong();
            sumHi = in.readLong();
            sumLo = in.readLong();
            squaresHi = in.readLong();
            squaresLo = in.readLong();
        }
    }

    /** Decimal arguments: n, Σu and Σu² over the unscaled values u at the argument's scale. */
    private final class DecimalMoments implements AggregateState {
        private long count;
        private BigInteger sum = BigInteger.ZERO;
        private BigInteger squares = BigInteger.ZERO;

        @Override
        public void add(Object[] row) {
            Object value = row[arg];
            if (value != null && accepts(row)) {
                BigInteger u = unscaled(value);
                count++;
                sum = sum.add(u);
                squares = squares.add(u.multiply(u));
            }
        }

        @Override
        public void retract(Object[] row) {
            Object value = row[arg];
            if (value != null && accepts(row)) {
                BigInteger u = unscaled(value);
                count--;
                sum = sum.subtract(u);
                squares = squares.subtract(u.multiply(u));
            }
        }

        @Override
        public Object result() {
            return exact(count, sum, squares, argumentScale);
        }

        @Override
        public void merge(AggregateState other) {
            DecimalMoments o = (DecimalMoments) other;
            count += o.count;
            sum = sum.add(o.sum);
            squares = squares.add(o.squares);
        }

        private BigInteger unscaled(Object value) {
            return Numbers.toBigDecimal(value)
                    .setScale(argumentScale, RoundingMode.DOWN)
                    .unscaledValue();
        }

        @Override
        public void writeTo(StateWriter out) {
            out.writeLong(count).writeBigInteger(sum).writeBigInteger(squares);
        }

        @Override
        public void readFrom(StateReader in) {
            count = in.readLong();
            sum = in.readBigInteger();
            squares = in.readBigInteger();
        }
    }

    /** Floating-point arguments: shifted, compensated Σ(x-K) and Σ(x-K)²; non-finite values only counted. */
    private final class DoubleMoments implements AggregateState {
        private final CompensatedSum sum = new CompensatedSum();
        private final CompensatedSum squares = new CompensatedSum();
        private long finite;
        private long nonFinite;
        private double shift;

        @Override
        public void add(Object[] row) {
            Object value = row[arg];
            if (value != null && accepts(row)) {
                double x = ((Number) value).doubleValue();
                if (!Double.isFinite(x)) {
                    nonFinite++;
                    return;
                }
                if (finite++ == 0) {
                    shift = x;
                }
                double d = x - shift;
                sum.add(d);
                squares.add(d * d);
            }
        }

        @Override
        public void retract(Object[] row) {
            Object value = row[arg];
            if (value != null && accepts(row)) {
                double x = ((Number) value).doubleValue();
                if (!Double.isFinite(x)) {
                    nonFinite--;
                    return;
                }
                if (--finite == 0) {
                    sum.reset();
                    squares.reset();
                    return;
                }
                double d = x - shift;
                sum.subtract(d);
                squares.subtract(d * d);
            }
        }

        @Override
        public Object result() {
            long n = finite + nonFinite;
            if (n == 0 || (sample && n == 1)) {
                return null;
            }
            double variance;
            if (nonFinite > 0) {
                variance = Double.NaN;
            } else {
                double s1 = sum.value();
                double m2 = squares.value() - s1 * s1 / n;
                variance = Math.max(m2, 0) / (sample ? n - 1 : n);
            }
            return result.fromDouble(squareRoot ? Math.sqrt(variance) : variance, scale, name);
        }

        @Override
        public void writeTo(StateWriter out) {
            sum.writeTo(out);
            squares.writeTo(out);
            out.writeLong(finite).writeLong(nonFinite).writeDouble(shift);
        }

        @Override
        public void readFrom(StateReader in) {
            sum.readFrom(in);
            squares.readFrom(in);
            finite = in.readLong();
            nonFinite = in.readLong();
            shift = in.readDouble();
        }
    }

    /**
     * The exact result from n, Σu and Σu² over values u = x * 10^t: variance = (nΣu² - (Σu)²) / (d * 10^2t) with d =
     * n² (population) or n(n-1) (sample); truncated to the result's scale, or rounded to a double for a floating-point
     * result.
     */
    private Object exact(long count, BigInteger sum, BigInteger squares, int t) {
        if (count == 0 || (sample && count == 1)) {
            return null;
        }
        BigInteger n = BigInteger.valueOf(count);
        BigInteger numerator = n.multiply(squares).subtract(sum.multiply(sum)).max(BigInteger.ZERO);
        BigInteger denominator =
                n.multiply(sample ? n.subtract(BigInteger.ONE) : n).multiply(BigInteger.TEN.pow(2 * t));
        if (result.isFloatingPoint()) {
            double variance = new BigDecimal(numerator)
                    .divide(new BigDecimal(denominator), MathContext.DECIMAL64)
                    .doubleValue();
            return result.fromDouble(squareRoot ? Math.sqrt(variance) : variance, scale, name);
        }
        int s = result == InternalType.DECIMAL ? scale : 0;
        // floor(sqrt(v) * 10^s) = isqrt(floor(v * 10^2s)): truncating before the square root loses nothing.
        BigInteger truncated = squareRoot
                ? numerator
                        .multiply(BigInteger.TEN.pow(2 * s))
                        .divide(denominator)
                        .sqrt()
                : numerator.multiply(BigInteger.TEN.pow(s)).divide(denominator);
        return result == InternalType.DECIMAL
                ? new BigDecimal(truncated, s)
                : result.fromLong(truncated.longValue(), name);
    }

    private static BigInteger toBigInteger(long hi, long lo) {
        BigInteger low = BigInteger.valueOf(lo >>> 1).shiftLeft(1).or(BigInteger.valueOf(lo & 1));
        return BigInteger.valueOf(hi).shiftLeft(64).add(low);
    }
}
