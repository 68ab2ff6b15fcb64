package io.laminardb.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.Subscription;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WindowQueryTest {

    private static final String T0 = "2026-01-01 00:00:";
    private static final String T1 = "2026-01-01 00:01:";

    private LaminarDB db;

    /** The database under test: by default one engine thread per processor, so keyed operators run partitioned. */
    LaminarDB newDatabase() {
        return LaminarDB.inMemory();
    }

    @BeforeEach
    void open() {
        db = newDatabase();
        db.execute("CREATE SOURCE trades (symbol VARCHAR, price DOUBLE NOT NULL, qty BIGINT NOT NULL, ts TIMESTAMP(3),"
                + " WATERMARK FOR ts AS ts - INTERVAL '10' SECOND)");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void insert(String symbol, double price, long qty, String time) {
        db.execute(
                "INSERT INTO trades VALUES ('" + symbol + "', " + price + ", " + qty + ", TIMESTAMP '" + time + "')");
    }

    private void watermark(String time) {
        db.source("trades")
                .watermark(Instant.parse(time.replace(' ', 'T') + "Z").toEpochMilli());
    }

    @Test
    void tumbleEmitsOneRowPerGroupWhenTheWatermarkClosesTheWindow() {
        db.execute("CREATE STREAM counts AS SELECT symbol, window_start, window_end, COUNT(*) AS n, SUM(qty) AS q"
                + " FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                + " GROUP BY symbol, window_start, window_end");
        Subscription<Row> out = db.subscribe("counts");
        db.start();
        insert("a", 1, 10, T0 + "01");
        insert("b", 1, 5, T0 + "20");
        insert("a", 1, 7, T0 + "59");
        insert("a", 1, 1, T1 + "05");
        Rows.none(out); // nothing closed yet: the watermark is 00:00:55

        watermark(T1 + "00");

        assertThat(Rows.take(out, 2))
                .containsExactlyInAnyOrder(
                        "a|2026-01-01T00:00:00Z|2026-01-01T00:01:00Z|2|17",
                        "b|2026-01-01T00:00:00Z|2026-01-01T00:01:00Z|1|5");
        Rows.none(out);
    }

    @Test
    void groupWindowSpellingGivesTheSameRows() {
        db.execute("CREATE STREAM counts AS SELECT symbol, TUMBLE_START(ts, INTERVAL '1' MINUTE) AS ws,"
                + " TUMBLE_END(ts, INTERVAL '1' MINUTE) AS we, COUNT(*) AS n FROM trades"
                + " GROUP BY symbol, TUMBLE(ts, INTERVAL '1' MINUTE)");
        Subscription<Row> out = db.subscribe("counts");
        db.start();
        insert("a", 1, 10, T0 + "01");
        insert("a", 1, 7, T0 + "59");
        watermark(T1 + "00");

        assertThat(Rows.take(out, 1)).containsExactly("a|2026-01-01T00:00:00Z|2026-01-01T00:01:00Z|2");
        assertThat(out.poll()).isNull();
        assertThat(db.execute("DESCRIBE counts").rows().stream().map(r -> r.getString("name")))
                .containsExactly("symbol", "ws", "we", "n");
    }

    @Test
    void hopPutsEachRowInEveryWindowItFallsIn() {
        db.execute("CREATE STREAM sliding AS SELECT window_start, window_end, COUNT(*) AS n"
                + " FROM TABLE(HOP(TABLE trades, DESCRIPTOR(ts), INTERVAL '30' SECOND, INTERVAL '1' MINUTE))"
                + " GROUP BY window_start, window_end");
        Subscription<Row> out = db.subscribe("sliding");
        db.start();
        insert("a", 1, 1, T0 + "10"); // windows [-00:30, 00:30) and [00:00, 01:00)
        insert("a", 1, 1, T0 + "40"); // windows [00:00, 01:00) and [00:30, 01:30)
        watermark("2026-01-01 00:02:00");

        assertThat(Rows.take(out, 3))
                .containsExactly(
                        "2025-12-31T23:59:30Z|2026-01-01T00:00:30Z|1",
                        "2026-01-01T00:00:00Z|2026-01-01T00:01:00Z|2",
                        "2026-01-01T00:00:30Z|2026-01-01T00:01:30Z|1");
    }

    @Test
    void hopThroughPanesCountsEachRowInTheWindowsStillOpenAndTheClosedOnesAsLate() throws Exception {
        String query = "SELECT symbol, window_start, window_end, COUNT(*) AS n, SUM(qty) AS q"
                + " FROM TABLE(HOP(TABLE trades, DESCRIPTOR(ts), INTERVAL '30' SECOND, INTERVAL '1' MINUTE))"
                + " GROUP BY symbol, window_start, window_end";
        assertThat(db.execute("EXPLAIN " + query).rows().stream()
                        .map(r -> r.getString("operator").strip() + " " + r.getString("details")))
                .anySatisfy(
                        line -> assertThat(line).startsWith("WindowAggregate").contains("panes=30000ms"))
                .anySatisfy(line -> assertThat(line).startsWith("WindowAssign panes(size=30000ms) of hop("));
        db.execute("CREATE STREAM sliding AS " + query);
        Subscription<Row> out = db.subscribe("sliding");
        db.start();
        insert("a", 1, 1, T0 + "10"); // pane [00:00, 00:30): windows ending 00:30 and 01:00
        insert("a", 1, 2, T0 + "40"); // pane [00:30, 01:00): windows ending 01:00 and 01:30
        insert("b", 1, 5, T0 + "50");
        watermark(T1 + "00");

        assertThat(Rows.take(out, 3))
                .containsExactlyInAnyOrder(
                        "a|2025-12-31T23:59:30Z|2026-01-01T00:00:30Z|1|1",
                        "a|2026-01-01T00:00:00Z|2026-01-01T00:01:00Z|2|3",
                        "b|2026-01-01T00:00:00Z|2026-01-01T00:01:00Z|1|5");
        awaitOpenWindows("sliding/hop(slide=30000ms, size=60000ms)", 1);

        insert("a", 1, 10, T0 + "45"); // late for the window ending 01:00, counted in the one ending 01:30
        insert("a", 1, 100, T0 + "05"); // late for both its windows: dropped
        watermark(T1 + "30");

        assertThat(Rows.take(out, 2))
                .containsExactlyInAnyOrder(
                        "a|2026-01-01T00:00:30Z|2026-01-01T00:01:30Z|2|12",
                        "b|2026-01-01T00:00:30Z|2026-01-01T00:01:30Z|1|5");
        Rows.none(out);
        assertThat(db.execute("SHOW QUERIES").rows().get(0).getLong("late_rows"))
                .isEqualTo(3L);
        awaitOpenWindows("sliding/hop(slide=30000ms, size=60000ms)", 0);
    }

    @Test
    void hopThroughPanesGroupedByOneWindowBoundGivesThatBoundOfEachWindow() {
        db.execute("CREATE STREAM by_start AS SELECT window_start, COUNT(*) AS n, MAX(qty) AS q"
                + " FROM TABLE(HOP(TABLE trades, DESCRIPTOR(ts), INTERVAL '30' SECOND, INTERVAL '1' MINUTE))"
                + " GROUP BY window_start");
        db.execute("CREATE STREAM by_end AS SELECT symbol, window_end, MIN(qty) AS q"
                + " FROM TABLE(HOP(TABLE trades, DESCRIPTOR(ts), INTERVAL '30' SECOND, INTERVAL '1' MINUTE))"
                + " GROUP BY window_end, symbol");
        Subscription<Row> byStart = db.subscribe("by_start");
        Subscription<Row> byEnd = db.subscribe("by_end");
        db.start();
        insert("a", 1, 1, T0 + "10");
        insert("a", 1, 2, T0 + "40");
        watermark("2026-01-01 00:02:00");

        assertThat(Rows.take(byStart, 3))
                .containsExactly("2025-12-31T23:59:30Z|1|1", "2026-01-01T00:00:00Z|2|2", "2026-01-01T00:00:30Z|1|2");
        assertThat(Rows.take(byEnd, 3))
                .containsExactly("a|2026-01-01T00:00:30Z|1", "a|2026-01-01T00:01:00Z|1", "a|2026-01-01T00:01:30Z|2");
    }

    private void awaitOpenWindows(String name, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            java.util.Optional<Long> open = db.watermarks().stream()
                    .filter(s -> s.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(name + " not in " + db.watermarks()))
                    .openWindows();
            if (open.orElse(0L) == expected || System.nanoTime() > deadline) {
                assertThat(open.orElse(0L)).as(name + " open windows").isEqualTo(expected);
                return;
            }
            Thread.sleep(10);
        }
    }

    @Test
    void sessionsMergeRowsCloserThanTheGapInEverySpelling() {
        db.execute("CREATE STREAM s1 AS SELECT symbol, window_start, window_end, COUNT(*) AS n"
                + " FROM TABLE(SESSION(TABLE trades PARTITION BY symbol, DESCRIPTOR(ts), INTERVAL '10' SECOND))"
                + " GROUP BY symbol, window_start, window_end");
        db.execute("CREATE STREAM s2 AS SELECT symbol, window_start, window_end, COUNT(*) AS n"
                + " FROM TABLE(SESSION(TABLE trades, DESCRIPTOR(ts), DESCRIPTOR(symbol), INTERVAL '10' SECOND))"
                + " GROUP BY symbol, window_start, window_end");
        db.execute("CREATE STREAM s3 AS SELECT symbol, SESSION_START(ts, INTERVAL '10' SECOND) AS window_start,"
                + " SESSION_END(ts, INTERVAL '10' SECOND) AS window_end, COUNT(*) AS n"
                + " FROM trades GROUP BY symbol, SESSION(ts, INTERVAL '10' SECOND)");
        List<Subscription<Row>> outs = List.of(db.subscribe("s1"), db.subscribe("s2"), db.subscribe("s3"));
        db.start();
        insert("a", 1, 1, T0 + "00");
        insert("a", 1, 1, T0 + "20"); // a second session: 20 s after the first row, beyond the gap
        insert("a", 1, 1, T0 + "11"); // 11 s after the first row: joins the second session, which now starts at 11
        insert("b", 1, 1, T0 + "05");
        watermark(T1 + "00");

        for (Subscription<Row> out : outs) {
            assertThat(Rows.take(out, 3))
                    .containsExactlyInAnyOrder(
                            "a|2026-01-01T00:00:00Z|2026-01-01T00:00:10Z|1",
                            "a|2026-01-01T00:00:11Z|2026-01-01T00:00:30Z|2",
                            "b|2026-01-01T00:00:05Z|2026-01-01T00:00:15Z|1");
        }
    }

    @Test
    void aRowBetweenTwoSessionsMergesThem() {
        db.execute("CREATE STREAM s AS SELECT symbol, window_start, window_end, COUNT(*) AS n"
                + " FROM TABLE(SESSION(TABLE trades PARTITION BY symbol, DESCRIPTOR(ts), INTERVAL '10' SECOND))"
                + " GROUP BY symbol, window_start, window_end");
        Subscription<Row> out = db.subscribe("s");
        db.start();
        insert("a", 1, 1, T0 + "00");
        insert("a", 1, 1, T0 + "18");
        insert("a", 1, 1, T0 + "09"); // within 10 s of both
        watermark(T1 + "00");

        assertThat(Rows.take(out, 1)).containsExactly("a|2026-01-01T00:00:00Z|2026-01-01T00:00:28Z|3");
    }

    @Test
    void emitOnUpdateHandsOnTheNewRowAtEveryChange() {
        db.execute("CREATE STREAM c AS SELECT symbol, window_end, COUNT(*) AS n"
                + " FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                + " GROUP BY symbol, window_start, window_end EMIT ON UPDATE");
        Subscription<ChangeEvent<Row>> out = db.subscribeChanges("c", Row.class);
        db.start();
        insert("a", 1, 1, T0 + "01");
        insert("a", 1, 1, T0 + "02");

        assertThat(Rows.takeChanges(out, 2))
                .containsExactly("INSERT a|2026-01-01T00:01:00Z|1", "UPDATE_AFTER a|2026-01-01T00:01:00Z|2");
    }

    @Test
    void emitChangesRetractsTheOldRowBeforeTheNew() {
        db.execute("CREATE STREAM c AS SELECT symbol, window_end, COUNT(*) AS n"
                + " FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                + " GROUP BY symbol, window_start, window_end EMIT CHANGES");
        Subscription<ChangeEvent<Row>> changes = db.subscribeChanges("c", Row.class);
        Subscription<Row> plain = db.subscribe("c");
        db.start();
        insert("a", 1, 1, T0 + "01");
        insert("a", 1, 1, T0 + "02");

        assertThat(Rows.takeChanges(changes, 3))
                .containsExactly(
                        "INSERT a|2026-01-01T00:01:00Z|1",
                        "UPDATE_BEFORE a|2026-01-01T00:01:00Z|1",
                        "UPDATE_AFTER a|2026-01-01T00:01:00Z|2");
        // A plain subscription sees each new row, not the retractions.
        assertThat(Rows.take(plain, 2)).containsExactly("a|2026-01-01T00:01:00Z|1", "a|2026-01-01T00:01:00Z|2");
    }

    @Test
    void emitOnWatermarkHandsOnOpenWindowsChangedSinceTheLastWatermark() {
        db.execute("CREATE STREAM c AS SELECT symbol, window_end, COUNT(*) AS n"
                + " FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                + " GROUP BY symbol, window_start, window_end EMIT ON WATERMARK");
        Subscription<Row> out = db.subscribe("c");
        db.start();
        // One statement, one batch: both rows are in before the watermark their times move.
        db.execute("INSERT INTO trades VALUES ('a', 1, 1, TIMESTAMP '" + T0 + "01'), ('a', 1, 1, TIMESTAMP '" + T0
                + "02')");
        watermark(T0 + "30"); // the window is still open

        assertThat(Rows.take(out, 1)).containsExactly("a|2026-01-01T00:01:00Z|2");
        insert("a", 1, 1, T0 + "40");
        watermark(T0 + "45");
        assertThat(Rows.take(out, 1)).containsExactly("a|2026-01-01T00:01:00Z|3");
        watermark(T1 + "00"); // closes it, unchanged: nothing more
        Rows.none(out);
    }

    @Test
    void emitEveryHandsOnChangedGroupsPeriodicallyWithoutWatermarks() {
        db.execute("CREATE STREAM c AS SELECT symbol, window_end, COUNT(*) AS n"
                + " FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' HOUR))"
                + " GROUP BY symbol, window_start, window_end EMIT EVERY INTERVAL '100' MILLISECOND");
        Subscription<Row> out = db.subscribe("c");
        db.start();
        insert("a", 1, 1, T0 + "01");
        insert("a", 1, 1, T0 + "02");

        // No watermark closes the hour: the rows come from the period alone. A period may fall between the inserts.
        List<String> rows = new java.util.ArrayList<>(Rows.take(out, 1));
        if (rows.get(0).endsWith("|1")) {
            rows.addAll(Rows.take(out, 1));
        }
        assertThat(rows.get(rows.size() - 1)).isEqualTo("a|2026-01-01T01:00:00Z|2");
        Rows.none(out); // nothing changed since
    }

    @Test
    void lateRowsAreDroppedAndCountedByDefault() {
        db.execute("CREATE STREAM c AS SELECT symbol, COUNT(*) AS n"
                + " FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                + " GROUP BY symbol, window_start, window_end");
        Subscription<Row> out = db.subscribe("c");
        db.start();
        insert("a", 1, 1, T0 + "01");
        watermark(T1 + "00");
        assertThat(Rows.take(out, 1)).containsExactly("a|1");

        insert("a", 1, 1, T0 + "30"); // its window has closed

        Rows.none(out);
        assertThat(db.execute("SHOW QUERIES").rows().get(0).getLong("late_rows"))
                .isEqualTo(1L);
    }

    @Test
    void lateRowsGoToTheSideOutputStream() {
        db.execute("CREATE STREAM c WITH (late_data = 'side_output') AS SELECT symbol, COUNT(*) AS n"
                + " FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                + " GROUP BY symbol, window_start, window_end");
        Subscription<Row> late = db.subscribe("c_late");
        db.start();
        insert("a", 1, 1, T0 + "01");
        watermark(T1 + "00");
        insert("z", 1, 1, T0 + "30");

        Row row = late.poll(java.time.Duration.ofSeconds(10));
        assertThat(row).isNotNull();
        assertThat(row.getString("symbol")).isEqualTo("z");
        assertThat(row.getInstant("window_end")).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
    }

    @Test
    void allowedLatenessUpdatesAClosedWindowsResult() {
        db.execute("CREATE STREAM c WITH (allowed_lateness = '1m') AS SELECT symbol, COUNT(*) AS n"
                + " FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                + " GROUP BY symbol, window_start, window_end");
        Subscription<ChangeEvent<Row>> out = db.subscribeChanges("c", Row.class);
        db.start();
        insert("a", 1, 1, T0 + "01");
        watermark(T1 + "00");
        assertThat(Rows.takeChanges(out, 1)).containsExactly("INSERT a|1");

        insert("a", 1, 1, T0 + "30"); // late, within the allowed minute
        assertThat(Rows.takeChanges(out, 2)).containsExactly("UPDATE_BEFORE a|1", "UPDATE_AFTER a|2");

        watermark("2026-01-01 00:02:00"); // the window's state is gone
        insert("a", 1, 1, T0 + "31");
        Rows.none(out);
    }

    @Test
    void emitFinalDropsLateRowsEvenWithAllowedLateness() {
        db.execute("CREATE STREAM c WITH (allowed_lateness = '1m') AS SELECT symbol, COUNT(*) AS n"
                + " FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                + " GROUP BY symbol, window_start, window_end EMIT FINAL");
        Subscription<ChangeEvent<Row>> out = db.subscribeChanges("c", Row.class);
        db.start();
        insert("a", 1, 1, T0 + "01");
        watermark(T1 + "00");
        assertThat(Rows.takeChanges(out, 1)).containsExactly("INSERT a|1");
        insert("a", 1, 1, T0 + "30");
        Rows.none(out);
    }

    @Test
    void sourceLevelLateDataOptionsApplyToItsQueries() {
        db.execute("CREATE SOURCE clicks (page VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)"
                + " WITH (late_data = 'side_output')");
        db.execute("CREATE STREAM per_page AS SELECT page, COUNT(*) AS n"
                + " FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                + " GROUP BY page, window_start, window_end");
        assertThat(db.execute("SHOW STREAMS").rows().stream().map(r -> r.getString("name")))
                .containsExactly("per_page", "per_page_late");
    }

    @Test
    void windowsCascadeAndWatermarksFlowThroughTheStreams() {
        db.execute("CREATE STREAM per_minute AS SELECT symbol, window_end AS minute_end, COUNT(*) AS n"
                + " FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                + " GROUP BY symbol, window_start, window_end");
        db.execute("CREATE STREAM per_five AS SELECT symbol, window_start, SUM(n) AS n"
                + " FROM TABLE(TUMBLE(TABLE per_minute, DESCRIPTOR(minute_end), INTERVAL '5' MINUTE))"
                + " GROUP BY symbol, window_start, window_end");
        Subscription<Row> out = db.subscribe("per_five");
        db.start();
        insert("a", 1, 1, T0 + "01");
        insert("a", 1, 1, T1 + "01");
        insert("a", 1, 1, "2026-01-01 00:03:59");
        watermark("2026-01-01 00:06:00");

        // minute windows end at 00:01, 00:02 and 00:04: all in the five-minute window [00:00, 00:05)
        assertThat(Rows.take(out, 1)).containsExactly("a|2026-01-01T00:00:00Z|3");
    }

    @Test
    void windowAggregatesOverEveryFunction() {
        db.execute("CREATE STREAM stats AS SELECT symbol, COUNT(*) AS n, COUNT(DISTINCT qty) AS dq, SUM(qty) AS s,"
                + " AVG(price) AS av, MIN(price) AS lo, MAX(price) AS hi, FIRST_VALUE(price) AS first_price,"
                + " LAST_VALUE(price) AS last_price, STDDEV_POP(price) AS sd, VAR_POP(price) AS v,"
                + " APPROX_COUNT_DISTINCT(qty) AS adq, COUNT(*) FILTER (WHERE qty > 1) AS big"
                + " FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                + " GROUP BY symbol, window_start, window_end");
        Subscription<Row> out = db.subscribe("stats");
        db.start();
        insert("a", 1, 1, T0 + "01");
        insert("a", 3, 2, T0 + "02");
        insert("a", 2, 2, T0 + "03");
        watermark(T1 + "00");

        assertThat(Rows.take(out, 1))
                .containsExactly("a|3|2|5|2.0|1.0|3.0|1.0|2.0|0.816496580927726|0.6666666666666666|2|2");
    }

    @Test
    void emitOnWindowCloseWithoutAWindowIsRefused() {
        assertThatThrownBy(() -> db.execute(
                        "CREATE STREAM c AS SELECT symbol, COUNT(*) FROM trades GROUP BY symbol EMIT ON WINDOW CLOSE"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("needs a window");
    }

    @Test
    void anUnknownQueryOptionIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> db.execute("CREATE STREAM c WITH (lateness = '1s') AS SELECT * FROM trades"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("unknown option 'lateness'")
                .hasMessageContaining("late_data, allowed_lateness");
    }
}
