package io.laminardb.benchmarks.source;

import io.laminardb.benchmarks.record.BenchTrade;
import io.laminardb.engine.DurabilityMetrics;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Source;
import io.laminardb.engine.StateBackend;
import io.laminardb.engine.WalMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Recovery time: how long {@code start()} takes to replay a log of N trades into a view that counts and sums them per
 * symbol, beside the time the same N trades take pushed live into the same query in memory, in the same run.
 *
 * <p>The log is written by a durable database that is then closed and its checkpoints deleted, so that the next start
 * has only the log to go by (what a crash before the first checkpoint leaves). One segment holds the whole log, so the
 * last checkpoint deletes none of it.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.laminardb.benchmarks.source.RecoveryHarness [events]
 * </pre>
 */
public final class RecoveryHarness {

    private static final String VIEW = "CREATE MATERIALIZED VIEW by_symbol AS"
            + " SELECT symbol, COUNT(*) AS trades, SUM(qty) AS qty FROM trades GROUP BY symbol";

    private RecoveryHarness() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        BenchTrade[] trades = Trades.sample(1_024);
        Path dir = Files.createTempDirectory("laminar-recovery");
        try {
            LaminarConfig durable = LaminarConfig.builder()
                    .cores(1)
                    .dataDir(dir)
                    .walMode(WalMode.ASYNC)
                    .walSegmentSize(1L << 30)
                    .stateBackend(StateBackend.MEMORY)
                    .build();
            try (LaminarDB db = LaminarDB.open(durable)) {
                db.execute(Trades.CREATE_SOURCE + ";" + VIEW);
                db.start();
                Source<BenchTrade> source = db.source(Trades.SOURCE, BenchTrade.class);
                for (int i = 0; i < events; i++) {
                    source.push(trades[i & 1023]);
                }
            }
            delete(dir.resolve("checkpoints"));
            Files.createDirectories(dir.resolve("checkpoints"));
            long logBytes;
            try (Stream<Path> files = Files.walk(dir.resolve("wal"))) {
                logBytes = files.filter(Files::isRegularFile)
                        .mapToLong(p -> p.toFile().length())
                        .sum();
            }

            long live = pushLive(events, trades);
            try (LaminarDB db = LaminarDB.open(durable)) {
                db.execute(Trades.CREATE_SOURCE + ";" + VIEW);
                long started = System.nanoTime();
                db.start();
                long nanos = System.nanoTime() - started;
                DurabilityMetrics metrics = db.durabilityMetrics().orElseThrow();
                System.out.printf(
                        "recovery: %,d events (%,d MB of log) replayed in %,d ms: %,.0f events/s; start() took %,d ms%n",
                        metrics.recoveredEvents(),
                        logBytes >> 20,
                        metrics.recoveryTime().toMillis(),
                        metrics.recoveredEvents() / (metrics.recoveryTime().toNanos() / 1e9),
                        nanos / 1_000_000);
                System.out.printf(
                        "baseline: the same %,d events pushed live into the same query in memory: %,d ms: %,.0f"
                                + " events/s%n",
                        events, live / 1_000_000, events / (live / 1e9));
            }
        } finally {
            delete(dir);
        }
    }

    /** Nanoseconds from the first push to the view holding every event, in memory. */
    private static long pushLive(int events, BenchTrade[] trades) throws InterruptedException {
        try (LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(1).build())) {
            db.execute(Trades.CREATE_SOURCE + ";" + VIEW);
            db.start();
            Source<BenchTrade> source = db.source(Trades.SOURCE, BenchTrade.class);
            long started = System.nanoTime();
            for (int i = 0; i < events; i++) {
                source.push(trades[i & 1023]);
            }
            while (db.metrics().totalEventsIngested() < events) {
                Thread.onSpinWait();
            }
            return System.nanoTime() - started;
        }
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
