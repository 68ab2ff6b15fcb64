package io.laminardb.benchmarks.record;

import io.laminardb.engine.record.RecordType;
import io.laminardb.engine.record.RecordTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per record of turning {@code @Record} instances into Arrow columns: the generated {@link RecordType#write}
 * beside a hand-written baseline that sets the same vectors directly, measured in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class RecordWriteBenchmark {

    private static final int BATCH = 1_000;

    private final RecordType<BenchTrade> type = RecordTypes.of(BenchTrade.class);
    private final List<BenchTrade> trades = new ArrayList<>(BATCH);
    private BufferAllocator allocator;
    private VectorSchemaRoot root;

    @Setup(Level.Trial)
    public void setUp() {
        Instant start = Instant.parse("2026-11-21T09:30:00Z");
        String[] symbols = {"AAPL", "MSFT", "GOOG", "AMZN", "NVDA"};
        for (int i = 0; i < BATCH; i++) {
            trades.add(new BenchTrade(symbols[i % symbols.length], 100 + i * 0.01, i, start.plusMillis(i)));
        }
        allocator = new RootAllocator();
        root = type.createRoot(allocator);
        type.writeAll(trades, root); // size the vectors once
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        root.close();
        allocator.close();
    }

    /** The generated code. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public VectorSchemaRoot generatedWrite() {
        for (int row = 0; row < BATCH; row++) {
            type.write(trades.get(row), root, row);
        }
        root.setRowCount(BATCH);
        return root;
    }

    /** The generated batch writer, which looks the vectors up once per batch. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public VectorSchemaRoot generatedWriteAll() {
        type.writeAll(trades, root);
        return root;
    }

    /** Baseline: the same vectors set by hand, with the vector casts hoisted out of the loop. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public VectorSchemaRoot handWrittenWrite() {
        VarCharVector symbol = (VarCharVector) root.getVector(0);
        Float8Vector price = (Float8Vector) root.getVector(1);
        BigIntVector qty = (BigIntVector) root.getVector(2);
        TimeStampMilliVector ts = (TimeStampMilliVector) root.getVector(3);
        for (int row = 0; row < BATCH; row++) {
            BenchTrade trade = trades.get(row);
            symbol.setSafe(row, trade.symbol().getBytes(StandardCharsets.UTF_8));
            price.setSafe(row, trade.price());
            qty.setSafe(row, trade.qty());
            ts.setSafe(row, trade.ts().toEpochMilli());
        }
        root.setRowCount(BATCH);
        return root;
    }
}
