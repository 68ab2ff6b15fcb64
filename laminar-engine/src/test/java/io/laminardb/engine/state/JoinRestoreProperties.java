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
 * Differential properties of checkpoints of joins of two inputs through SQL: interval joins (inner and left, whose
 * padded rows wait for their bound), ASOF joins (rows waiting for their match to be certain) and a full join of two aggregates (a changelog join), checkpointed at a random step
 * and restored into a new database, give what an uninterrupted run gives (see {@link CheckpointRun}). The joins read
 * the one source twice.
 */
class JoinRestoreProperties {

    private static final List<String> JOINS = List.of(
            SOURCE,
            "CREATE STREAM pairs AS SELECT a.k, a.n AS an, b.n AS bn FROM ev a JOIN ev b ON a.k = b.k"
                    + " AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '2' SECOND",
            "CREATE STREAM lefts AS SELECT a.k, a.n, b.d FROM ev a LEFT JOIN ev b ON a.k = b.k AND a.n < b.n"
                    + " AND b.ts BETWEEN a.ts - INTERVAL '1' SECOND AND a.ts",
            "CREATE STREAM previous AS SELECT a.k, a.n, b.n AS before FROM ev a LEFT ASOF JOIN ev b"
                    + " MATCH_CONDITION (a.ts > b.ts) ON a.k = b.k",
            "CREATE STREAM upcoming AS SELECT a.k, a.n, b.n AS after FROM ev a ASOF JOIN ev b"
                    + " MATCH_CONDITION (NEAREST(a.ts, b.ts)) ON a.k = b.k AND b.ts BETWEEN a.ts AND a.ts"
                    + " + INTERVAL '3' SECOND AND b.n IS NOT NULL",
            "CREATE MATERIALIZED VIEW sums AS SELECT k, SUM(n) AS s FROM ev GROUP BY k",
            "CREATE MATERIALIZED VIEW compared AS SELECT x.k, x.s, y.c FROM sums x FULL JOIN"
                    + " (SELECT k, COUNT(d) AS c FROM ev WHERE d > 0 GROUP BY k) y ON x.k = y.k");

    private static final Map<String, Integer> OUTPUTS =
            Map.of("pairs", 1, "lefts", 1, "previous", 1, "upcoming", 1, "compared", 1);

    @Provide
    Arbitrary<List<Step>> events() {
        return CheckpointRun.events(100);
    }

    @Property(tries = 30)
    void joinsRestoreToTheChangesOfAnUninterruptedRun(
            @ForAll("events") List<Step> events, @ForAll @IntRange(max = 100) int split) {
        new CheckpointRun(JOINS, OUTPUTS, List.of("SELECT * FROM compared"))
                .check(events, CheckpointRun.split(events, split));
    }

    /** Partitioned over two engine threads, restored into one, two or three. */
    @Property(tries = 25)
    void partitionedJoinsRestoreIntoAnyNumberOfEngineThreads(
            @ForAll("events") List<Step> events,
            @ForAll @IntRange(max = 100) int split,
            @ForAll @IntRange(min = 1, max = 3) int after) {
        new CheckpointRun(JOINS, OUTPUTS, List.of())
                .checkFinalRows(events, CheckpointRun.split(events, split), 2, after, 2);
    }
}
