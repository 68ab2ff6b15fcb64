package io.laminardb.engine.operator.aggregate;

import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;

/**
 * A sum of doubles that survives subtraction: Neumaier's compensated summation over the finite values, and counts of
 * the non-finite ones. Retracting a value adds its negation; the compensation term keeps what cancellation would lose
 * (add 1e20, add 1, retract 1e20 leaves 1, where a plain double leaves 0). Infinities and NaN are counted rather than
 * summed because {@code Inf - Inf} is NaN: a retracted infinity must leave no trace.
 *
 * <p>Plain fields, no allocation: the state classes embed one (or copy its logic) per group.
 */
final class CompensatedSum {

    private double sum;
    private double compensation;
    private int nans;
    private int positiveInfinities;
    private int negativeInfinities;

    void add(double value) {
        if (Double.isFinite(value)) {
            accumulate(value);
        } else {
            countNonFinite(value, 1);
        }
    }

    void subtract(double value) {
        if (Double.isFinite(value)) {
            accumulate(-value);
        } else {
            countNonFinite(value, -1);
        }
    }

    double value() {
        if (nans > 0 || (positiveInfinities > 0 && negativeInfinities > 0)) {
            return Double.NaN;
        }
        if (positiveInfinities > 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (negativeInfinities > 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return sum + compensation;
    }

    /**
     * Adds what {@code other} holds: its running sum as one value and its compensation to this compensation, its
     * non-finite counts to these. The result can differ from adding {@code other}'s values one by one in the last bits,
     * as any reordering of a floating-point sum can.
     */
    void merge(CompensatedSum other) {
        accumulate(other.sum);
        compensation += other.compensation;
        nans += other.nans;
        positiveInfinities += other.positiveInfinities;
        negativeInfinities += other.negativeInfinities;
    }

    /** Forgets everything; called when the last value is retracted, so that rounding residue does not carry over. */
    void reset() {
        sum = 0;
        compensation = 0;
        nans = 0;
        positiveInfinities = 0;
        negativeInfinities = 0;
    }

    private void accumulate(double value) {
        double t = sum + value;
        if (Math.abs(sum) >= Math.abs(value)) {
            compensation += (sum - t) + value;
        } else {
            compensation += (value - t) + sum;
        }
        sum = t;
    }

    private void countNonFinite(double value, int delta) {
        if (Double.isNaN(value)) {
            nans += delta;
        } else if (value > 0) {
            positiveInfinities += delta;
        } else {
            negativeInfinities += delta;
        }
    }

    /** Writes every field, so that a sum read back goes on exactly as this one would. */
    void writeTo(StateWriter out) {
        out.writeDouble(sum).writeDouble(compensation);
        out.writeInt(nans).writeInt(positiveInfinities).writeInt(negativeInfinities);
    }

    void readFrom(StateReader in) {
        sum = in.readDouble();
        compensation = in.readDouble();
        nans = in.readInt();
        positiveInfinities = in.readInt();
        negativeInfinities = in.readInt();
    }
}
