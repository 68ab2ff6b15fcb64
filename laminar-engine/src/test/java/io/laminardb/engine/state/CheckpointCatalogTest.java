package io.laminardb.engine.state;

import static io.laminardb.engine.state.CheckpointRun.BASE;
import static io.laminardb.engine.state.CheckpointRun.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.Row;
import io.laminardb.engine.state.CheckpointRun.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How a snapshot's owners meet the catalog they are restored into: states named by object and role, whatever other
 * objects come and go; definitions that changed, objects that are gone and objects that are new, reported; tables'
 * readers handed the restored rows unless their own state holds them; a snapshot refused while rows are in flight.
 */
class CheckpointCatalogTest {

    private static final String BARS = "CREATE STREAM bars WITH (late_data = 'side_output') AS SELECT k, window_start,"
            + " window_end, COUNT(*) AS c, SUM(n) AS sn FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '2' SECOND))"
            + " GROUP BY k, window_start, window_end";
    private static final String TOTALS =
            "CREATE MATERIALIZED VIEW totals AS SELECT k, COUNT(*) AS c, MAX(d) AS mx FROM ev GROUP BY k";
    private static final String SESSIONS = "CREATE STREAM sessions AS SELECT k, window_start, COUNT(*) AS c"
            + " FROM TABLE(SESSION(TABLE ev PARTITION BY k, DESCRIPTOR(ts), INTERVAL '1' SECOND))"
            + " GROUP BY k, window_start";
    private static final String TABLE = "CREATE TABLE t (k VARCHAR NOT NULL, v BIGINT, PRIMARY KEY (k))";
    private static final String BY_V = "CREATE MATERIALIZED VIEW by_v AS SELECT v, COUNT(*) AS c FROM t GROUP BY v";

    /** Ten rows over three keys, the last ones late for the windows the first ones opened. */
    private static final List<Step> EVENTS = List.of(
            CheckpointRun.event("a", 1.0, 1L, BASE),
            CheckpointRun.event("b", 2.0, 2L, BASE + 500),
            CheckpointRun.event("a", 3.0, 3L, BASE + 1_000),
            CheckpointRun.event("c", null, 4L, BASE + 2_500),
            CheckpointRun.event("b", 5.0, null, BASE + 3_000),
            CheckpointRun.event("a", 6.0, 6L, BASE + 4_500),
            CheckpointRun.event("c", 7.0, 7L, BASE + 6_000),
            CheckpointRun.event("a", 8.0, 8L, BASE + 500),
            CheckpointRun.event("b", 9.0, 9L, BASE + 7_000),
            CheckpointRun.event("c", 0.5, 1L, BASE + 9_000));

    @Test
    void eachQuerysStateIsNamedByTheRolesOfItsParts() {
        StateSnapshot snapshot;
        try (SteppedDatabase db = fed(1, List.of(SOURCE, TABLE, BARS, TOTALS, SESSIONS))) {
            snapshot = db.runtime().snapshotState();
        }

        assertThat(snapshot.owners())
                .extracting(OwnerState::name)
                .containsExactly("ev", "t", "bars", "totals", "sessions");
        assertThat(snapshot.owner("ev").orElseThrow().kind()).isEqualTo(OwnerKind.SOURCE);
        assertThat(snapshot.owner("ev").orElseThrow().stateNames()).containsExactly("source");
        assertThat(snapshot.owner("t").orElseThrow().stateNames()).containsExactly("rows");
        assertThat(snapshot.owner("bars").orElseThrow().stateNames())
                .containsExactly("window-aggregate", "late-rows", "row-errors", "output", "late-output");
        assertThat(snapshot.owner("totals").orElseThrow().kind()).isEqualTo(OwnerKind.MATERIALIZED_VIEW);
        assertThat(snapshot.owner("totals").orElseThrow().stateNames())
                .containsExactly("group-aggregate", "late-rows", "row-errors", "output");
        assertThat(snapshot.owner("sessions").orElseThrow().stateNames())
                .containsExactly("session-window", "late-rows", "row-errors", "output");
    }

