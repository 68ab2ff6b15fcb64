package io.laminardb.benchmarks.source;

import io.laminardb.benchmarks.record.BenchTrade;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Source;
import io.laminardb.engine.StateBackend;
import io.laminardb.engine.WalMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Source.push} throughput of a database with a data directory, by {@code wal.mode}, from 1 and from 4 producer
 * threads, beside the same push into a database in memory ({@code mode=MEMORY}) measured in the same run.
 *
 * <p>{@code SYNC} returns only once the event is forced to disk: its figure is the disk's {@code fsync} rate times the
 * pushes one {@code fsync} carries (group commit), so it grows with the producers. Checkpoints run at their default
 * interval on the memory backend (the source has no queries, so they hold no state).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class DurablePushBenchmark {

    /** The database under test: in memory, or durable with one of the log modes. */
    @State(Scope.Benchmark)
    public static class Database {
        @Param({"MEMORY", "NONE", "ASYNC", "SYNC"})
        public String mode;

        LaminarDB db;
        Source<BenchTrade> source;
        Path dir;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            LaminarConfig.Builder config = LaminarConfig.builder().cores(1);
            if (!mode.equals("MEMORY")) {
                dir = Files.createTempDirectory("laminar-durable-push");
                config.dataDir(dir)
                        .walMode(WalMode.valueOf(mode))
                        .stateBackend(StateBackend.MEMORY)
                        .checkpointInterval(Duration.ofSeconds(1));
            }
            db = LaminarDB.open(config.build());
            db.execute(Trades.CREATE_SOURCE);
            db.start();
            source = db.source(Trades.SOURCE, BenchTrade.class);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            db.close();
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
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
    }

    /** The trades one producer pushes, in turn. */
    @State(Scope.Thread)
    public static class Producer {
        private static final int TRADES = 1_024;
        private final BenchTrade[] trades = Trades.sample(TRADES);
        private int next;

        BenchTrade next() {
            return trades[next++ & (TRADES - 1)];
        }
    }

    @Benchmark
    @Threads(1)
    public void oneProducer(Database database, Producer producer) {
        database.source.push(producer.next());
    }

    @Benchmark
    @Threads(4)
    public void fourProducers(Database database, Producer producer) {
        database.source.push(producer.next());
    }
}
