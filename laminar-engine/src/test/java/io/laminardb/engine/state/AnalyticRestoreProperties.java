package io.laminardb.engine.state;

import static io.laminardb.engine.state.CheckpointRun.SOURCE;

import io.laminardb.engine.state.CheckpointRun.Step;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Differential properties of checkpoints of analytic queries through SQL: top-N over an append-only stream and over a
 * changelog, and {@code LAG}, {@code LEAD} and rankings in event time, checkpointed at a random step and restored into
 * a new database, give what an uninterrupted run gives (see {@link CheckpointRun}).
 */
class AnalyticRestoreProperties {

    /** Top-N queries: each function, with and without the rank column, over the source and over an aggregate. */
    private static final List<String> TOP_N = List.of(
            SOURCE,
            "CREATE STREAM top_rows AS SELECT * FROM (SELECT k, n, d, ROW_NUMBER() OVER (PARTITION BY k"
                    + " ORDER BY n DESC) AS rn FROM ev) WHERE rn <= 3",
            "CREATE STREAM top_ranks AS SELECT k, d, n FROM (SELECT k, d, n, RANK() OVER (PARTITION BY k ORDER BY d)"
                    + " AS r FROM ev) WHERE r < 3",
            "CREATE STREAM top_dense AS SELECT * FROM (SELECT k, d, DENSE_RANK() OVER (PARTITION BY k ORDER BY d DESC"
                    + " NULLS LAST) AS r FROM ev) WHERE r <= 2",
            "CREATE MATERIALIZED VIEW totals AS SELECT k, SUM(n) AS s, COUNT(*) AS c FROM ev GROUP BY k",
            "CREATE MATERIALIZED VIEW leaders AS SELECT * FROM (SELECT c, k, s, ROW_NUMBER() OVER (PARTITION BY c"
                    + " ORDER BY s DESC, k) AS r FROM totals) WHERE r <= 2",
            "CREATE STREAM inline_leaders AS SELECT * FROM (SELECT k, s, RANK() OVER (ORDER BY s) AS r FROM (SELECT k,"
                    + " SUM(n) AS s FROM ev GROUP BY k)) WHERE r <= 2");

    private static final Map<String, Integer> TOP_N_OUTPUTS =
            Map.of("top_rows", 1, "top_ranks", 1, "top_dense", 1, "leaders", 1, "inline_leaders", 0);

    /** Functions in event time: rows waiting for the watermark and for LEAD are state. */
    private static final List<String> EVENT_TIME = List.of(
            SOURCE,
            "CREATE STREAM lagged AS SELECT k, n, ts, LAG(n) OVER w AS l1, LAG(d, 2, 0.5) OVER w AS l2,"
                    + " LEAD(n) OVER w AS d1, LEAD(d, 2) OVER w AS d2, ROW_NUMBER() OVER w AS rn, RANK() OVER w AS rk,"
                    + " DENSE_RANK() OVER w AS dr FROM ev WINDOW w AS (PARTITION BY k ORDER BY ts)",
            "CREATE STREAM numbered AS SELECT n, ROW_NUMBER() OVER (ORDER BY ts) AS rn, LAG(k) OVER (ORDER BY ts) AS"
                    + " pk FROM ev");

    @Provide
    Arbitrary<List<Step>> events() {
        return CheckpointRun.events(120);
    }

    @Property(tries = 30)
    void topNQueriesRestoreToTheChangesOfAnUninterruptedRun(
            @ForAll("events") List<Step> events, @ForAll @IntRange(max = 100) int split) {
        CheckpointRun run = new CheckpointRun(
                TOP_N, TOP_N_OUTPUTS, List.of("SELECT * FROM leaders", "SELECT c, COUNT(*) FROM leaders GROUP BY c"));

        run.check(events, CheckpointRun.split(events, split));
    }

    @Property(tries = 30)
    void eventTimeFunctionsRestoreToTheChangesOfAnUninterruptedRun(
            @ForAll("events") List<Step> events, @ForAll @IntRange(max = 100) int split) {
        CheckpointRun run = new CheckpointRun(EVENT_TIME, Map.of("lagged", 1, "numbered", 0), List.of());

        run.check(events, CheckpointRun.split(events, split));
    }

    /** Partitioned over two engine threads, restored into one, two or three. */
    @Property(tries = 30)
    void partitionedAnalyticQueriesRestoreIntoAnyNumberOfEngineThreads(
            @ForAll("events") List<Step> events,
            @ForAll @IntRange(max = 100) int split,
            @ForAll @IntRange(min = 1, max = 3) int after) {
        CheckpointRun run = new CheckpointRun(
                List.of(TOP_N.get(0), TOP_N.get(1), TOP_N.get(2), EVENT_TIME.get(1)),
                Map.of("top_rows", 1, "top_ranks", 1, "lagged", 1),
                List.of());

        run.check(events, CheckpointRun.split(events, split), 2, after, 2);
    }

    /**
     * A top-N over an aggregate in one query, each behind an exchange of its own, over two engine threads and restored
     * into one, two or three: its changes depend on how the keys' totals interleave, the rows they leave do not.
     */
    @Property(tries = 25)
    void aTopNOverAnAggregateInOneQueryRestoresIntoAnyNumberOfEngineThreads(
            @ForAll("events") List<Step> events,
            @ForAll @IntRange(max = 100) int split,
            @ForAll @IntRange(min = 1, max = 3) int after) {
        CheckpointRun run = new CheckpointRun(
                List.of(
                        SOURCE,
                        "CREATE STREAM best AS SELECT * FROM (SELECT k, c, s, ROW_NUMBER() OVER (PARTITION BY c ORDER BY"
                                + " s DESC, k) AS r FROM (SELECT k, COUNT(*) AS c, SUM(n) AS s FROM ev GROUP BY k))"
                                + " WHERE r <= 2"),
                Map.of("best", 1),
                List.of());

        run.checkFinalRows(events, CheckpointRun.split(events, split), 2, after, 2);
    }
}