    @Test
    void droppingAndAddingOtherQueriesRenamesNothing() {
        StateSnapshot before;
        try (SteppedDatabase db = fed(1, List.of(SOURCE, TOTALS, BARS, SESSIONS))) {
            before = db.runtime().snapshotState();
        }
        String added = "CREATE STREAM added AS SELECT k, MIN(n) AS mn FROM ev GROUP BY k";

        try (SteppedDatabase db = new SteppedDatabase(1, List.of(SOURCE, added, SESSIONS, BARS), List.of())) {
            RestoreReport report = db.restore(before.toByteArray());

            assertThat(report.restored()).containsExactly("ev", "sessions", "bars");
            assertThat(report.fresh()).containsExactly("added");
            assertThat(report.orphaned()).containsExactly(before.owner("totals").orElseThrow());
            StateSnapshot after = db.runtime().snapshotState();
            for (String owner : List.of("ev", "sessions", "bars")) {
                assertThat(entries(after.owner(owner).orElseThrow()))
                        .as(owner)
                        .isEqualTo(entries(before.owner(owner).orElseThrow()));
            }
        }
    }

    @Test
    void anOwnerWhoseDefinitionChangedIsReportedAndRestoredOnlyWhenReset() {
        StateSnapshot before;
        try (SteppedDatabase db = fed(1, List.of(SOURCE, TOTALS, BARS))) {
            before = db.runtime().snapshotState();
        }
        String otherBars = BARS.replace("INTERVAL '2' SECOND", "INTERVAL '3' SECOND");

        try (SteppedDatabase db = new SteppedDatabase(1, List.of(SOURCE, TOTALS, otherBars), List.of())) {
            RestoreReport check = db.runtime().checkState(before);
            assertThat(check.changedOwners()).containsExactly("bars");
            assertThat(check.changed().get(0).reason()).contains("definition", "INTERVAL '2' SECOND");
            assertThat(check.restored()).containsExactly("ev", "totals");

            assertThatThrownBy(() -> db.runtime().restoreState(before, name -> false))
                    .isInstanceOf(IncompatibleStateException.class)
                    .hasMessageContaining("'bars'")
                    .satisfies(e -> assertThat(((IncompatibleStateException) e).changed())
                            .isEqualTo(check.changed()));
            assertThat(db.runtime().source("ev").currentWatermark())
                    .as("nothing is restored when an owner is incompatible")
                    .isEqualTo(Long.MIN_VALUE);

            RestoreReport report = db.runtime().restoreState(before, "bars"::equals);
            assertThat(report.reset()).containsExactly("bars");
            assertThat(report.restored()).containsExactly("ev", "totals");
            assertThat(db.runtime().source("ev").currentWatermark()).isGreaterThan(Long.MIN_VALUE);
            assertThat(db.query("SELECT * FROM totals")).hasSize(3);
            assertThat(db.runtime().snapshotState().owner("bars").orElseThrow().entries("window-aggregate"))
                    .as("bars starts empty: only its watermark")
                    .hasSize(1);
        }
    }

    @Test
    void aSourceWhoseColumnsChangedIsReportedAndSoAreTheQueriesReadingThem() {
        StateSnapshot before;
        try (SteppedDatabase db = fed(1, List.of(SOURCE, TOTALS))) {
            before = db.runtime().snapshotState();
        }
        String wider = SOURCE.replace("n BIGINT,", "n BIGINT, extra INT,");

        try (SteppedDatabase db = new SteppedDatabase(1, List.of(wider, TOTALS), List.of())) {
            RestoreReport check = db.runtime().checkState(before);

            assertThat(check.changedOwners()).containsExactly("ev", "totals");
            assertThat(check.changed().get(0).reason()).contains("extra INT");
        }
    }

    @Test
    void aStreamThatBecameAViewIsReported() {
        StateSnapshot before;
        try (SteppedDatabase db = fed(1, List.of(SOURCE, TOTALS))) {
            before = db.runtime().snapshotState();
        }

        try (SteppedDatabase db =
                new SteppedDatabase(1, List.of(SOURCE, TOTALS.replace("MATERIALIZED VIEW", "STREAM")), List.of())) {
            assertThat(db.runtime().checkState(before).changed())
                    .singleElement()
                    .satisfies(c -> assertThat(c.reason()).contains("materialized view", "stream now"));
        }
    }

