package io.laminardb.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.laminardb.annotations.Record;
import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.UntypedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Top-N ({@code ROW_NUMBER}, {@code RANK}, {@code DENSE_RANK} under {@code WHERE rn <= N}) and event-time {@code LAG}
 * and {@code LEAD} through SQL and the public API, on a database of one engine thread per processor, so that the
 * analytic operators run partitioned by their {@code PARTITION BY} key.
 */
public class AnalyticQueryTest {

    private static final String BIDS = "CREATE SOURCE bids (item VARCHAR, bidder VARCHAR, price BIGINT)";

    private static final String READINGS = "CREATE SOURCE readings (sensor VARCHAR, v BIGINT, ts TIMESTAMP(3),"
            + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)";

    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private LaminarDB db;

    @BeforeEach
    void open() {
        db = LaminarDB.inMemory();
        db.execute(BIDS);
        db.execute(READINGS);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void rowNumberTopNRetractsAndReEmitsTheRowsWhoseRankChanges() {
        db.execute("CREATE STREAM top2 AS SELECT * FROM (SELECT item, bidder, price,"
                + " ROW_NUMBER() OVER (PARTITION BY item ORDER BY price DESC) AS rn FROM bids) WHERE rn <= 2");
        Subscription<ChangeEvent<Row>> out = db.subscribeChanges("top2", Row.class);
        db.start();
        db.execute("INSERT INTO bids VALUES ('pen', 'ann', 10), ('pen', 'bob', 12), ('cup', 'ann', 3),"
                + " ('pen', 'cid', 11), ('pen', 'dan', 1)");

        List<String> changes = takeChanges(out, 7);
        assertThat(changes.stream().filter(c -> c.contains("pen")))
                .containsExactly(
                        "INSERT pen|ann|10|1",
                        // bob takes first place and pushes ann to the second
                        "UPDATE_BEFORE pen|ann|10|1",
                        "UPDATE_AFTER pen|bob|12|1",
                        "INSERT pen|ann|10|2",
                        // cid takes second place, ann leaves the top; dan never enters it
                        "UPDATE_BEFORE pen|ann|10|2",
                        "UPDATE_AFTER pen|cid|11|2");
        assertThat(changes.stream().filter(c -> c.contains("cup"))).containsExactly("INSERT cup|ann|3|1");
        none(out);
    }

    @Test
    void withoutTheRankColumnOnlyRowsEnteringAndLeavingTheTopAreHandedOn() {
        db.execute("CREATE STREAM top2 AS SELECT item, bidder, price FROM (SELECT item, bidder, price,"
                + " ROW_NUMBER() OVER (PARTITION BY item ORDER BY price DESC) AS rn FROM bids) WHERE rn <= 2");
        Subscription<ChangeEvent<Row>> out = db.subscribeChanges("top2", Row.class);
        db.start();
        db.execute("INSERT INTO bids VALUES ('pen', 'ann', 10), ('pen', 'bob', 12), ('pen', 'cid', 11)");

        assertThat(takeChanges(out, 4))
                .containsExactly("INSERT pen|ann|10", "INSERT pen|bob|12", "DELETE pen|ann|10", "INSERT pen|cid|11");
        none(out);
    }

    @Test
    void rankAndDenseRankGiveTiedRowsOneRankAndKeepEveryTiedRow() {
        db.execute("CREATE MATERIALIZED VIEW ranked AS SELECT * FROM (SELECT item, bidder, price,"
                + " RANK() OVER (PARTITION BY item ORDER BY price DESC) AS r FROM bids) WHERE r <= 2");
        db.execute("CREATE MATERIALIZED VIEW dense AS SELECT * FROM (SELECT item, bidder, price,"
                + " DENSE_RANK() OVER (PARTITION BY item ORDER BY price DESC) AS r FROM bids) WHERE r <= 2");
        db.start();
        db.execute("INSERT INTO bids VALUES ('pen', 'ann', 10), ('pen', 'bob', 10), ('pen', 'cid', 9),"
                + " ('pen', 'dan', 8)");

        eventually("SELECT * FROM ranked", "pen|ann|10|1", "pen|bob|10|1");
        eventually("SELECT * FROM dense", "pen|ann|10|1", "pen|bob|10|1", "pen|cid|9|2");
    }

    @Test
    void theRankBoundMayBeWrittenInAnyFormAndOtherConditionsApplyAfterRanking() {
        String ranked = "(SELECT bidder, price, ROW_NUMBER() OVER (ORDER BY price DESC) AS rn FROM bids)";
        db.execute("CREATE MATERIALIZED VIEW middle AS SELECT * FROM " + ranked + " WHERE rn BETWEEN 2 AND 3");
        db.execute("CREATE MATERIALIZED VIEW below AS SELECT bidder FROM " + ranked + " WHERE 3 > rn");
        db.execute("CREATE MATERIALIZED VIEW cheap AS SELECT bidder FROM " + ranked + " WHERE rn <= 2 AND price < 12");
        db.start();
        db.execute("INSERT INTO bids VALUES ('pen', 'ann', 10), ('pen', 'bob', 12), ('pen', 'cid', 11),"
                + " ('pen', 'dan', 1)");

        eventually("SELECT * FROM middle", "cid|11|2", "ann|10|3");
        eventually("SELECT * FROM below", "bob", "cid");
        // bob ranks first and is filtered out after ranking: he still takes a place of the two.
        eventually("SELECT * FROM cheap", "cid");
    }

    @Test
    void aTopNOverATableBringsBackTheRowsADeleteOrUpdateMakesRoomFor() {
        db.execute("CREATE TABLE accounts (id BIGINT, region VARCHAR, amount BIGINT, PRIMARY KEY (id))");
        db.execute("CREATE MATERIALIZED VIEW biggest AS SELECT region, id, amount FROM (SELECT region, id, amount,"
                + " ROW_NUMBER() OVER (PARTITION BY region ORDER BY amount DESC, id) AS rn FROM accounts)"
                + " WHERE rn <= 2");
        db.start();
        db.execute("INSERT INTO accounts VALUES (1, 'eu', 10), (2, 'eu', 20), (3, 'eu', 30), (4, 'eu', 5),"
                + " (5, 'us', 7)");
        eventually("SELECT * FROM biggest", "eu|2|20", "eu|3|30", "us|5|7");

        db.execute("DELETE FROM accounts WHERE id = 3");
        eventually("SELECT * FROM biggest", "eu|1|10", "eu|2|20", "us|5|7");

        db.execute("INSERT INTO accounts VALUES (4, 'eu', 100), (5, 'eu', 7)"); // 4 grows, 5 moves to eu
        eventually("SELECT * FROM biggest", "eu|2|20", "eu|4|100");
    }

    @Test
    void aTopNOverAnAggregateInTheSameQueryRunsBehindAnExchangeOfItsOwn() {
        String query = "SELECT * FROM (SELECT item, bidder, total,"
                + " ROW_NUMBER() OVER (PARTITION BY item ORDER BY total DESC, bidder) AS rn"
                + " FROM (SELECT item, bidder, SUM(price) AS total FROM bids GROUP BY item, bidder)) WHERE rn <= 1";
        List<String> plan = db.execute("EXPLAIN " + query).rows().stream()
                .map(r -> r.getString("operator").strip())
                .toList();
        assertThat(plan).containsSubsequence("TopN", "Exchange", "GroupAggregate", "Exchange", "Scan");

        db.execute("CREATE MATERIALIZED VIEW best AS " + query);
        db.start();
        db.execute("INSERT INTO bids VALUES ('pen', 'ann', 10), ('pen', 'bob', 12), ('cup', 'ann', 3),"
                + " ('pen', 'ann', 5), ('cup', 'bob', 2)");
        eventually("SELECT * FROM best", "cup|ann|3|1", "pen|ann|15|1");
    }

    @Test
    void aTopNHandsItsRowsToTypedSubscriptions() {
        db.execute("CREATE STREAM leaders AS SELECT * FROM (SELECT item, bidder, price,"
                + " ROW_NUMBER() OVER (PARTITION BY item ORDER BY price DESC) AS rn FROM bids) WHERE rn = 1");
        Subscription<Leader> out = db.subscribe("leaders", Leader.class);
        db.start();
        db.execute("INSERT INTO bids VALUES ('pen', 'ann', 10)");
        db.execute("INSERT INTO bids VALUES ('pen', 'bob', 12)");

        assertThat(out.poll(Duration.ofSeconds(10))).isEqualTo(new Leader("pen", "ann", 10L, 1));
        // The new leader replaces the old: UPDATE_AFTER reaches a plain subscription, UPDATE_BEFORE does not.
        assertThat(out.poll(Duration.ofSeconds(10))).isEqualTo(new Leader("pen", "bob", 12L, 1));
    }

    @Test
    void lagAndLeadFollowEventTimeAndLeadWaitsForTheNextRowOrTheEnd() throws Exception {
        db.execute("CREATE STREAM deltas AS SELECT sensor, v, ts, LAG(v) OVER (PARTITION BY sensor ORDER BY ts) AS"
                + " before_v, LEAD(v, 1, -1) OVER (PARTITION BY sensor ORDER BY ts) AS after_v FROM readings");
        Subscription<Row> out = db.subscribe("deltas");
        db.start();
        UntypedSource readings = db.source("readings");
        readings.push(new Object[] {"s1", 1L, at(0)});
        readings.push(new Object[] {"s1", 3L, at(2000)});
        readings.push(new Object[] {"s1", 2L, at(1000)}); // out of order, within the watermark's delay
        readings.push(new Object[] {"s2", 9L, at(1500)});
        readings.push(new Object[] {"s1", 5L, at(5000)}); // the watermark reaches 4 s: rows before it are released

        // s1's row at 2 s waits for the row after it, and s2's for its next row too.
        assertThat(take(out, 2)).containsExactly("s1|1|" + at(0) + "|null|2", "s1|2|" + at(1000) + "|1|3");
        none(out);

        readings.close(); // the end of the input: the rows still waiting go, LEAD's missing rows as the default
        assertThat(take(out, 3))
                .containsExactlyInAnyOrder(
                        "s1|3|" + at(2000) + "|2|5", "s1|5|" + at(5000) + "|3|-1", "s2|9|" + at(1500) + "|null|-1");
    }

    @Test
    void lagComputesInExpressionsAndLeadHoldsTheWatermarkBackToTheRowsItWaitsOn() {
        db.execute("CREATE STREAM deltas AS SELECT sensor, v, ts, v - LAG(v, 1, 0) OVER (PARTITION BY sensor"
                + " ORDER BY ts) AS change FROM readings");
        db.execute("CREATE STREAM next_reading AS SELECT sensor, v, ts, LEAD(v, 1, -1) OVER (PARTITION BY sensor"
                + " ORDER BY ts) AS next_v FROM readings");
        Subscription<Row> deltas = db.subscribe("deltas");
        db.start();
        UntypedSource readings = db.source("readings");
        readings.push(new Object[] {"s1", 4L, at(0)});
        readings.push(new Object[] {"s1", 7L, at(1000)});
        readings.push(new Object[] {"s1", 5L, at(5000)}); // the watermark reaches 4 s

        assertThat(take(deltas, 2)).containsExactly("s1|4|" + at(0) + "|4", "s1|7|" + at(1000) + "|3");
        // LAG hands the watermark on; LEAD holds it at the row of 1 s, which waits for the row after it.
        Duration patience = Duration.ofSeconds(20);
        assertThat(awaitWatermark("deltas", at(4000), patience)).isEqualTo(at(4000));
        assertThat(awaitWatermark("next_reading", at(1000), patience)).isEqualTo(at(1000));
        assertThat(awaitWatermark("next_reading", at(4000), Duration.ofMillis(500)))
                .as("held back")
                .isEqualTo(at(1000));
    }

    /** The watermark {@code stream} has passed on, once it is {@code expected} or {@code patience} has passed. */
    private Instant awaitWatermark(String stream, Instant expected, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Row row = db.execute("SHOW WATERMARKS").rows().stream()
                    .filter(r -> r.getString("name").equals(stream))
                    .findFirst()
                    .orElseThrow();
            Instant watermark = row.getInstant("watermark");
            if (expected.equals(watermark) || System.nanoTime() > deadline) {
                return watermark;
            }
            sleep();
        }
    }

    @Test
    void rowsOlderThanTheWatermarkAreDroppedAndCountedAsLate() {
        db.execute("CREATE STREAM deltas AS SELECT sensor, v, LAG(v, 1, 0) OVER (PARTITION BY sensor ORDER BY ts)"
                + " AS before_v FROM readings");
        Subscription<Row> out = db.subscribe("deltas");
        db.start();
        UntypedSource readings = db.source("readings");
        readings.push(new Object[] {"s1", 1L, at(0)});
        readings.push(new Object[] {"s1", 2L, at(10_000)});
        readings.watermark(T0 + 9000);
        readings.push(new Object[] {"s1", 3L, at(2000)}); // before the watermark of 9 s: late
        readings.push(new Object[] {"s1", 4L, null}); // no event time: dropped as late too
        readings.close();

        assertThat(take(out, 2)).containsExactly("s1|1|0", "s1|2|1");
        assertThat(db.execute("SHOW QUERIES").rows().get(0).getLong("late_rows"))
                .isEqualTo(2L);
    }

    @Test
    void rankingsOrderedByEventTimeNumberRowsAsTheWatermarkPassesThem() {
        db.execute("CREATE STREAM numbered AS SELECT sensor, v, ROW_NUMBER() OVER w AS rn, RANK() OVER w AS r,"
                + " DENSE_RANK() OVER w AS dr FROM readings WINDOW w AS (PARTITION BY sensor ORDER BY ts)");
        Subscription<Row> out = db.subscribe("numbered");
        db.start();
        UntypedSource readings = db.source("readings");
        readings.push(new Object[] {"s1", 10L, at(1000)});
        readings.push(new Object[] {"s1", 11L, at(0)});
        readings.push(new Object[] {"s1", 12L, at(1000)});
        readings.push(new Object[] {"s1", 13L, at(3000)});
        readings.close();

        assertThat(take(out, 4)).containsExactly("s1|11|1|1|1", "s1|10|2|2|2", "s1|12|3|2|2", "s1|13|4|4|3");
    }

    @Test
    void explainShowsTheAnalyticOperators() {
        String topN = explainDetails("SELECT item, price FROM (SELECT item, price, RANK() OVER (PARTITION BY item"
                + " ORDER BY price DESC) AS r FROM bids) WHERE r <= 3");
        assertThat(topN).contains("TopN rank() over (partition=[item], order=[price DESC]), limit=3, rank not read");

        String lag = explainDetails(
                "SELECT sensor, LAG(v, 2) OVER (PARTITION BY sensor ORDER BY ts) AS b FROM" + " readings");
        assertThat(lag).contains("EventTimeOver lag(v, 2) over (partition=[sensor], order=[ts])");
    }

    private String explainDetails(String query) {
        return db.execute("EXPLAIN " + query).rows().stream()
                .map(r -> r.getString("operator").strip() + " " + r.getString("details"))
                .collect(Collectors.joining("\n"));
    }

    /** A row of the {@code leaders} stream. */
    @Record
    public record Leader(String item, String bidder, Long price, long rn) {}

    private static Instant at(long millis) {
        return Instant.ofEpochMilli(T0 + millis);
    }

    /** Waits until the one-shot query returns exactly {@code rows} (in any order). */
    private void eventually(String query, String... rows) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> found;
        while (true) {
            found = db.query(query).rows().stream()
                    .map(AnalyticRun::render)
                    .sorted()
                    .toList();
            if (found.equals(List.of(rows).stream().sorted().toList())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("expected %s, found %s", List.of(rows), found);
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static List<String> take(Subscription<Row> subscription, int n) {
        List<String> rows = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (rows.size() < n) {
            Row row = subscription.poll(Duration.ofMillis(50));
            if (row != null) {
                rows.add(AnalyticRun.render(row));
            } else if (System.nanoTime() > deadline) {
                fail("expected " + n + " rows, got " + rows.size() + ": " + rows);
            }
        }
        return rows;
    }

    static List<String> takeChanges(Subscription<ChangeEvent<Row>> subscription, int n) {
        List<String> changes = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (changes.size() < n) {
            ChangeEvent<Row> change = subscription.poll(Duration.ofMillis(50));
            if (change != null) {
                changes.add(change.op() + " " + AnalyticRun.render(change.value()));
            } else if (System.nanoTime() > deadline) {
                fail("expected " + n + " changes, got " + changes.size() + ": " + changes);
            }
        }
        return changes;
    }

    static <T> void none(Subscription<T> subscription) {
        T extra = subscription.poll(Duration.ofMillis(300));
        if (extra != null) {
            fail("expected nothing more, got " + extra);
        }
    }
}
