package io.laminardb.engine.state;

import static io.laminardb.engine.state.CheckpointRun.SOURCE;

import io.laminardb.engine.state.CheckpointRun.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Differential properties of checkpoints through SQL: for each kind of stateful query, a random input checkpointed at
 * a random step and restored into a new database gives what an uninterrupted run gives (see {@link CheckpointRun}).
 */
class CheckpointRestoreProperties {

    /** The aggregates of the group and window queries: every function family, on insert-only paths. */
    private static final String AGGREGATES = "COUNT(*) AS c, SUM(d) AS sd, AVG(d) AS ad, MIN(n) AS mn, MAX(d) AS mx,"
            + " COUNT(DISTINCT n) AS dn, APPROX_COUNT_DISTINCT(n) AS an, FIRST_VALUE(d) AS fd, LAST_VALUE(n) AS lv,"
            + " STDDEV_SAMP(d) AS sdd, VAR_POP(n) AS vn, SUM(n) FILTER (WHERE d > 0) AS sp";

    /** Aggregates that merge, so that a {@code HOP} runs through panes. */
    private static final String MERGING =
            "COUNT(*) AS c, SUM(d) AS sd, AVG(n) AS an, MIN(d) AS mn, MAX(n) AS mx," + " STDDEV_POP(n) AS sn";

    @Provide
    Arbitrary<List<Step>> events() {
        return CheckpointRun.events(120);
    }

    @Property(tries = 25)
    void groupAggregatesRestoreToTheChangesOfAnUninterruptedRun(
            @ForAll("events") List<Step> events, @ForAll @IntRange(max = 100) int split) {
        CheckpointRun run = new CheckpointRun(
                List.of(
                        SOURCE,
                        "CREATE STREAM changes AS SELECT k, " + AGGREGATES + " FROM ev GROUP BY k",
                        "CREATE STREAM upserts AS SELECT k, COUNT(*) AS c, SUM(n) AS sn FROM ev GROUP BY k"
                                + " EMIT ON UPDATE",
                        "CREATE STREAM batched AS SELECT k, COUNT(*) AS c, MAX(n) AS mx, AVG(d) AS ad FROM ev"
                                + " GROUP BY k EMIT ON WATERMARK",
                        "CREATE STREAM overall AS SELECT COUNT(*) AS c, SUM(n) AS sn, COUNT(DISTINCT k) AS dk"
                                + " FROM ev"),
                Map.of("changes", 1, "upserts", 1, "batched", 1, "overall", 0),
                List.of());

        run.check(events, CheckpointRun.split(events, split));
    }

    /** {@code TUMBLE} in every emit mode, with each way of handling late rows. */
    @Property(tries = 60)
    void tumblingWindowsRestoreToTheChangesOfAnUninterruptedRun(
            @ForAll("events") List<Step> events,
            @ForAll @IntRange(max = 100) int split,
            @ForAll("windowEmits") String emit,
            @ForAll("lateData") String late) {
        CheckpointRun run = windowed("TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '2' SECOND)", AGGREGATES, emit, late);

        run.check(events, CheckpointRun.split(events, split));
    }

    /** {@code HOP} in every emit mode and late-row handling: through panes where it can, per window otherwise. */
    @Property(tries = 40)
    void hoppingWindowsRestoreToTheChangesOfAnUninterruptedRun(
            @ForAll("events") List<Step> events,
            @ForAll @IntRange(max = 100) int split,
            @ForAll("windowEmits") String emit,
            @ForAll("lateData") String late,
            @ForAll boolean merging) {
        CheckpointRun run = windowed(
                "HOP(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '3' SECOND)",
                merging ? MERGING : AGGREGATES,
                emit,
                late);

        run.check(events, CheckpointRun.split(events, split));
    }

    @Property(tries = 30)
    void sessionWindowsRestoreToTheChangesOfAnUninterruptedRun(
            @ForAll("events") List<Step> events,
            @ForAll @IntRange(max = 100) int split,
            @ForAll("sessionEmits") String emit,
            @ForAll boolean sideOutput) {
        CheckpointRun run = windowed(
                "SESSION(TABLE ev PARTITION BY k, DESCRIPTOR(ts), INTERVAL '1.5' SECOND)",
                AGGREGATES,
                emit,
                sideOutput ? "WITH (late_data = 'side_output') " : "");

        run.check(events, CheckpointRun.split(events, split));
    }

