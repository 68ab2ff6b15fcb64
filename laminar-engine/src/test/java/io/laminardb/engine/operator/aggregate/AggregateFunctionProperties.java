package io.laminardb.engine.operator.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Differential properties: after random adds and retracts (of rows added and still present), with nulls, every
 * function's result equals the same aggregate computed directly, with exact arithmetic, over the rows that remain.
 */
class AggregateFunctionProperties {

    private static final PlannedAggregate PLAN = PlannedAggregate.plan("SELECT COUNT(*), COUNT(i), COUNT(i, k),"
            + " COUNT(DISTINCT b), SUM(i), SUM(b), SUM(d), SUM(m), AVG(i), AVG(b), AVG(d), AVG(m), MIN(i), MAX(k),"
            + " MIN(d), MAX(m), MIN(b), STDDEV_POP(i), STDDEV_SAMP(d), VAR_POP(m), VAR_SAMP(b), STDDEV_SAMP(m),"
            + " VAR_POP(d), SUM(DISTINCT i), AVG(DISTINCT d), COUNT(*) FILTER (WHERE bo), MAX(b) FILTER (WHERE bo),"
            + " SUM(d) FILTER (WHERE bo), APPROX_COUNT_DISTINCT(k), COUNT(DISTINCT i, k) FROM t");

    /** The planned calls and FIRST_VALUE / LAST_VALUE, which the validator allows only with OVER. */
    private static final List<AggregateCall> CALLS = calls();

    /** One step: add {@code row}, or retract the present row at {@code pick} modulo the number present. */
    record Step(boolean retract, int pick, Object[] row) {}

    @Property(tries = 300)
    void everyFunctionEqualsTheAggregateOfTheRemainingRows(@ForAll("steps") List<Step> steps) {
        List<AggregateState> states = states(true);
        List<Object[]> present = new ArrayList<>();
        Map<Integer, List<Object>> arrivals = arrivalModels();
        for (Step step : steps) {
            if (step.retract() && !present.isEmpty()) {
                Object[] row = present.remove(step.pick() % present.size());
                states.forEach(state -> state.retract(row.clone()));
                arrivals.forEach((index, values) -> retractArrival(CALLS.get(index), values, row));
            } else {
                present.add(step.row());
                states.forEach(state -> state.add(step.row().clone()));
                arrivals.forEach((index, values) -> addArrival(CALLS.get(index), values, step.row()));
            }
        }
        for (int i = 0; i < CALLS.size(); i++) {
            AggregateCall call = CALLS.get(i);
            Object expected = arrivals.containsKey(i) ? arrival(call, arrivals.get(i)) : expected(call, present);
            assertMatches(call, expected, states.get(i).result());
        }
    }

    @Property(tries = 300)
    void insertOnlyFunctionsEqualTheAggregateOfTheRows(@ForAll("steps") List<Step> steps) {
        List<AggregateState> states = states(false);
        List<Object[]> rows = new ArrayList<>();
        Map<Integer, List<Object>> arrivals = arrivalModels();
        for (Step step : steps) {
            rows.add(step.row());
            states.forEach(state -> state.add(step.row().clone()));
            arrivals.forEach((index, values) -> addArrival(CALLS.get(index), values, step.row()));
        }
        for (int i = 0; i < CALLS.size(); i++) {
            AggregateCall call = CALLS.get(i);
            Object actual = states.get(i).result();
            if (call.isApproximate()) {
                // Few distinct values: the sketch is still in its exact list mode.
                assertThat(actual).as("%s", call).isEqualTo(expected(call, rows));
                continue;
            }
            Object expected = arrivals.containsKey(i) ? arrival(call, arrivals.get(i)) : expected(call, rows);
            assertMatches(call, expected, actual);
        }
    }