    @Test
    void aCheckpointOfTwoEngineThreadsRestoresIntoOneAndIntoThree() {
        CheckpointRun run = new CheckpointRun(
                List.of(SOURCE, BARS, TOTALS, SESSIONS),
                Map.of("bars", 1, "bars_late", 1, "totals", 1, "sessions", 1),
                List.of("SELECT * FROM totals"));

        run.check(EVENTS, 6, 2, 1, 2);
        run.check(EVENTS, 6, 2, 3, 2);
    }

    @Test
    void countersContinueFromTheCheckpoint() {
        byte[] snapshot;
        long late;
        try (SteppedDatabase db = fed(1, List.of(SOURCE, BARS))) {
            late = db.db().metrics().totalLateEvents();
            snapshot = db.snapshot();
        }
        assertThat(late).isPositive();

        try (SteppedDatabase db = new SteppedDatabase(1, List.of(SOURCE, BARS), List.of())) {
            db.restore(snapshot);

            assertThat(db.db().metrics().totalLateEvents()).isEqualTo(late);
            assertThat(db.db().metrics().totalEventsIngested()).isEqualTo(EVENTS.size());
            Row bars = db.db().execute("SHOW QUERIES").rows().get(0);
            assertThat(bars.getLong("late_rows")).isEqualTo(late);
        }
    }

    @Test
    void aTablesReadersGetTheRestoredRowsUnlessTheirOwnStateHoldsThem() {
        byte[] snapshot;
        List<String> expected;
        try (SteppedDatabase db = new SteppedDatabase(1, List.of(TABLE, BY_V), List.of())) {
            db.execute("INSERT INTO t VALUES ('a', 1), ('b', 1), ('c', 2)");
            db.execute("DELETE FROM t WHERE k = 'c'");
            expected = db.query("SELECT * FROM by_v");
            snapshot = db.snapshot();
        }
        String byV2 = "CREATE MATERIALIZED VIEW by_v2 AS SELECT v, COUNT(*) AS c FROM t GROUP BY v";

        try (SteppedDatabase db = new SteppedDatabase(1, List.of(TABLE, BY_V, byV2), List.of("t"))) {
            RestoreReport report = db.restore(snapshot);
            db.execute("INSERT INTO t VALUES ('d', 2)");

            assertThat(report.fresh()).containsExactly("by_v2");
            assertThat(db.query("SELECT * FROM by_v")).containsExactly("1|2", "2|1");
            assertThat(db.query("SELECT * FROM by_v2")).containsExactlyElementsOf(db.query("SELECT * FROM by_v"));
            assertThat(expected).containsExactly("1|2");
            assertThat(db.changes().get("t")).containsExactlyInAnyOrder("INSERT a|1", "INSERT b|1", "INSERT d|2");
        }
    }

    @Test
    void aTableWrittenBeforeItsRestoreIsRefused() {
        byte[] snapshot;
        try (SteppedDatabase db = new SteppedDatabase(1, List.of(TABLE), List.of())) {
            snapshot = db.snapshot();
        }

        try (SteppedDatabase db = new SteppedDatabase(1, List.of(TABLE), List.of())) {
            db.db().execute("INSERT INTO t VALUES ('a', 1)");

            assertThatThrownBy(() -> db.restore(snapshot))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Table 't' was written before its state was restored");
        }
    }

    @Test
    void aSnapshotIsRefusedWhileATablesChangesAreOnTheirWayToItsReaders() {
        try (SteppedDatabase db = new SteppedDatabase(1, List.of(TABLE, BY_V), List.of())) {
            db.db().execute("INSERT INTO t VALUES ('a', 1)");

            assertThatThrownBy(() -> db.runtime().snapshotState())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("changes on their way to its readers");
        }
    }

    private static SteppedDatabase fed(int cores, List<String> statements) {
        SteppedDatabase db = new SteppedDatabase(cores, statements, List.of());
        EVENTS.forEach(step -> step.action().accept(db));
        return db;
    }

    /** An owner's entries by state, each state's as a set: the order of groups in a hash map is not state. */
    private static Map<String, Set<StateEntry>> entries(OwnerState owner) {
        Map<String, Set<StateEntry>> entries = new java.util.LinkedHashMap<>();
        owner.states().forEach((name, list) -> entries.put(name, new HashSet<>(new ArrayList<>(list))));
        return entries;
    }
}