    /**
     * Aggregates over a changelog (a view of an aggregate), which keep retractable state: sorted multisets for {@code
     * MIN} and {@code MAX}, arrival order for {@code FIRST_VALUE} and {@code LAST_VALUE}, exact distinct counts; and
     * the view itself, read with a one-shot query.
     */
    @Property(tries = 25)
    void aggregatesOverAChangelogAndTheViewTheyReadRestore(
            @ForAll("events") List<Step> events, @ForAll @IntRange(max = 100) int split) {
        CheckpointRun run = new CheckpointRun(
                List.of(
                        SOURCE,
                        "CREATE MATERIALIZED VIEW totals AS SELECT k, SUM(n) AS s, COUNT(*) AS c, MAX(d) AS mx"
                                + " FROM ev GROUP BY k",
                        "CREATE STREAM spread AS SELECT c, MIN(s) AS lo, MAX(s) AS hi, FIRST_VALUE(k) AS fk,"
                                + " LAST_VALUE(mx) AS lm, COUNT(DISTINCT s) AS ds, APPROX_COUNT_DISTINCT(k) AS ak,"
                                + " STDDEV_POP(s) AS sd, SUM(mx) AS sm FROM totals GROUP BY c"),
                Map.of("totals", 1, "spread", 1),
                List.of("SELECT * FROM totals", "SELECT c, COUNT(*), SUM(s) FROM totals GROUP BY c"));

        run.check(events, CheckpointRun.split(events, split));
    }

    /**
     * A table written with upserts and deletes between the rows of a stream: the table's rows, an aggregate over it
     * (which retracts), a view of it, and a lookup join of the stream with it.
     */
    @Property(tries = 25)
    void tablesTheirAggregatesAndLookupJoinsRestore(
            @ForAll("tableSteps") List<Step> steps, @ForAll @IntRange(max = 100) int split) {
        CheckpointRun run = new CheckpointRun(
                List.of(
                        SOURCE,
                        "CREATE TABLE t (k VARCHAR NOT NULL, v BIGINT, w DOUBLE, PRIMARY KEY (k))",
                        "CREATE MATERIALIZED VIEW by_v AS SELECT v, COUNT(*) AS c, SUM(w) AS sw, MAX(k) AS mk,"
                                + " MIN(w) AS mw FROM t GROUP BY v",
                        "CREATE STREAM joined AS SELECT ev.k, ev.n, ev.ts, t.v, t.w FROM ev LEFT JOIN t ON ev.k = t.k",
                        "CREATE STREAM matched AS SELECT ev.k, t.v, ev.d * t.w AS dw FROM ev JOIN t ON t.k = ev.k"
                                + " WHERE t.v > 0"),
                Map.of("by_v", 1, "joined", 1, "matched", 1),
                List.of("SELECT * FROM t", "SELECT * FROM by_v"));

        run.check(steps, CheckpointRun.split(steps, split));
    }

    /**
     * {@code EMIT EVERY}, whose batches leave on processing time: when they leave is not state, but which groups wait
     * and what each last handed on is, so the rows the changes leave are those of an uninterrupted run.
     */
    @Property(tries = 20)
    void emitEveryRestoresToTheRowsOfAnUninterruptedRun(
            @ForAll("events") List<Step> events, @ForAll @IntRange(max = 100) int split) {
        CheckpointRun run = new CheckpointRun(
                List.of(
                        SOURCE,
                        "CREATE STREAM periodic AS SELECT k, COUNT(*) AS c, SUM(n) AS sn, MAX(d) AS mx FROM ev"
                                + " GROUP BY k EMIT EVERY INTERVAL '1' MILLISECOND",
                        "CREATE STREAM periodic_window AS SELECT k, window_start, COUNT(*) AS c, AVG(d) AS ad"
                                + " FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '2' SECOND))"
                                + " GROUP BY k, window_start EMIT EVERY INTERVAL '1' MILLISECOND"),
                Map.of("periodic", 1, "periodic_window", 1),
                List.of());

        run.checkFinalRows(events, CheckpointRun.split(events, split));
    }

