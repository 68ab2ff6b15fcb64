package io.laminardb.engine.operator.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.junit.jupiter.api.Test;

/**
 * {@link AggregateState#writeTo} and {@link AggregateState#readFrom}: a state read back into a fresh state of the same
 * function goes on exactly as the original, bit for bit, through any later adds and retractions, for every function on
 * both of its paths (insert-only and retracting).
 */
class AggregateStateCheckpointTest {

    private static final String EVERY_FUNCTION = "SELECT COUNT(*), COUNT(i), COUNT(i, k), COUNT(DISTINCT k),"
            + " COUNT(DISTINCT i, k), APPROX_COUNT_DISTINCT(i), APPROX_COUNT_DISTINCT(k), APPROX_COUNT_DISTINCT(k, i),"
            + " SUM(i), SUM(b), SUM(s), SUM(d), SUM(r), SUM(m), SUM(DISTINCT i), SUM(d) FILTER (WHERE bo),"
            + " AVG(i), AVG(d), AVG(r), AVG(m), MIN(i), MAX(b), MIN(d), MAX(r), MIN(k), MAX(m), MIN(ts), MAX(dt),"
            + " MAX(k) FILTER (WHERE bo), STDDEV_POP(i), STDDEV_SAMP(d), VAR_POP(m), VAR_SAMP(r), STDDEV(s),"
            + " VARIANCE(ti), VAR_POP(d) FILTER (WHERE bo) FROM t";

    private final PlannedAggregate plan = PlannedAggregate.plan(EVERY_FUNCTION);

    @Test
    void insertOnlyStatesGoOnAfterARoundTripAsTheOriginals() {
        for (int seed = 0; seed < 80; seed++) {
            for (AggregateFunction function : functions(false)) {
                checkRoundTrip(function, new Random(seed), false);
            }
        }
    }

    @Test
    void retractingStatesGoOnAfterARoundTripAsTheOriginals() {
        for (int seed = 0; seed < 80; seed++) {
            for (AggregateFunction function : functions(true)) {
                checkRoundTrip(function, new Random(seed), true);
            }
        }
    }

    @Test
    void anApproximateCountInFullSketchModeEstimatesAsTheOriginalAfterARoundTrip() {
        AggregateState original = plan.function(5, false).createState();
        for (int i = 0; i < 20_000; i++) {
            original.add(plan.row("i", i * 7919));
        }
        AggregateState restored = roundTrip(plan.function(5, false), original);
        for (int i = 20_000; i < 40_000; i++) {
            original.add(plan.row("i", i * 7919));
            restored.add(plan.row("i", i * 7919));
        }

        assertThat(restored.result()).isEqualTo(original.result());
        assertThat((Long) restored.result()).isBetween(38_000L, 42_000L);
        assertThat(bytes(restored)).isEqualTo(bytes(original));
    }

    @Test
    void aRestoredStateIsIndependentOfTheOriginal() {
        AggregateFunction max = plan.function(plan.calls.size() - 1, true);
        AggregateState original = max.createState();
        original.add(plan.row("d", 1.5, "bo", true));
        AggregateState restored = roundTrip(max, original);

        original.add(plan.row("d", 7.5, "bo", true));

        assertThat(restored.result()).isNotEqualTo(original.result());
    }

    /** Every call of {@link #EVERY_FUNCTION}, and the functions SQL reaches only through rewrites or OVER. */
    private List<AggregateFunction> functions(boolean retractions) {
        List<AggregateFunction> functions = new ArrayList<>(plan.functions(retractions));
        for (SqlAggFunction function : List.of(
                SqlStdOperatorTable.FIRST_VALUE,
                SqlStdOperatorTable.LAST_VALUE,
                SqlStdOperatorTable.ANY_VALUE,
                SqlStdOperatorTable.SINGLE_VALUE,
                SqlStdOperatorTable.SUM0)) {
            List<String> columns =
                    function == SqlStdOperatorTable.SUM0 ? List.of("d", "m", "i") : List.of("k", "d", "m", "i");
            for (String column : columns) {
                functions.add(AggregateFunctions.of(
                        plan.call(function, plan.input(column), -1), plan.inputRowType, retractions));
            }
        }
        return functions;
    }

    /**
     * Adds (and, when {@code retractions}, retracts) random rows; at a random step copies the state through its bytes;
     * then applies the same further steps to both, comparing their results after each.
     */
    private void checkRoundTrip(AggregateFunction function, Random random, boolean retractions) {
        AggregateState original = function.createState();
        List<Object[]> present = new ArrayList<>();
        int steps = random.nextInt(30);
        int split = random.nextInt(steps + 1);
        AggregateState restored = null;
        for (int step = 0; step <= steps; step++) {
            if (step == split) {
                restored = roundTrip(function, original);
                assertThat(outcome(restored))
                        .as("%s right after the round trip", function)
                        .isEqualTo(outcome(original));
            }
            if (step == steps) {
                break;
            }
            if (retractions && !present.isEmpty() && random.nextInt(3) == 0) {
                Object[] row = present.remove(random.nextInt(present.size()));
                original.retract(row);
                if (restored != null) {
                    restored.retract(row);
                }
            } else {
                Object[] row = randomRow(random);
                present.add(row);
                original.add(row);
                if (restored != null) {
                    restored.add(row);
                }
            }
            if (restored != null) {
                assertThat(outcome(restored))
                        .as("%s after step %d", function, step)
                        .isEqualTo(outcome(original));
            }
        }
        assertThat(bytes(restored)).as("%s written again", function).isEqualTo(bytes(original));
    }

    private static AggregateState roundTrip(AggregateFunction function, AggregateState state) {
        StateReader in = StateReader.of(bytes(state));
        AggregateState copy = function.createState();
        copy.readFrom(in);
        in.checkFullyRead();
        return copy;
    }

    private static byte[] bytes(AggregateState state) {
        return StateWriter.toBytes(state::writeTo);
    }

    /** The result, or the error's message for a result that fails (a second value of SINGLE_VALUE). */
    private static Object outcome(AggregateState state) {
        try {
            return state.result();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private Object[] randomRow(Random random) {
        return plan.row(
                "k", maybe(random, "k" + random.nextInt(5)),
                "i", maybe(random, random.nextInt(21) - 10),
                "b", maybe(random, random.nextLong()),
                "s", maybe(random, (short) (random.nextInt(201) - 100)),
                "ti", maybe(random, (byte) (random.nextInt(21) - 10)),
                "d", maybe(random, random.nextInt(2001) / 8.0 - 100 + (random.nextInt(50) == 0 ? 1e-9 : 0)),
                "r", maybe(random, (float) (random.nextInt(201) / 4.0)),
                "m", maybe(random, BigDecimal.valueOf(random.nextInt(100001) - 50000, 2)),
                "ts", maybe(random, random.nextLong(1_000_000L)),
                "dt", maybe(random, random.nextInt(20_000)),
                "bo", maybe(random, random.nextBoolean()));
    }

    private static Object maybe(Random random, Object value) {
        return random.nextInt(6) == 0 ? null : value;
    }
}
