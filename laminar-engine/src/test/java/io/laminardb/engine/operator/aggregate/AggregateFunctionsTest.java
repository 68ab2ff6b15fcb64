package io.laminardb.engine.operator.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.SqlValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.junit.jupiter.api.Test;

/** Each function over rows of a planned query: typed results, empty input, nulls, FILTER and DISTINCT. */
class AggregateFunctionsTest {

    @Test
    void countStarCountsEveryRowAndCountOfAColumnSkipsNulls() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT COUNT(*), COUNT(i), COUNT(i, k) FROM t");
        List<Object[]> rows = List.<Object[]>of(
                plan.row("i", 1, "k", "a"), plan.row("i", null, "k", "b"), plan.row("i", 3), plan.row());

        assertThat(results(plan, false, rows)).containsExactly(4L, 2L, 1L);
    }

    @Test
    void overNoRowsCountIsZeroAndEveryOtherFunctionIsNull() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT COUNT(*), COUNT(DISTINCT i), SUM(i), AVG(d), MIN(k),"
                + " MAX(m), STDDEV_POP(i), VAR_SAMP(d), SUM(DISTINCT b), APPROX_COUNT_DISTINCT(k), SINGLE_VALUE(i)"
                + " FROM t");

        for (boolean retractions : new boolean[] {false, true}) {
            assertThat(results(plan, retractions, List.of()))
                    .containsExactly(0L, 0L, null, null, null, null, null, null, null, 0L, null);
        }
    }

    @Test
    void sumHasTheTypeCalciteInfersWhichIsTheArgumentType() {
        PlannedAggregate plan =
                PlannedAggregate.plan("SELECT SUM(i), SUM(b), SUM(s), SUM(ti), SUM(d), SUM(r), SUM(m) FROM t");
        List<Object[]> rows = List.<Object[]>of(
                plan.row(
                        "i",
                        1,
                        "b",
                        2L,
                        "s",
                        (short) 3,
                        "ti",
                        (byte) 4,
                        "d",
                        0.5,
                        "r",
                        1.5f,
                        "m",
                        new BigDecimal("1.25")),
                plan.row(
                        "i",
                        10,
                        "b",
                        20L,
                        "s",
                        (short) 30,
                        "ti",
                        (byte) 40,
                        "d",
                        0.25,
                        "r",
                        2.5f,
                        "m",
                        new BigDecimal("2.50")));

        assertThat(results(plan, false, rows))
                .containsExactly(11, 22L, (short) 33, (byte) 44, 0.75, 4.0f, new BigDecimal("3.75"));
        assertThat(plan.calls.get(6).getType().getScale()).isEqualTo(2);
    }

    @Test
    void integerSumWrapsAsJavaIntArithmeticDoes() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT SUM(i), SUM(b) FROM t");
        List<Object[]> rows =
                List.<Object[]>of(plan.row("i", Integer.MAX_VALUE, "b", Long.MAX_VALUE), plan.row("i", 1, "b", 1L));

        assertThat(results(plan, false, rows)).containsExactly(Integer.MIN_VALUE, Long.MIN_VALUE);
    }

    @Test
    void tinyintSumThatDoesNotFitThrowsAsCalciteDoes() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT SUM(ti) FROM t");
        AggregateState state = plan.function(0, false).createState();
        state.add(plan.row("ti", (byte) 127));
        state.add(plan.row("ti", (byte) 1));

        assertThatThrownBy(state::result)
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("128");
    }

    @Test
    void sum0OverNoRowsIsZeroOfTheResultType() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT k, $SUM0(i), $SUM0(d) FROM t GROUP BY k");

        assertThat(results(plan, false, List.of())).containsExactly(0, 0.0);
    }

    @Test
    void averageOfWholeNumbersTruncatesTowardZero() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT AVG(i), AVG(b) FROM t");
        List<Object[]> rows = List.<Object[]>of(plan.row("i", -7, "b", 7L), plan.row("i", 2, "b", -2L));

        assertThat(results(plan, false, rows)).containsExactly(-2, 2L);
    }

    @Test
    void averageOfTinyintsDoesNotOverflowWhereTheSumWould() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT AVG(ti) FROM t");
        List<Object[]> rows =
                List.<Object[]>of(plan.row("ti", (byte) 100), plan.row("ti", (byte) 100), plan.row("ti", (byte) -100));

        assertThat(results(plan, false, rows)).containsExactly((byte) 33);
    }

    @Test
    void averageOfDecimalsTruncatesToTheResultScaleAsCalciteDoes() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT AVG(m) FROM t");
        List<Object[]> rows = List.<Object[]>of(
                plan.row("m", new BigDecimal("1.00")),
                plan.row("m", new BigDecimal("1.01")),
                plan.row("m", new BigDecimal("1.01")));

        assertThat(results(plan, false, rows)).containsExactly(new BigDecimal("1.00"));
    }

    @Test
    void averageOfFloatingPointKeepsDoubleAndReal() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT AVG(d), AVG(r) FROM t");
        List<Object[]> rows =
                List.<Object[]>of(plan.row("d", 1.0, "r", 1.5f), plan.row("d", 2.0, "r", 2.5f), plan.row());

        assertThat(results(plan, false, rows)).containsExactly(1.5, 2.0f);
    }

    @Test
    void variancesOfIntegersAreComputedExactlyThenTruncated() {
        PlannedAggregate plan =
                PlannedAggregate.plan("SELECT STDDEV_POP(i), STDDEV_SAMP(i), VAR_POP(i), VAR_SAMP(i) FROM t");
        List<Object[]> rows = List.<Object[]>of(plan.row("i", 1), plan.row("i", 2), plan.row("i", 4), plan.row("i", 8));

        // Calcite gives the same for these: 2.68, 3.09, 7.19, 9.58 truncated.
        assertThat(results(plan, false, rows)).containsExactly(2, 3, 7, 9);
    }

    @Test
    void sampleVarianceOfOneAndTwoIsHalfTruncatedToZero() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT VAR_SAMP(b), VAR_POP(b) FROM t");

        assertThat(results(plan, false, List.<Object[]>of(plan.row("b", 1L), plan.row("b", 2L))))
                .containsExactly(0L, 0L);
    }

    @Test
    void stddevAndVarianceAreTheSampleFunctions() {
        PlannedAggregate plan = PlannedAggregate.plan(
                "SELECT STDDEV(d), VARIANCE(d), STDDEV_POP(d), VAR_POP(d), STDDEV_SAMP(r) FROM t");
        List<Object[]> rows = new ArrayList<>();
        for (double x : new double[] {2, 4, 4, 4, 5, 5, 7, 9}) {
            rows.add(plan.row("d", x, "r", (float) x));
        }

        assertThat(plan.calls.get(0).getAggregation().getKind().name()).isEqualTo("STDDEV_SAMP");
        List<Object> results = results(plan, false, rows);
        assertThat((Double) results.get(0)).isCloseTo(Math.sqrt(32.0 / 7), within());
        assertThat((Double) results.get(1)).isCloseTo(32.0 / 7, within());
        assertThat(results.subList(2, 5)).containsExactly(2.0, 4.0, (float) Math.sqrt(32.0 / 7));
    }

    @Test
    void sampleVarianceOfOneValueIsNullAndPopulationVarianceIsZero() {
        PlannedAggregate plan = PlannedAggregate.plan(
                "SELECT VAR_SAMP(d), STDDEV_SAMP(i), VAR_POP(d), STDDEV_POP(i), VAR_POP(m) FROM t");

        assertThat(results(plan, false, List.<Object[]>of(plan.row("d", 1.5, "i", 3, "m", new BigDecimal("2.00")))))
                .containsExactly(null, null, 0.0, 0, new BigDecimal("0.00"));
    }

    @Test
    void decimalVariancesTruncateToTheResultScale() {
        PlannedAggregate plan =
                PlannedAggregate.plan("SELECT STDDEV_POP(m), STDDEV_SAMP(m), VAR_POP(m), VAR_SAMP(m) FROM t");
        List<Object[]> rows = List.<Object[]>of(
                plan.row("m", new BigDecimal("1.00")),
                plan.row("m", new BigDecimal("1.01")),
                plan.row("m", new BigDecimal("1.05")));

        // As Calcite: 0.0216, 0.0265, 0.000467, 0.0007 truncated at two places.
        assertThat(results(plan, false, rows))
                .containsExactly(
                        new BigDecimal("0.02"), new BigDecimal("0.02"), new BigDecimal("0.00"), new BigDecimal("0.00"));
    }

    @Test
    void minAndMaxKeepTheClassOfTheColumnOnBothPaths() {
        PlannedAggregate plan = PlannedAggregate.plan(
                "SELECT MIN(k), MAX(ts), MIN(dt), MAX(bo), MIN(m), MAX(r), MIN(s), MAX(ti), MIN(d), MAX(b) FROM t");
        List<Object[]> rows = List.<Object[]>of(
                plan.row(
                        "k",
                        "b",
                        "ts",
                        5L,
                        "dt",
                        7,
                        "bo",
                        false,
                        "m",
                        new BigDecimal("1.50"),
                        "r",
                        1.5f,
                        "s",
                        (short) 2,
                        "ti",
                        (byte) -1,
                        "d",
                        -0.5,
                        "b",
                        -3L),
                plan.row(
                        "k",
                        "a",
                        "ts",
                        9L,
                        "dt",
                        3,
                        "bo",
                        true,
                        "m",
                        new BigDecimal("0.25"),
                        "r",
                        -1f,
                        "s",
                        (short) -2,
                        "ti",
                        (byte) 4,
                        "d",
                        0.5,
                        "b",
                        3L),
                plan.row());

        for (boolean retractions : new boolean[] {false, true}) {
            assertThat(results(plan, retractions, rows))
                    .containsExactly("a", 9L, 3, true, new BigDecimal("0.25"), 1.5f, (short) -2, (byte) 4, -0.5, 3L);
        }
    }

    @Test
    void filterCountsOnlyRowsWhereTheConditionIsTrue() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT COUNT(*) FILTER (WHERE bo), SUM(i) FILTER (WHERE bo),"
                + " MAX(i) FILTER (WHERE bo), COUNT(DISTINCT i) FILTER (WHERE bo) FROM t");
        List<Object[]> rows = List.<Object[]>of(
                plan.row("i", 1, "bo", true),
                plan.row("i", 100, "bo", false),
                plan.row("i", 1000, "bo", null),
                plan.row("i", 2, "bo", true),
                plan.row("i", 2, "bo", true));

        for (boolean retractions : new boolean[] {false, true}) {
            assertThat(results(plan, retractions, rows)).containsExactly(3L, 5, 2, 2L);
        }
    }

    @Test
    void distinctTakesEachValueOnceAndEqualDecimalsAsOne() {
        PlannedAggregate plan = PlannedAggregate.plan(
                "SELECT COUNT(DISTINCT i), SUM(DISTINCT i), AVG(DISTINCT m), COUNT(DISTINCT m), COUNT(DISTINCT d)"
                        + " FROM t");
        List<Object[]> rows = List.<Object[]>of(
                plan.row("i", 1, "m", new BigDecimal("1.5"), "d", 0.0),
                plan.row("i", 1, "m", new BigDecimal("1.50"), "d", -0.0),
                plan.row("i", 4, "m", new BigDecimal("2.50"), "d", 1.0),
                plan.row("i", null));

        assertThat(results(plan, false, rows)).containsExactly(2L, 5, new BigDecimal("2.00"), 2L, 2L);
    }

    @Test
    void countDistinctOfSeveralColumnsSkipsTuplesWithANull() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT COUNT(DISTINCT i, k) FROM t");
        List<Object[]> rows = List.<Object[]>of(
                plan.row("i", 1, "k", "a"),
                plan.row("i", 1, "k", "a"),
                plan.row("i", 1, "k", "b"),
                plan.row("i", 2, "k", null));

        assertThat(results(plan, false, rows)).containsExactly(2L);
    }

    @Test
    void approxCountDistinctOfFiveThousandValuesIsWithinThreePercent() {
        PlannedAggregate plan =
                PlannedAggregate.plan("SELECT APPROX_COUNT_DISTINCT(k), APPROX_COUNT_DISTINCT(b) FROM t");
        List<Object[]> rows = new ArrayList<>();
        for (int repeat = 0; repeat < 3; repeat++) {
            for (long v = 0; v < 5000; v++) {
                rows.add(plan.row("k", "key-" + v, "b", v * 7919));
            }
        }

        assertThat(plan.function(0, false)).isInstanceOf(ApproxCountDistinctFunction.class);
        for (Object estimate : results(plan, false, rows)) {
            assertThat((Long) estimate).isBetween(4850L, 5150L);
        }
    }

    @Test
    void approxCountDistinctExpectingRetractionsCountsExactly() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT APPROX_COUNT_DISTINCT(k) FROM t");
        AggregateFunction function = plan.function(0, true);
        AggregateState state = function.createState();
        for (int v = 0; v < 2000; v++) {
            state.add(plan.row("k", "key-" + v));
            state.add(plan.row("k", "key-" + v));
        }
        state.retract(plan.row("k", "key-0"));
        state.retract(plan.row("k", "key-1"));
        state.retract(plan.row("k", "key-1"));

        assertThat(function.retractable()).isTrue();
        assertThat(state.result()).isEqualTo(1999L);
    }

    @Test
    void firstAndLastValueSkipNullsAndAnyValueIsTheFirst() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT ANY_VALUE(i) FROM t");
        int i = plan.input("i");
        List<Object[]> rows =
                List.<Object[]>of(plan.row(), plan.row("i", 3), plan.row("i", 1), plan.row("i", 2), plan.row());

        for (boolean retractions : new boolean[] {false, true}) {
            AggregateFunction first = AggregateFunctions.of(
                    plan.call(SqlStdOperatorTable.FIRST_VALUE, i, -1), plan.inputRowType, retractions);
            AggregateFunction last = AggregateFunctions.of(
                    plan.call(SqlStdOperatorTable.LAST_VALUE, i, -1), plan.inputRowType, retractions);
            assertThat(aggregate(first, rows)).isEqualTo(3);
            assertThat(aggregate(last, rows)).isEqualTo(2);
            assertThat(aggregate(plan.function(0, retractions), rows)).isEqualTo(3);
            assertThat(aggregate(first, List.<Object[]>of(plan.row()))).isNull();
        }
    }

    @Test
    void singleValueOfOneRowIsItsValueEvenNullAndOfTwoRowsFails() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT SINGLE_VALUE(i) FROM t");

        for (boolean retractions : new boolean[] {false, true}) {
            AggregateFunction function = plan.function(0, retractions);
            assertThat(aggregate(function, List.<Object[]>of(plan.row("i", 7)))).isEqualTo(7);
            assertThat(aggregate(function, List.<Object[]>of(plan.row()))).isNull();
            assertThatThrownBy(() -> aggregate(function, List.<Object[]>of(plan.row("i", 7), plan.row())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("more than one value in agg SINGLE_VALUE");
        }
    }

    @Test
    void unsupportedFunctionIsRejectedByName() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT BIT_AND(i) FROM t");

        assertThatThrownBy(() -> plan.function(0, false))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("BIT_AND")
                .hasMessageContaining("Supported: COUNT");
    }

    @Test
    void lastValueOfDistinctValuesIsRejected() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT MAX(i) FROM t");
        int i = plan.input("i");
        var call = plan.call(SqlStdOperatorTable.LAST_VALUE, i, -1);
        var distinct = call.withDistinct(true);

        assertThatThrownBy(() -> AggregateFunctions.of(distinct, plan.inputRowType, true))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("LAST_VALUE(DISTINCT");
    }

    @Test
    void insertOnlyStatesOfOrderFunctionsRefuseRetraction() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT MIN(i), MAX(k), COUNT(*), SUM(d), VAR_POP(b) FROM t");
        List<AggregateFunction> functions = plan.functions(false);

        assertThat(functions)
                .extracting(AggregateFunction::retractable)
                .containsExactly(false, false, true, true, true);
        assertThatThrownBy(() -> functions.get(0).createState().retract(plan.row("i", 1)))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("MIN");
    }

    @Test
    void resultTypeIsTheTypeOfTheCall() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT SUM(m), COUNT(*) FROM t");

        assertThat(plan.function(0, false).resultType())
                .isSameAs(plan.calls.get(0).getType());
        assertThat(plan.function(1, true).resultType())
                .isSameAs(plan.calls.get(1).getType());
    }

    static List<Object> results(PlannedAggregate plan, boolean retractions, List<Object[]> rows) {
        List<Object> results = new ArrayList<>();
        for (AggregateFunction function : plan.functions(retractions)) {
            results.add(aggregate(function, rows));
        }
        return results;
    }

    static Object aggregate(AggregateFunction function, List<Object[]> rows) {
        AggregateState state = function.createState();
        for (Object[] row : rows) {
            state.add(Arrays.copyOf(row, row.length));
        }
        return state.result();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-12);
    }
}