    /** A query partitioned over two engine threads, restored into one, two or three. */
    @Property(tries = 30)
    void partitionedQueriesRestoreIntoAnyNumberOfEngineThreads(
            @ForAll("events") List<Step> events,
            @ForAll @IntRange(max = 100) int split,
            @ForAll @IntRange(min = 1, max = 3) int after) {
        CheckpointRun run = new CheckpointRun(
                List.of(
                        SOURCE,
                        "CREATE STREAM changes AS SELECT k, " + AGGREGATES + " FROM ev GROUP BY k",
                        "CREATE STREAM bars WITH (late_data = 'side_output') AS SELECT k, window_start, window_end, "
                                + AGGREGATES
                                + " FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '2' SECOND))"
                                + " GROUP BY k, window_start, window_end",
                        "CREATE STREAM hops AS SELECT k, window_start, window_end, " + MERGING
                                + " FROM TABLE(HOP(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '3' SECOND))"
                                + " GROUP BY k, window_start, window_end",
                        "CREATE STREAM sessions AS SELECT k, window_start, window_end, " + AGGREGATES
                                + " FROM TABLE(SESSION(TABLE ev PARTITION BY k, DESCRIPTOR(ts),"
                                + " INTERVAL '1.5' SECOND)) GROUP BY k, window_start, window_end",
                        "CREATE STREAM batched AS SELECT k, COUNT(*) AS c, SUM(d) AS sd FROM ev GROUP BY k"
                                + " EMIT ON WATERMARK"),
                Map.of("changes", 1, "bars", 1, "bars_late", 1, "hops", 1, "sessions", 1, "batched", 1),
                List.of());

        run.check(events, CheckpointRun.split(events, split), 2, after, 2);
    }

    @Provide
    Arbitrary<String> windowEmits() {
        return Arbitraries.of(
                "", "EMIT ON WINDOW CLOSE", "EMIT ON WATERMARK", "EMIT ON UPDATE", "EMIT CHANGES", "EMIT FINAL");
    }

    @Provide
    Arbitrary<String> sessionEmits() {
        return Arbitraries.of("", "EMIT FINAL", "EMIT ON WATERMARK");
    }

    /** The {@code WITH} clause of each way of handling late rows. */
    @Provide
    Arbitrary<String> lateData() {
        return Arbitraries.of(
                "", "WITH (late_data = 'side_output') ", "WITH (late_data = 'update', allowed_lateness = '3s') ");
    }

    /** Rows of the stream, upserts and deletes of the table {@code t}, interleaved. */
    @Provide
    Arbitrary<List<Step>> tableSteps() {
        Arbitrary<Step> write = Combinators.combine(
                        Arbitraries.of("a", "b", "c", "d", "e"),
                        Arbitraries.longs().between(-2, 3).injectNull(0.1),
                        Arbitraries.integers().between(-8, 8).injectNull(0.1),
                        Arbitraries.integers().between(0, 3))
                .as((k, v, w, kind) -> kind == 0
                        ? CheckpointRun.sql("DELETE FROM t WHERE k = '" + k + "'")
                        : CheckpointRun.sql("INSERT INTO t VALUES ('" + k + "', " + v + ", "
                                + (w == null ? "NULL" : w / 4.0) + ")"));
        return Combinators.combine(CheckpointRun.events(50), write.list().ofMaxSize(40), Arbitraries.randoms())
                .as((rows, writes, random) -> {
                    List<Step> steps = new ArrayList<>(rows);
                    for (Step w : writes) {
                        steps.add(random.nextInt(steps.size() + 1), w);
                    }
                    return steps;
                });
    }

    /**
     * A windowed query over {@code ev} grouped by key and window, and its late rows' stream when it has one.
     *
     * @param with the {@code WITH} clause of the late data options, or empty
     */
    private static CheckpointRun windowed(String window, String aggregates, String emit, String with) {
        Map<String, Integer> outputs = new LinkedHashMap<>();
        outputs.put("bars", 1);
        if (with.contains("side_output")) {
            outputs.put("bars_late", 1);
        }
        return new CheckpointRun(
                List.of(
                        SOURCE,
                        "CREATE STREAM bars " + with + "AS SELECT k, window_start, window_end, " + aggregates
                                + " FROM TABLE(" + window + ") GROUP BY k, window_start, window_end " + emit),
                outputs,
                List.of());
    }
}
