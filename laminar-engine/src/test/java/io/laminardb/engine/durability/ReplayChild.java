package io.laminardb.engine.durability;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.UntypedSource;
import io.laminardb.engine.WalMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * The process {@link ReplayExactnessTest} runs twice over one data directory. {@code write}: pushes out-of-order bids
 * from two threads into a windowed stream (some late), prints every row the stream emits and the late count, then
 * halts without a shutdown or a checkpoint, as a crash would. {@code replay}: opens the directory, which has only the
 * log to go by, and prints what the replay makes the stream emit.
 */
public final class ReplayChild {

    static final String SCHEMA = """
            CREATE SOURCE bids (auction BIGINT NOT NULL, price BIGINT NOT NULL, ts TIMESTAMP(3) NOT NULL,
                WATERMARK FOR ts AS ts - INTERVAL '0.2' SECOND);
            CREATE STREAM per_window AS
                SELECT auction, window_start, COUNT(*) AS bids, MAX(price) AS top
                FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '1' SECOND))
                GROUP BY auction, window_start
                EMIT ON WINDOW CLOSE;
            """;

    private ReplayChild() {}

    public static void main(String[] args) throws Exception {
        boolean write = args[1].equals("write");
        LaminarDB db = LaminarDB.open(LaminarConfig.builder()
                .dataDir(Path.of(args[0]))
                .walMode(WalMode.ASYNC)
                .checkpointInterval(Duration.ofHours(1)) // none: the replay has the log alone
                .cores(2)
                .build());
        db.execute(SCHEMA);
        Subscription<Row> out = db.subscribe("per_window");
        db.start();
        if (write) {
            UntypedSource bids = db.source("bids");
            CountDownLatch done = new CountDownLatch(2);
            for (int t = 0; t < 2; t++) {
                int thread = t;
                new Thread(() -> {
                            Random random = new Random(thread);
                            for (int i = 0; i < 20_000; i++) {
                                long ts = 1_700_000_000_000L + i - random.nextInt(800); // up to 800 ms out of order
                                bids.push(
                                        (long) random.nextInt(10),
                                        (long) random.nextInt(1000),
                                        Instant.ofEpochMilli(ts));
                            }
                            done.countDown();
                        })
                        .start();
            }
            done.await();
            while (db.metrics().totalEventsIngested() < 40_000) {
                Thread.sleep(5);
            }
        }
        Row row;
        StringBuilder rows = new StringBuilder();
        while ((row = out.poll(Duration.ofSeconds(2))) != null) {
            rows.append("ROW ")
                    .append(row.get(0))
                    .append('|')
                    .append(row.get(1))
                    .append('|')
                    .append(row.get(2))
                    .append('|')
                    .append(row.get(3))
                    .append('\n');
        }
        System.out.print(rows);
        System.out.println("LATE " + db.metrics().totalLateEvents());
        System.out.flush();
        Runtime.getRuntime().halt(0); // no shutdown, no checkpoint: what a crash leaves
    }
}
