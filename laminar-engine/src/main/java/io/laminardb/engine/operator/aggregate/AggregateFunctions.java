package io.laminardb.engine.operator.aggregate;

import io.laminardb.engine.SqlValidationException;
import java.util.List;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlKind;

/**
 * Turns the aggregate calls of a planned {@code LogicalAggregate} into {@link AggregateFunction}s. Stateless.
 *
 * <p>Supported, by Calcite's {@link SqlKind}: {@code COUNT} ({@code COUNT(*)}, {@code COUNT(x, ...)}, {@code
 * COUNT(DISTINCT ...)}, and {@code APPROX_COUNT_DISTINCT}, which Calcite plans as an approximate distinct {@code
 * COUNT}), {@code SUM}, {@code SUM0}, {@code AVG}, {@code MIN}, {@code MAX}, {@code FIRST_VALUE}, {@code LAST_VALUE},
 * {@code ANY_VALUE}, {@code STDDEV_POP}, {@code STDDEV_SAMP} (also {@code STDDEV}), {@code VAR_POP}, {@code VAR_SAMP}
 * (also {@code VARIANCE}) and {@code SINGLE_VALUE}; each with {@code FILTER (WHERE ...)}.
 */
public final class AggregateFunctions {

    private static final String SUPPORTED = "COUNT, SUM, AVG, MIN, MAX, FIRST_VALUE, LAST_VALUE, ANY_VALUE, "
            + "STDDEV_POP, STDDEV_SAMP, STDDEV, VAR_POP, VAR_SAMP, VARIANCE, APPROX_COUNT_DISTINCT";

    private AggregateFunctions() {}

    /**
     * The function of one aggregate call.
     *
     * @param call a call of the aggregate, with its arguments and filter as indexes into {@code inputRowType}
     * @param inputRowType the row type of the aggregate's input
     * @param retractionsExpected whether the input is a changelog whose deletions will be {@linkplain
     *     AggregateState#retract retracted}; when false, {@code MIN}, {@code MAX}, {@code FIRST_VALUE}, {@code
     *     LAST_VALUE} and {@code APPROX_COUNT_DISTINCT} keep only running values and cannot retract
     * @throws SqlValidationException naming the function when it, or the way it is called, is not supported
     */
    public static AggregateFunction of(AggregateCall call, RelDataType inputRowType, boolean retractionsExpected) {
        String name = call.getAggregation().getName();
        SqlKind kind = call.getAggregation().getKind();
        if (call.distinctKeys != null) {
            throw unsupported(name + " WITHIN DISTINCT is not supported");
        }
        if (call.hasCollation()) {
            throw unsupported(name + " WITHIN GROUP (ORDER BY ...) is not supported");
        }
        int[] args = arguments(call, inputRowType);
        int filter = call.filterArg;
        if (filter >= inputRowType.getFieldCount()) {
            throw new IllegalArgumentException(
                    "Filter column " + filter + " of " + call + " is not in " + inputRowType);
        }
        RelDataType type = call.getType();
        boolean distinct = call.isDistinct();

        if (kind == SqlKind.COUNT) {
            if (distinct && call.isApproximate()) {
                String approx = "APPROX_COUNT_DISTINCT";
                return retractionsExpected
                        ? new DistinctFunction(approx, type, filter, args, new CountFunction(approx, type, -1, args))
                        : new ApproxCountDistinctFunction(approx, type, filter, args);
            }
            return distinct
                    ? new DistinctFunction(name, type, filter, args, new CountFunction(name, type, -1, args))
                    : new CountFunction(name, type, filter, args);
        }
        switch (kind) {
            case SUM, SUM0, AVG, STDDEV_POP, STDDEV_SAMP, VAR_POP, VAR_SAMP -> {
                int arg = single(name, args);
                if (!distinct) {
                    return arithmetic(name, kind, type, filter, arg, inputRowType);
                }
                AggregateFunction inner = arithmetic(name, kind, type, -1, arg, inputRowType);
                return new DistinctFunction(name, type, filter, args, inner);
            }
            case MIN, MAX -> {
                // MIN(DISTINCT x) is MIN(x); Calcite usually drops the DISTINCT itself.
                return new MinMaxFunction(
                        name, type, filter, single(name, args), kind == SqlKind.MAX, retractionsExpected);
            }
            case FIRST_VALUE, LAST_VALUE, ANY_VALUE -> {
                if (distinct && kind != SqlKind.ANY_VALUE) {
                    throw unsupported(name + "(DISTINCT ...) is not supported");
                }
                return new ArrivalOrderFunction(
                        name, type, filter, single(name, args), kind == SqlKind.LAST_VALUE, retractionsExpected);
            }
            case SINGLE_VALUE -> {
                if (distinct) {
                    throw unsupported(name + "(DISTINCT ...) is not supported");
                }
                return new SingleValueFunction(name, type, filter, single(name, args), retractionsExpected);
            }
            default -> throw unsupported("Aggregate function " + name + " is not supported. Supported: " + SUPPORTED);
        }
    }

    private static AggregateFunction arithmetic(
            String name, SqlKind kind, RelDataType type, int filter, int arg, RelDataType inputRowType) {
        RelDataType argumentType = inputRowType.getFieldList().get(arg).getType();
        if (InternalType.of(type) == InternalType.OTHER || InternalType.of(argumentType) == InternalType.OTHER) {
            throw unsupported(name + " of " + argumentType.getFullTypeString() + " is not supported");
        }
        return switch (kind) {
            case SUM -> new SumFunction(name, type, filter, arg, false);
            case SUM0 -> new SumFunction(name, type, filter, arg, true);
            case AVG -> new AverageFunction(name, type, filter, arg);
            case VAR_POP -> new VarianceFunction(name, type, filter, arg, argumentType, false, false);
            case VAR_SAMP -> new VarianceFunction(name, type, filter, arg, argumentType, true, false);
            case STDDEV_POP -> new VarianceFunction(name, type, filter, arg, argumentType, false, true);
            case STDDEV_SAMP -> new VarianceFunction(name, type, filter, arg, argumentType, true, true);
            default -> throw new IllegalArgumentException(kind.toString());
        };
    }

    private static int[] arguments(AggregateCall call, RelDataType inputRowType) {
        List<Integer> list = call.getArgList();
        int[] args = new int[list.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = list.get(i);
            if (args[i] < 0 || args[i] >= inputRowType.getFieldCount()) {
                throw new IllegalArgumentException(
                        "Argument " + args[i] + " of " + call + " is not in " + inputRowType);
            }
        }
        return args;
    }

    private static int single(String name, int[] args) {
        if (args.length != 1) {
            throw unsupported(name + " takes one argument, not " + args.length);
        }
        return args[0];
    }

    private static SqlValidationException unsupported(String message) {
        return new SqlValidationException(message + ".");
    }
}
