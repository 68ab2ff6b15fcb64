package io.laminardb.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ASOF joins (backward, forward, nearest, with a tolerance) and temporal joins, through SQL. */
class AsofJoinTest {

    private LaminarDB db;

    private void open(int cores) {
        db = LaminarDB.open(LaminarConfig.builder().cores(cores).build());
        db.execute("CREATE SOURCE trades (symbol VARCHAR, qty INT, ts TIMESTAMP(3) NOT NULL,"
                + " WATERMARK FOR ts AS ts - INTERVAL '0' SECOND)");
        db.execute("CREATE SOURCE quotes (symbol VARCHAR, bid DOUBLE, ts TIMESTAMP(3) NOT NULL,"
                + " WATERMARK FOR ts AS ts - INTERVAL '0' SECOND)");
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private void trade(String symbol, int qty, int second) {
        db.execute("INSERT INTO trades VALUES ('" + symbol + "', " + qty + ", " + ts(second) + ")");
    }

    private void quote(String symbol, double bid, int second) {
        db.execute("INSERT INTO quotes VALUES ('" + symbol + "', " + bid + ", " + ts(second) + ")");
    }

    private static String ts(int second) {
        return "TIMESTAMP '2024-01-01 00:" + String.format("%02d:%02d", second / 60, second % 60) + "'";
    }

    /**
     * Quotes for AAPL at 10, 20 and 30 s, MSFT at 15 s; trades at 5, 20, 25, 29 and 35 s; each input in time order (a
     * row behind its input's watermark is late, and dropped).
     */
    private void marketAndEnd() {
        quote("AAPL", 1.0, 10);
        quote("MSFT", 9.0, 15);
        quote("AAPL", 2.0, 20);
        quote("AAPL", 3.0, 30);
        trade("AAPL", 1, 5);
        trade("AAPL", 2, 20);
        trade("AAPL", 3, 25);
        trade("AAPL", 5, 29);
        trade("MSFT", 4, 35);
        db.source("quotes").close();
        db.source("trades").close();
    }

    private String run(String stream) {
        return db.subscribe(stream).stream().map(Rows::render).sorted().collect(Collectors.joining(", "));
    }

    @ParameterizedTest(name = "{0} engine thread(s)")
    @ValueSource(ints = {1, 2})
    void backwardPicksTheLatestQuoteAtOrBeforeEachTrade(int cores) {
        open(cores);
        db.execute("CREATE STREAM priced AS SELECT t.qty, q.bid FROM trades t"
                + " ASOF JOIN quotes q MATCH_CONDITION (t.ts >= q.ts) ON t.symbol = q.symbol");
        db.execute("CREATE STREAM before AS SELECT t.qty, q.bid FROM trades t"
                + " LEFT ASOF JOIN quotes q MATCH_CONDITION (q.ts < t.ts) ON t.symbol = q.symbol");
        Subscription<Row> priced = db.subscribe("priced");
        Subscription<Row> before = db.subscribe("before");
        db.start();
        marketAndEnd();

        assertThat(priced.stream().map(Rows::render).sorted().toList())
                .containsExactly("2|2.0", "3|2.0", "4|9.0", "5|2.0");
        assertThat(before.stream().map(Rows::render).sorted().toList())
                .as("strictly before; a trade before any quote keeps nulls")
                .containsExactly("1|null", "2|1.0", "3|2.0", "4|9.0", "5|2.0");
    }

    @ParameterizedTest(name = "{0} engine thread(s)")
    @ValueSource(ints = {1, 2})
    void forwardAndNearestLookAheadAndBothWays(int cores) {
        open(cores);
        db.execute("CREATE STREAM next_quote AS SELECT t.qty, q.bid FROM trades t"
                + " LEFT ASOF JOIN quotes q MATCH_CONDITION (t.ts <= q.ts) ON t.symbol = q.symbol");
        db.execute("CREATE STREAM nearest AS SELECT t.qty, q.bid FROM trades t"
                + " ASOF JOIN quotes q MATCH_CONDITION (NEAREST(t.ts, q.ts)) ON t.symbol = q.symbol");
        Subscription<Row> next = db.subscribe("next_quote");
        Subscription<Row> nearest = db.subscribe("nearest");
        db.start();
        marketAndEnd();

        assertThat(next.stream().map(Rows::render).sorted().toList())
                .containsExactly("1|1.0", "2|2.0", "3|3.0", "4|null", "5|3.0");
        assertThat(nearest.stream().map(Rows::render).sorted().toList())
                .as("25 s is as near 20 s as 30 s: the earlier wins")
                .containsExactly("1|1.0", "2|2.0", "3|2.0", "4|9.0", "5|3.0");
    }

    @ParameterizedTest(name = "{0} engine thread(s)")
    @ValueSource(ints = {1, 2})
    void aToleranceInOnLeavesQuotesTooFarAway(int cores) {
        open(cores);
        db.execute("CREATE STREAM fresh AS SELECT t.qty, q.bid FROM trades t"
                + " LEFT ASOF JOIN quotes q MATCH_CONDITION (t.ts >= q.ts) ON t.symbol = q.symbol"
                + " AND q.ts >= t.ts - INTERVAL '5' SECOND");
        db.execute("CREATE STREAM near AS SELECT t.qty, q.bid FROM trades t"
                + " LEFT ASOF JOIN quotes q MATCH_CONDITION (NEAREST(t.ts, q.ts)) ON t.symbol = q.symbol"
                + " AND q.ts BETWEEN t.ts - INTERVAL '4' SECOND AND t.ts + INTERVAL '4' SECOND");
        Subscription<Row> fresh = db.subscribe("fresh");
        Subscription<Row> near = db.subscribe("near");
        db.start();
        marketAndEnd();

        assertThat(fresh.stream().map(Rows::render).sorted().toList())
                .containsExactly("1|null", "2|2.0", "3|2.0", "4|null", "5|null");
        assertThat(near.stream().map(Rows::render).sorted().toList())
                .containsExactly("1|null", "2|2.0", "3|null", "4|null", "5|3.0");
    }

    @ParameterizedTest(name = "{0} engine thread(s)")
    @ValueSource(ints = {1, 2})
    void aTradeWaitsForTheQuotesWatermarkNotForTheEnd(int cores) {
        open(cores);
        db.execute("CREATE STREAM priced AS SELECT t.qty, q.bid FROM trades t"
                + " ASOF JOIN quotes q MATCH_CONDITION (t.ts >= q.ts) ON t.symbol = q.symbol");
        Subscription<Row> out = db.subscribe("priced");
        db.start();

        quote("AAPL", 1.0, 10);
        trade("AAPL", 1, 12);
        Rows.none(out); // a quote at 11 s could still come
        quote("AAPL", 1.5, 11);
        quote("MSFT", 7.0, 13); // the quotes' watermark passes 12 s
        assertThat(Rows.take(out, 1)).containsExactly("1|1.5");
    }

    @ParameterizedTest(name = "{0} engine thread(s)")
    @ValueSource(ints = {1, 2})
    void aTemporalJoinReadsTheVersionOfItsTime(int cores) {
        open(cores);
        db.execute("CREATE SOURCE rates (currency VARCHAR, rate DOUBLE, since TIMESTAMP(3) NOT NULL,"
                + " WATERMARK FOR since AS since - INTERVAL '0' SECOND)");
        db.execute("CREATE SOURCE orders (id INT, currency VARCHAR, amount DOUBLE, ts TIMESTAMP(3) NOT NULL,"
                + " WATERMARK FOR ts AS ts - INTERVAL '0' SECOND)");
        db.execute("CREATE STREAM converted AS SELECT o.id, o.amount * r.rate AS eur FROM orders o"
                + " LEFT JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency");
        Subscription<Row> out = db.subscribe("converted");
        db.start();

        db.execute("INSERT INTO rates VALUES ('USD', 0.9, " + ts(0) + "), ('GBP', 1.2, " + ts(5) + "),"
                + " ('USD', 0.8, " + ts(10) + ")");
        db.execute("INSERT INTO orders VALUES (3, 'GBP', 10, " + ts(4) + "), (1, 'USD', 10, " + ts(5) + "),"
                + " (4, 'GBP', 10, " + ts(6) + "), (2, 'USD', 10, " + ts(10) + ")");
        db.source("rates").close();
        db.source("orders").close();

        assertThat(out.stream().map(Rows::render).sorted().toList())
                .containsExactly("1|9.0", "2|8.0", "3|null", "4|12.0");
    }

    @Test
    void explainShowsWhichRowIsPicked() {
        open(1);
        String plan = db
                .execute("EXPLAIN SELECT t.qty, q.bid FROM trades t LEFT ASOF JOIN quotes q"
                        + " MATCH_CONDITION (t.ts <= q.ts) ON t.symbol = q.symbol"
                        + " AND q.ts <= t.ts + INTERVAL '3' SECOND")
                .rows()
                .stream()
                .map(r -> r.getString("operator").strip() + " " + r.getString("details"))
                .collect(Collectors.joining("\n"));
        assertThat(plan)
                .contains("AsofJoin LEFT FORWARD keys=[symbol]=[symbol], time ts vs ts, right rows up to min(ts +"
                        + " 3000ms)")
                .contains("Scan trades")
                .contains("Scan quotes");
    }

    @Test
    void aLongRunKeepsOnlyTheQuotesTradesCanStillPick() throws InterruptedException {
        open(2);
        db.execute("CREATE STREAM priced AS SELECT t.qty, q.bid FROM trades t"
                + " ASOF JOIN quotes q MATCH_CONDITION (t.ts >= q.ts) ON t.symbol = q.symbol");
        Subscription<Row> out = db.subscribe("priced");
        java.util.concurrent.atomic.AtomicLong joined = new java.util.concurrent.atomic.AtomicLong();
        Thread reader = new Thread(() -> out.stream().forEach(r -> joined.incrementAndGet()));
        reader.setDaemon(true);
        reader.start();
        db.start();
        var quotes = db.source("quotes");
        var trades = db.source("trades");
        long base = java.time.Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        int n = 200_000;
        List<Long> samples = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            java.time.Instant at = java.time.Instant.ofEpochMilli(base + i * 10L);
            quotes.push("S" + (i % 50), (double) i, at);
            trades.push("S" + (i % 50), i, at.plusMillis(5));
            if (i % 50_000 == 0) {
                // Once the engine has caught up with the pushes (the trades of the last instants wait for the
                // watermark), so that rows queued for want of CPU are not counted.
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (joined.get() < i - 100 && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                samples.add(db.streams().get(0).stateRows());
            }
        }
        System.out.println("ASOF join, " + n + " quotes and trades: state rows every 50,000 " + samples);
        quotes.close();
        trades.close();
        reader.join(30_000);
        assertThat(joined.get()).isEqualTo(n);
        // Per key the latest quote before the trades' watermark and the quotes after it, and the trades waiting for
        // the quotes' watermark: a few seconds of event time however long the run.
        // (~1,000 measured, whatever the length of the run; 200,000 of each pushed).
        assertThat(samples).as("rows held every 50,000 pairs").allMatch(rows -> rows < 5_000);
        assertThat(db.streams().get(0).stateRows())
                .as("nothing is held once both inputs ended")
                .isZero();
    }

    @Test
    void misuseIsRefusedWithTheFix() {
        open(1);
        assertThatThrownBy(() -> db.execute("CREATE STREAM j AS SELECT t.qty, q.bid FROM trades t"
                        + " ASOF JOIN quotes q MATCH_CONDITION (t.qty = q.bid) ON t.symbol = q.symbol"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("MATCH_CONDITION compares the time columns")
                .hasMessageContaining("NEAREST(a.ts, b.ts)");
        db.execute("CREATE SOURCE plain (symbol VARCHAR, rate DOUBLE, ts TIMESTAMP(3))");
        assertThatThrownBy(() -> db.execute("CREATE STREAM j AS SELECT t.qty, p.rate FROM trades t"
                        + " JOIN plain FOR SYSTEM_TIME AS OF t.ts AS p ON t.symbol = p.symbol"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("'plain' has no event time")
                .hasMessageContaining("WATERMARK FOR");
        assertThatThrownBy(() -> db.execute("CREATE STREAM j AS SELECT t.qty, p.rate FROM trades t"
                        + " ASOF JOIN plain p MATCH_CONDITION (t.ts >= p.ts) ON t.symbol = p.symbol"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("matches on event time")
                .hasMessageContaining("the right input has none");
        db.execute("CREATE STREAM counts AS SELECT symbol, COUNT(*) AS n, MAX(ts) AS ts FROM quotes GROUP BY symbol");
        assertThatThrownBy(() -> db.execute("CREATE STREAM j AS SELECT t.qty, c.n FROM trades t"
                        + " ASOF JOIN counts c MATCH_CONDITION (t.ts >= c.ts) ON t.symbol = c.symbol"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("'counts' is a changelog");
        assertThatThrownBy(() -> db.execute("CREATE STREAM j AS SELECT t.qty, q.bid FROM trades t"
                        + " ASOF JOIN quotes q MATCH_CONDITION (t.ts >= q.ts) ON t.qty > 1"))
                .isInstanceOf(SqlValidationException.class);
    }
}
