package io.laminardb.samples.quickstart;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Source;
import io.laminardb.engine.SourceMetrics;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.record.RecordTypes;
import java.time.Duration;
import java.time.Instant;

/**
 * The smallest LaminarDB program, in plain Java: declare a source in SQL, push {@code @Record} trades into it from
 * two threads, read them back through a typed and an untyped subscription, and run two continuous queries over them:
 * a volume-weighted average price per symbol and second, and a materialized view of the volume per symbol.
 */
public final class QuickstartApplication {

    private QuickstartApplication() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println("Trade as Arrow: " + RecordTypes.of(Trade.class).schema());

        try (LaminarDB db = LaminarDB.inMemory()) {
            db.execute("""
                    CREATE SOURCE trades (
                        symbol VARCHAR,
                        price  DOUBLE NOT NULL,
                        qty    BIGINT NOT NULL,
                        ts     TIMESTAMP(3),
                        WATERMARK FOR ts AS ts - INTERVAL '100' MILLISECOND
                    ) WITH (buffer_size = 1024)
                    """);
            db.execute("DESCRIBE trades").rows().forEach(row -> System.out.println("  " + row));
            db.execute("""
                    CREATE STREAM vwap AS
                      SELECT symbol, window_end, SUM(price * qty) / SUM(qty) AS vwap, COUNT(*) AS trades
                      FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' SECOND))
                      GROUP BY symbol, window_start, window_end
                    EMIT ON WINDOW CLOSE;
                    CREATE MATERIALIZED VIEW volume AS
                      SELECT symbol, SUM(qty) AS shares FROM trades GROUP BY symbol;
                    """);
            System.out.println();
            db.execute("EXPLAIN SELECT symbol, window_end, SUM(price * qty) / SUM(qty) AS vwap"
                            + " FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' SECOND))"
                            + " GROUP BY symbol, window_start, window_end")
                    .rows()
                    .forEach(row ->
                            System.out.println("  " + row.getString("operator") + "  [" + row.getString("emit") + "]"));

            Source<Trade> trades = db.source("trades", Trade.class);
            Subscription<Trade> typed = db.subscribe("trades", Trade.class);
            Subscription<Row> untyped = db.subscribe("trades");
            Subscription<Row> vwap = db.subscribe("vwap");
            db.start();

            Instant open = Instant.parse("2026-11-21T09:30:00Z");
            trades.push(new Trade("AAPL", 190.10, 100, open));
            Thread second = new Thread(() -> trades.push(new Trade("MSFT", 415.25, 50, open.plusMillis(5))));
            second.start(); // a second producer thread: the source switches to multi-producer by itself
            second.join();
            db.execute("INSERT INTO trades VALUES ('AAPL', 190.12, 300, TIMESTAMP '2026-11-21 09:30:00.900')");

            System.out.println();
            for (int i = 0; i < 3; i++) {
                System.out.println("typed:   " + typed.poll(Duration.ofSeconds(5)));
                System.out.println("untyped: " + untyped.poll(Duration.ofSeconds(5)));
            }

            // The watermark passes 09:30:01 once an event 100 ms later arrives: the first second's windows close.
            trades.push(new Trade("AAPL", 190.50, 10, open.plusMillis(1_200)));
            System.out.println();
            for (int i = 0; i < 2; i++) {
                System.out.println("vwap:    " + vwap.poll(Duration.ofSeconds(5)));
            }
            System.out.println("volume:  "
                    + db.query("SELECT symbol, shares FROM volume ORDER BY symbol")
                            .rows());

            SourceMetrics metrics = db.sourceMetrics("trades").orElseThrow();
            System.out.println();
            System.out.printf(
                    "trades: %d events, %d producer threads, multi-producer: %s, watermark: %s%n",
                    metrics.totalEvents(),
                    metrics.producerCount(),
                    metrics.mpsc(),
                    Instant.ofEpochMilli(metrics.watermark()));
        }
    }
}
