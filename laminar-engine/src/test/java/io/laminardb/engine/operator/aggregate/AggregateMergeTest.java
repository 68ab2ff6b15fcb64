package io.laminardb.engine.operator.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link AggregateState#merge}: the states of the parts of a row set, merged into a fresh state, give what one state
 * over every row gives; the merged-in states are unchanged; functions that cannot merge say so.
 */
class AggregateMergeTest {

    /** Exact functions: merged results equal the one-state results exactly. */
    private static final String EXACT = "SELECT COUNT(*), COUNT(i), COUNT(i, k), COUNT(*) FILTER (WHERE bo),"
            + " SUM(i), SUM(b), SUM(m), SUM(i) FILTER (WHERE bo), AVG(i), AVG(m), MIN(i), MAX(b), MIN(d), MAX(d),"
            + " MIN(k), MAX(k), MIN(ts), MAX(m), VAR_POP(i), STDDEV_SAMP(i), VAR_SAMP(m) FROM t";

    @Test
    void mergedPartsGiveWhatOneStateOverEveryRowGives() {
        PlannedAggregate plan = PlannedAggregate.plan(EXACT);
        for (int seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            List<List<Object[]>> parts = randomParts(plan, random);
            List<Object[]> all = parts.stream().flatMap(List::stream).toList();
            for (AggregateFunction function : plan.functions(false)) {
                assertThat(function.mergeable()).as(function.toString()).isTrue();
                assertThat(merged(function, parts))
                        .as("%s, seed %d", function, seed)
                        .isEqualTo(AggregateFunctionsTest.aggregate(function, all));
            }
        }
    }

    @Test
    void doubleSumsAndAveragesMergeToWithinRounding() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT SUM(d), AVG(d), SUM(r) FROM t");
        for (int seed = 0; seed < 100; seed++) {
            Random random = new Random(seed);
            List<List<Object[]>> parts = randomParts(plan, random);
            List<Object[]> all = parts.stream().flatMap(List::stream).toList();
            for (AggregateFunction function : plan.functions(false)) {
                Object expected = AggregateFunctionsTest.aggregate(function, all);
                Object actual = merged(function, parts);
                if (expected == null) {
                    assertThat(actual).isNull();
                } else {
                    assertThat(((Number) actual).doubleValue())
                            .isCloseTo(((Number) expected).doubleValue(), org.assertj.core.data.Offset.offset(1e-6));
                }
            }
        }
    }

    @Test
    void nonFiniteDoublesMergeAsTheyAdd() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT SUM(d), MAX(d), MIN(d) FROM t");
        List<List<Object[]>> parts = List.of(
                List.<Object[]>of(plan.row("d", Double.POSITIVE_INFINITY), plan.row("d", 1.0)),
                List.<Object[]>of(plan.row("d", Double.NaN)),
                List.<Object[]>of(plan.row("d", Double.NEGATIVE_INFINITY)));
        List<AggregateFunction> functions = plan.functions(false);

        assertThat(merged(functions.get(0), parts)).isEqualTo(Double.NaN);
        assertThat(merged(functions.get(1), parts)).isEqualTo(Double.NaN);
        assertThat(merged(functions.get(2), parts)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(merged(functions.get(0), parts.subList(0, 1))).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void mergingLeavesTheOtherStateUnchangedAndEmptyStatesChangeNothing() {
        PlannedAggregate plan = PlannedAggregate.plan(EXACT);
        Random random = new Random(7);
        List<Object[]> rows = randomParts(plan, random).get(0);
        for (AggregateFunction function : plan.functions(false)) {
            AggregateState other = function.createState();
            rows.forEach(other::add);
            Object before = other.result();
            AggregateState target = function.createState();
            target.merge(function.createState());
            target.merge(other);
            target.merge(function.createState());

            assertThat(other.result()).as(function.toString()).isEqualTo(before);
            assertThat(target.result()).as(function.toString()).isEqualTo(before);
        }
    }

    @Test
    void distinctApproximateArrivalOrderAndRetractingExtremesDoNotMerge() {
        PlannedAggregate plan = PlannedAggregate.plan("SELECT COUNT(DISTINCT i), SUM(DISTINCT b),"
                + " APPROX_COUNT_DISTINCT(k), ANY_VALUE(i), SINGLE_VALUE(i), VAR_POP(d) FROM t");
        for (AggregateFunction function : plan.functions(false)) {
            assertThat(function.mergeable()).as(function.toString()).isFalse();
        }
        PlannedAggregate extremes = PlannedAggregate.plan("SELECT MIN(i), MAX(k) FROM t");
        for (AggregateFunction function : extremes.functions(true)) {
            assertThat(function.mergeable()).isFalse();
            assertThatThrownBy(() -> function.createState().merge(function.createState()))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
        for (AggregateFunction function : extremes.functions(false)) {
            assertThat(function.mergeable()).isTrue();
        }
    }

    private static Object merged(AggregateFunction function, List<List<Object[]>> parts) {
        AggregateState target = function.createState();
        for (List<Object[]> part : parts) {
            AggregateState state = function.createState();
            part.forEach(state::add);
            target.merge(state);
        }
        return target.result();
    }

    /** One to four parts of zero to six rows, with nulls, over a small range so that values repeat. */
    private static List<List<Object[]>> randomParts(PlannedAggregate plan, Random random) {
        List<List<Object[]>> parts = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int p = 0; p < count; p++) {
            List<Object[]> part = new ArrayList<>();
            int rows = random.nextInt(7);
            for (int r = 0; r < rows; r++) {
                part.add(plan.row(
                        "k", maybe(random, "k" + random.nextInt(5)),
                        "i", maybe(random, random.nextInt(21) - 10),
                        "b", maybe(random, random.nextLong()),
                        "d", maybe(random, random.nextInt(2001) / 8.0 - 100),
                        "r", maybe(random, (float) (random.nextInt(201) / 4.0)),
                        "m", maybe(random, BigDecimal.valueOf(random.nextInt(100001) - 50000, 2)),
                        "ts", maybe(random, random.nextLong(1_000_000L)),
                        "bo", maybe(random, random.nextBoolean())));
            }
            parts.add(part);
        }
        return parts;
    }

    private static Object maybe(Random random, Object value) {
        return random.nextInt(6) == 0 ? null : value;
    }
}
