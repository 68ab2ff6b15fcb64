package io.laminardb.engine.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.DurabilityException;
import io.laminardb.engine.Incompatible;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.StateBackend;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.UntypedSource;
import io.laminardb.engine.WalMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A database with a data directory, closed and opened again in one process: what the log gives back. */
class DurableDatabaseTest {

    @TempDir
    Path dir;

    private LaminarDB open(WalMode mode, int cores) {
        return LaminarDB.open(
                LaminarConfig.builder().dataDir(dir).walMode(mode).cores(cores).build());
    }

    @Test
    void eventsPushedBeforeCloseAreInTheViewAfterReopening() {
        try (LaminarDB db = open(WalMode.ASYNC, 1)) {
            db.execute("CREATE SOURCE orders (customer VARCHAR NOT NULL, amount BIGINT NOT NULL)");
            db.execute("CREATE MATERIALIZED VIEW totals AS"
                    + " SELECT customer, SUM(amount) AS total FROM orders GROUP BY customer");
            db.start();
            UntypedSource orders = db.source("orders");
            orders.push("ann", 10L);
            orders.push("bob", 5L);
            orders.push("ann", 7L);
        }
        try (LaminarDB db = open(WalMode.ASYNC, 2)) {
            db.execute("CREATE SOURCE orders (customer VARCHAR NOT NULL, amount BIGINT NOT NULL)");
            db.execute("CREATE MATERIALIZED VIEW totals AS"
                    + " SELECT customer, SUM(amount) AS total FROM orders GROUP BY customer");
            db.start();
            assertThat(rows(db, "SELECT customer, total FROM totals ORDER BY customer"))
                    .containsExactly("ann|17", "bob|5");
            db.source("orders").push("bob", 1L);
            awaitRows(db, "SELECT customer, total FROM totals ORDER BY customer", List.of("ann|17", "bob|6"));
        }
    }

    @Test
    void pushesOfTheNewRunComeAfterTheReplayedOnes() {
        String schema = "CREATE SOURCE s (k VARCHAR NOT NULL, v BIGINT NOT NULL);"
                + " CREATE MATERIALIZED VIEW last_v AS SELECT k, LAST_VALUE(v) AS v FROM s GROUP BY k";
        try (LaminarDB db = open(WalMode.SYNC, 1)) {
            db.execute(schema);
            db.start();
            db.source("s").push("a", 1L);
        }
        try (LaminarDB db = open(WalMode.SYNC, 1)) {
            db.execute(schema);
            db.source("s").push("a", 2L); // before start: must not be overtaken by the replayed 1
            db.start();
            awaitRows(db, "SELECT k, v FROM last_v", List.of("a|2"));
        }
    }

    @Test
    void tableChangesSurviveReopening() {
        String schema = "CREATE TABLE instruments (symbol VARCHAR NOT NULL, name VARCHAR, PRIMARY KEY (symbol))";
        try (LaminarDB db = open(WalMode.SYNC, 1)) {
            db.execute(schema);
            db.execute("INSERT INTO instruments VALUES ('AAPL', 'Apple'), ('MSFT', 'Microsoft'), ('X', 'gone')");
            db.execute("INSERT INTO instruments VALUES ('AAPL', 'Apple Inc.')");
            db.execute("DELETE FROM instruments WHERE symbol = 'X'");
            db.start();
        }
        try (LaminarDB db = open(WalMode.SYNC, 1)) {
            db.execute(schema);
            assertThat(rows(db, "SELECT symbol, name FROM instruments ORDER BY symbol"))
                    .containsExactly("AAPL|Apple Inc.", "MSFT|Microsoft");
        }
    }

