package io.laminardb.engine.durability;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.StateBackend;
import io.laminardb.engine.UntypedSource;
import io.laminardb.engine.WalMode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process {@link CrashRecoveryTest} kills: opens a durable database, reports what it recovered, then pushes events
 * with increasing ids from two threads, printing {@code ACK id} once each push has returned (with {@code wal.mode=sync}:
 * once the event is on disk), until it is killed.
 *
 * <p>Arguments: the data directory, the first id to push (or the one after the largest recovered), and the number of
 * engine threads, the state backend, and {@code last} for a run that recovers and then stops cleanly.
 */
public final class CrashChild {

    static final String SCHEMA = """
            CREATE SOURCE events (id BIGINT NOT NULL, ts TIMESTAMP(3) NOT NULL,
                WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
            CREATE MATERIALIZED VIEW seen AS SELECT id, COUNT(*) AS n FROM events GROUP BY id;
            CREATE STREAM copies AS SELECT id FROM events;
            """;

    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        long firstId = Long.parseLong(args[1]);
        int cores = Integer.parseInt(args[2]);
        StateBackend backend = StateBackend.valueOf(args[3]);
        boolean last = args.length > 4 && args[4].equals("last");
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        LaminarDB db = LaminarDB.open(LaminarConfig.builder()
                .dataDir(dataDir)
                .walMode(WalMode.SYNC)
                .cores(cores)
                .stateBackend(backend)
                // Often, so that kills land before, during and after checkpoints: recovery then restores one and
                // replays the log after it.
                .checkpointInterval(java.time.Duration.ofMillis(150))
                .build());
        db.execute(SCHEMA);
        // Every row of 'copies' goes to files exactly once: the sink commits with the checkpoints.
        db.addSink("copies", new io.laminardb.engine.sink.FileSink(dataDir.resolveSibling("sink"), "copies"));
        db.start();
        // What recovery gave back: every id the view holds and how often it was counted.
        StringBuilder seen = new StringBuilder("SEEN");
        for (Row row : db.query("SELECT id, n FROM seen").rows()) {
            seen.append(' ').append(row.getLong(0)).append(':').append(row.getLong(1));
            // An event logged before the kill but not yet acknowledged is recovered too: never push its id again.
            firstId = Math.max(firstId, row.getLong(0) + 1);
        }
        out.println(seen);
        io.laminardb.engine.DurabilityMetrics metrics = db.durabilityMetrics().orElseThrow();
        out.println("RECOVERED " + metrics.lastCheckpointId() + " " + metrics.recoveredEvents());
        out.println("READY");
        if (last) {
            db.close(); // a clean stop: the last checkpoint commits the sink's last file
            out.println("CLOSED");
            return;
        }
        AtomicLong next = new AtomicLong(firstId);
        UntypedSource events = db.source("events");
        Runnable producer = () -> {
            while (true) {
                long id = next.getAndIncrement();
                events.push(id, Instant.ofEpochMilli(1_700_000_000_000L + id));
                synchronized (out) {
                    out.println("ACK " + id);
                }
            }
        };
        Thread second = new Thread(producer, "producer-2");
        second.setDaemon(true);
        second.start();
        producer.run();
    }
}