    @Property(tries = 20)
    void approxCountDistinctIsWithinTheSketchErrorBound(
            @ForAll @IntRange(min = 1000, max = 5000) int distinct, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Set<Long> values = new HashSet<>();
        while (values.size() < distinct) {
            values.add(random.nextLong());
        }
        // Two spellings of the same values, so that two different sets of hashes are checked.
        AggregateState plain = PLAN.function(28, false).createState();
        AggregateState prefixed = PLAN.function(28, false).createState();
        for (long value : values) {
            for (int copies = random.nextInt(1, 4); copies > 0; copies--) {
                plain.add(PLAN.row("k", Long.toString(value)));
                prefixed.add(PLAN.row("k", "v" + value));
            }
        }

        // lgK 12: relative standard error about 1.3% with the HIP estimator; 5% is about four of them.
        long tolerance = Math.round(distinct * 0.05);
        assertThat((Long) plain.result()).isBetween(distinct - tolerance, distinct + tolerance);
        assertThat((Long) prefixed.result()).isBetween(distinct - tolerance, distinct + tolerance);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Integer> i = Arbitraries.integers().between(-50, 50).injectNull(0.15);
        Arbitrary<Long> b = Arbitraries.oneOf(
                        Arbitraries.longs().between(-5, 5),
                        Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L))
                .injectNull(0.15);
        Arbitrary<Double> d = Arbitraries.oneOf(
                        Arbitraries.integers().between(-4000, 4000).map(x -> x / 4.0), Arbitraries.of(-0.0, 0.0))
                .injectNull(0.15);
        Arbitrary<BigDecimal> m = Arbitraries.integers()
                .between(-100_000, 100_000)
                .map(x -> BigDecimal.valueOf(x, 2))
                .injectNull(0.15);
        Arbitrary<String> k = Arbitraries.of("", "a", "b", "c", "dd", "e").injectNull(0.15);
        Arbitrary<Boolean> bo = Arbitraries.of(true, false).injectNull(0.2);
        Arbitrary<Object[]> rows = Combinators.combine(i, b, d, m, k, bo)
                .as((iv, bv, dv, mv, kv, bov) -> PLAN.row("i", iv, "b", bv, "d", dv, "m", mv, "k", kv, "bo", bov));
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 1000),
                        rows)
                .as((kind, pick, row) -> new Step(kind == 0, pick, row));
        return step.list().ofMaxSize(60);
    }

    private static List<AggregateCall> calls() {
        List<AggregateCall> calls = new ArrayList<>(PLAN.calls);
        int filter = PLAN.calls.get(25).filterArg;
        calls.add(PLAN.call(SqlStdOperatorTable.FIRST_VALUE, PLAN.input("k"), -1));
        calls.add(PLAN.call(SqlStdOperatorTable.LAST_VALUE, PLAN.input("i"), -1));
        calls.add(PLAN.call(SqlStdOperatorTable.FIRST_VALUE, PLAN.input("d"), filter));
        calls.add(PLAN.call(SqlStdOperatorTable.LAST_VALUE, PLAN.input("m"), filter));
        return calls;
    }

    private static List<AggregateState> states(boolean retractions) {
        List<AggregateState> states = new ArrayList<>();
        for (AggregateCall call : CALLS) {
            states.add(
                    AggregateFunctions.of(call, PLAN.inputRowType, retractions).createState());
        }
        return states;
    }

    // The model of FIRST_VALUE and LAST_VALUE: present values in arrival order; a retraction takes out the oldest
    // occurrence of an equal value, which is the documented rule.

    private static Map<Integer, List<Object>> arrivalModels() {
        Map<Integer, List<Object>> models = new LinkedHashMap<>();
        for (int i = 0; i < CALLS.size(); i++) {
            SqlKind kind = CALLS.get(i).getAggregation().getKind();
            if (kind == SqlKind.FIRST_VALUE || kind == SqlKind.LAST_VALUE) {
                models.put(i, new ArrayList<>());
            }
        }
        return models;
    }

    private static void addArrival(AggregateCall call, List<Object> values, Object[] row) {
        Object value = row[call.getArgList().get(0)];
        if (value != null && accepts(call, row)) {
            values.add(value);
        }
    }

    private static void retractArrival(AggregateCall call, List<Object> values, Object[] row) {
        Object value = row[call.getArgList().get(0)];
        if (value != null && accepts(call, row)) {
            for (int i = 0; i < values.size(); i++) {
                if (sqlEquals(values.get(i), value)) {
                    values.remove(i);
                    return;
                }
            }
        }
    }

    private static Object arrival(AggregateCall call, List<Object> values) {
        if (values.isEmpty()) {
            return null;
        }
        return call.getAggregation().getKind() == SqlKind.FIRST_VALUE ? values.get(0) : values.get(values.size() - 1);
    }

    /** The aggregate of {@code call} over {@code rows}, computed from scratch with exact arithmetic. */
    private static Object expected(AggregateCall call, List<Object[]> rows) {
        List<Integer> args = call.getArgList();
        List<List<Object>> tuples = new ArrayList<>();
        for (Object[] row : rows) {
            if (!accepts(call, row)) {
                continue;
            }
            List<Object> tuple = new ArrayList<>();
            for (int arg : args) {
                tuple.add(row[arg]);
            }
            if (!tuple.contains(null)) {
                tuples.add(tuple);
            }
        }
        if (call.isDistinct()) {
            List<List<Object>> distinct = new ArrayList<>();
            for (List<Object> tuple : tuples) {
                if (distinct.stream().noneMatch(seen -> sameTuple(seen, tuple))) {
                    distinct.add(tuple);
                }
            }
            tuples = distinct;
        }
        SqlKind kind = call.getAggregation().getKind();
        if (kind == SqlKind.COUNT) {
            return (long) tuples.size();
        }
        List<Object> values = new ArrayList<>();
        tuples.forEach(tuple -> values.add(tuple.get(0)));
        if (values.isEmpty()) {
            return null;
        }
        if (kind == SqlKind.MIN || kind == SqlKind.MAX) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            List<Comparable> comparables = (List) values;
            return kind == SqlKind.MIN ? Collections.min(comparables) : Collections.max(comparables);
        }
        SqlTypeName type = call.getType().getSqlTypeName();
        int scale = Math.max(call.getType().getScale(), 0);
        BigDecimal n = BigDecimal.valueOf(values.size());
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal squares = BigDecimal.ZERO;
        for (Object value : values) {
            BigDecimal x = decimal(value);
            sum = sum.add(x);
            squares = squares.add(x.multiply(x));
        }
        switch (kind) {
            case SUM:
                return typed(sum, type, scale);
            case AVG:
                return type == SqlTypeName.DOUBLE
                        ? typed(sum.divide(n, MathContext.DECIMAL128), type, scale)
                        : typed(sum.divide(n, scale, RoundingMode.DOWN), type, scale);
            default:
                boolean sample = kind == SqlKind.VAR_SAMP || kind == SqlKind.STDDEV_SAMP;
                boolean root = kind == SqlKind.STDDEV_POP || kind == SqlKind.STDDEV_SAMP;
                if (sample && values.size() == 1) {
                    return null;
                }
                BigDecimal numerator = n.multiply(squares).subtract(sum.multiply(sum));
                BigDecimal denominator = n.multiply(sample ? n.subtract(BigDecimal.ONE) : n);
                BigDecimal variance = numerator.divide(denominator, MathContext.DECIMAL128);
                BigDecimal value = root ? variance.sqrt(MathContext.DECIMAL128) : variance;
                return type == SqlTypeName.DOUBLE
                        ? typed(value, type, scale)
                        : typed(value.setScale(scale, RoundingMode.DOWN), type, scale);
        }
    }

    private static Object typed(BigDecimal value, SqlTypeName type, int scale) {
        return switch (type) {
            case INTEGER -> value.intValue();
            case BIGINT -> value.longValue();
            case DOUBLE -> value.doubleValue();
            case DECIMAL -> value.setScale(scale, RoundingMode.DOWN);
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Double d) {
            return new BigDecimal(d);
        }
        return BigDecimal.valueOf(((Number) value).longValue());
    }

    private static boolean accepts(AggregateCall call, Object[] row) {
        return call.filterArg < 0 || Boolean.TRUE.equals(row[call.filterArg]);
    }

    private static boolean sameTuple(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!sqlEquals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** SQL equality: 1.0 = 1.00, -0.0 = 0.0. */
    private static boolean sqlEquals(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof Double x && b instanceof Double y) {
            return x.doubleValue() == y.doubleValue() || (x.isNaN() && y.isNaN());
        }
        return Objects.equals(a, b);
    }

    private static void assertMatches(AggregateCall call, Object expected, Object actual) {
        if (expected == null) {
            assertThat(actual).as("%s", call).isNull();
            return;
        }
        assertThat(actual).as("%s", call).isNotNull();
        assertThat(actual.getClass()).as("class of %s", call).isEqualTo(expected.getClass());
        if (expected instanceof Double e) {
            double a = (Double) actual;
            assertThat(Math.abs(a - e))
                    .as("%s: %s against %s", call, a, e)
                    .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(e)));
        } else {
            assertThat(actual).as("%s", call).isEqualTo(expected);
        }
    }
}