    @ParameterizedTest
    @EnumSource(StateBackend.class)
    void aWindowedStreamCarriedOverARestartGivesWhatAnUninterruptedRunGives(StateBackend backend) throws Exception {
        String schema = """
                CREATE SOURCE bids (auction BIGINT NOT NULL, price BIGINT NOT NULL, ts TIMESTAMP(3) NOT NULL,
                    WATERMARK FOR ts AS ts - INTERVAL '0.5' SECOND);
                CREATE STREAM per_window AS
                    SELECT auction, window_start, COUNT(*) AS bids, MAX(price) AS top
                    FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '1' SECOND))
                    GROUP BY auction, window_start
                    EMIT ON WINDOW CLOSE;
                CREATE MATERIALIZED VIEW totals AS
                    SELECT auction, COUNT(*) AS bids, SUM(price) AS spent FROM bids GROUP BY auction;
                """;
        List<Object[]> events = outOfOrder(20_000);
        List<String> uninterrupted;
        List<String> uninterruptedTotals;
        try (LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(2).build())) {
            db.execute(schema);
            Subscription<Row> out = db.subscribe("per_window");
            db.start();
            events.forEach(e -> db.source("bids").push(e));
            awaitQuiet(db, events.size());
            // Computed directly over the input, so the view's answer does not depend on when it is read.
            java.util.TreeMap<Long, long[]> totals = new java.util.TreeMap<>();
            for (Object[] e : events) {
                long[] t = totals.computeIfAbsent((Long) e[0], k -> new long[2]);
                t[0]++;
                t[1] += (Long) e[1];
            }
            uninterruptedTotals = totals.entrySet().stream()
                    .map(e -> e.getKey() + "|" + e.getValue()[0] + "|" + e.getValue()[1])
                    .toList();
            awaitRows(db, "SELECT auction, bids, spent FROM totals ORDER BY auction", uninterruptedTotals);
            uninterrupted = drainAvailable(out);
        }
        List<String> carried = new ArrayList<>();
        LaminarConfig durable = LaminarConfig.builder()
                .dataDir(dir)
                .stateBackend(backend)
                .cores(2)
                .build();
        try (LaminarDB db = LaminarDB.open(durable)) {
            db.execute(schema);
            Subscription<Row> out = db.subscribe("per_window");
            db.start();
            events.subList(0, 10_000).forEach(e -> db.source("bids").push(e));
            db.shutdown(); // a checkpoint; the open windows stay open
            carried.addAll(drain(out));
            assertThat(db.durabilityMetrics().orElseThrow().checkpoints()).isEqualTo(1);
        }
        try (LaminarDB db = LaminarDB.open(durable)) {
            db.execute(schema);
            Subscription<Row> out = db.subscribe("per_window");
            db.start();
            assertThat(db.durabilityMetrics().orElseThrow().recoveredEvents())
                    .as("everything was in the checkpoint")
                    .isZero();
            events.subList(10_000, events.size()).forEach(e -> db.source("bids").push(e));
            awaitQuiet(db, events.size() - 10_000);
            awaitRows(db, "SELECT auction, bids, spent FROM totals ORDER BY auction", uninterruptedTotals);
            carried.addAll(drainAvailable(out));
        }
        assertThat(carried).isNotEmpty().containsExactlyInAnyOrderElementsOf(uninterrupted);
    }

    @Test
    void aCheckpointIsTakenEveryIntervalAndTheLogBehindItIsDeleted() throws Exception {
        LaminarConfig config = LaminarConfig.builder()
                .dataDir(dir)
                .stateBackend(StateBackend.MEMORY)
                .checkpointInterval(Duration.ofMillis(100))
                .checkpointRetained(1)
                .walSegmentSize(64 * 1024)
                .cores(1)
                .build();
        try (LaminarDB db = LaminarDB.open(config)) {
            db.execute("CREATE SOURCE s (k BIGINT NOT NULL, pad VARCHAR);"
                    + " CREATE MATERIALIZED VIEW c AS SELECT COUNT(*) AS n FROM s");
            db.start();
            String pad = "x".repeat(200);
            for (long i = 0; i < 5_000; i++) {
                db.source("s").push(i, pad); // about 1 MB of log: 16 segments
            }
            awaitQuiet(db, 5_000);
            long before = db.durabilityMetrics().orElseThrow().checkpoints();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (db.durabilityMetrics().orElseThrow().checkpoints() < before + 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(db.durabilityMetrics().orElseThrow().checkpoints()).isGreaterThanOrEqualTo(before + 2);
            try (var segments = java.nio.file.Files.list(dir.resolve("wal").resolve("core-0"))) {
                assertThat(segments.count())
                        .as("segments left after the checkpoints")
                        .isLessThan(5);
            }
            try (var checkpoints = java.nio.file.Files.list(dir.resolve("checkpoints"))) {
                assertThat(checkpoints.count()).isLessThanOrEqualTo(2); // the one kept, and one being written
            }
        }
        try (LaminarDB db = LaminarDB.open(config)) {
            db.execute("CREATE SOURCE s (k BIGINT NOT NULL, pad VARCHAR);"
                    + " CREATE MATERIALIZED VIEW c AS SELECT COUNT(*) AS n FROM s");
            db.start();
            assertThat(rows(db, "SELECT n FROM c")).containsExactly("5000");
        }
    }

    @Test
    void aViewWhoseQueryChangedFailsTheStartNamingItUnlessResetIsAskedFor() {
        try (LaminarDB db = open(WalMode.ASYNC, 1)) {
            db.execute("CREATE SOURCE s (k VARCHAR NOT NULL, v BIGINT NOT NULL);"
                    + " CREATE MATERIALIZED VIEW totals AS SELECT k, SUM(v) AS total FROM s GROUP BY k;"
                    + " CREATE MATERIALIZED VIEW counts AS SELECT k, COUNT(*) AS n FROM s GROUP BY k");
            db.start();
            db.source("s").push("a", 5L);
        }
        String changed = "CREATE SOURCE s (k VARCHAR NOT NULL, v BIGINT NOT NULL);"
                + " CREATE MATERIALIZED VIEW totals AS SELECT k, MAX(v) AS total FROM s GROUP BY k;"
                + " CREATE MATERIALIZED VIEW counts AS SELECT k, COUNT(*) AS n FROM s GROUP BY k";
        try (LaminarDB db = open(WalMode.ASYNC, 1)) {
            db.execute(changed);
            assertThatThrownBy(db::start)
                    .isInstanceOf(DurabilityException.class)
                    .hasMessageContaining("totals")
                    .hasMessageContaining("on-incompatible");
        }
        LaminarConfig reset = LaminarConfig.builder()
                .dataDir(dir)
                .onIncompatible(Incompatible.RESET)
                .cores(1)
                .build();
        try (LaminarDB db = LaminarDB.open(reset)) {
            db.execute(changed);
            db.start();
            assertThat(rows(db, "SELECT k, n FROM counts")).containsExactly("a|1");
            assertThat(rows(db, "SELECT k, total FROM totals")).isEmpty();
        }
    }

    @Test
    void aDroppedTableDeclaredAgainAfterARestartStartsEmpty() {
        String schema = "CREATE TABLE t (k VARCHAR NOT NULL, PRIMARY KEY (k))";
        try (LaminarDB db = open(WalMode.ASYNC, 1)) {
            db.execute(schema);
            db.execute("INSERT INTO t VALUES ('a')");
            db.execute("DROP TABLE t");
            db.execute(schema);
            db.execute("INSERT INTO t VALUES ('b')");
        }
        try (LaminarDB db = open(WalMode.ASYNC, 1)) {
            db.execute(schema);
            assertThat(rows(db, "SELECT k FROM t")).containsExactly("b");
        }
    }

    @Test
    void aFileSinkCommitsEachCheckpointsRowsAsOneFile() throws Exception {
        Path out = dir.resolveSibling(dir.getFileName() + "-out");
        try (LaminarDB db = open(WalMode.ASYNC, 1)) {
            db.execute("CREATE SOURCE s (k VARCHAR NOT NULL, v BIGINT NOT NULL)");
            io.laminardb.engine.sink.FileSink sink = new io.laminardb.engine.sink.FileSink(out, "s");
            db.addSink("s", sink);
            db.start();
            db.source("s").push("a", 1L);
            db.source("s").push("b\"q", 2L);
            db.shutdown(); // the last checkpoint commits them
            List<Path> files = sink.committedFiles();
            assertThat(files).hasSize(1);
            assertThat(java.nio.file.Files.readAllLines(files.get(0)))
                    .containsExactly("{\"k\":\"a\",\"v\":1}", "{\"k\":\"b\\\"q\",\"v\":2}");
        }
    }

    @Test
    void aTwoPhaseCommitSinkNeedsADataDirectory() {
        try (LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(1).build())) {
            db.execute("CREATE SOURCE s (k VARCHAR)");
            assertThatThrownBy(() -> db.addSink("s", new io.laminardb.engine.sink.FileSink(dir, "s")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("open it with a data directory");
        }
    }

    @Test
    void aSecondDatabaseOnTheSameDirectoryIsRefused() {
        try (LaminarDB db = open(WalMode.ASYNC, 1)) {
            assertThatThrownBy(() -> open(WalMode.ASYNC, 1))
                    .isInstanceOf(DurabilityException.class)
                    .hasMessageContaining("is in use by another open database")
                    .hasMessageContaining(dir.toAbsolutePath().toString());
        }
    }

    /**
     * Events out of order by up to 400 ms behind a 500 ms watermark: none is late however the engine batches them, so
     * two runs must agree row for row. (Which rows are late depends on how often the engine passes a watermark on, which
     * depends on timing; that replay repeats it exactly is {@link ReplayExactnessTest}'s subject.)
     */
    private static List<Object[]> outOfOrder(int n) {
        Random random = new Random(42);
        long base = 1_700_000_000_000L;
        List<Object[]> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long ts = base + i - random.nextInt(400);
            events.add(new Object[] {(long) random.nextInt(20), (long) random.nextInt(1000), Instant.ofEpochMilli(ts)});
        }
        return events;
    }

    /** Waits until the pipeline has taken {@code events} events; what follows polls for what they produce. */
    private static void awaitQuiet(LaminarDB db, long events) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (db.metrics().totalEventsIngested() < events && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static List<String> drainAvailable(Subscription<Row> out) {
        List<String> rows = new ArrayList<>();
        Row row;
        while ((row = out.poll(Duration.ofMillis(300))) != null) {
            rows.add(text(row));
        }
        return rows;
    }

    private static List<String> drain(Subscription<Row> out) {
        List<String> rows = new ArrayList<>();
        Row row;
        while ((row = out.poll(Duration.ofSeconds(5))) != null) {
            rows.add(text(row));
        }
        return rows;
    }

    private static List<String> rows(LaminarDB db, String sql) {
        return db.query(sql).rows().stream().map(DurableDatabaseTest::text).collect(Collectors.toList());
    }

    private static void awaitRows(LaminarDB db, String sql, List<String> expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> actual = rows(db, sql);
        while (!actual.equals(expected) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            actual = rows(db, sql);
        }
        assertThat(actual).isEqualTo(expected);
    }

    private static String text(Row row) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            s.append(i == 0 ? "" : "|").append(row.get(i));
        }
        return s.toString();
    }
}
