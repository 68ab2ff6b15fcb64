package io.laminardb.benchmarks.source;

import io.laminardb.benchmarks.record.BenchTrade;
import io.laminardb.engine.record.RecordType;
import io.laminardb.engine.record.RecordTypes;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.jctools.queues.SpscArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Source.pushArrow} of one batch (DESIGN 8: under 1 us per batch), beside a JCTools {@link SpscArrayQueue} taking
 * the same batches, measured in the same run.
 *
 * <p><b>What is measured: the hand-over, not Arrow.</b> A pushed root belongs to the engine, which closes it once it
 * has read it, so every push needs a fresh root, and allocating and filling one costs far more than handing it over.
 * Each invocation therefore pushes {@link #POOL} roots that were made before it, and JMH divides its time by {@code
 * POOL} ({@code @OperationsPerInvocation}). The roots are made in a {@code @Setup(Level.Invocation)}, which JMH leaves
 * out of the measured time, as zero-copy slices of one template (filling a root costs milliseconds and would leave
 * few invocations in an iteration); because one invocation does 64 pushes, the time stamps JMH takes around each
 * invocation cost under a nanosecond per push.
 *
 * <p>The same set-up first waits until the consumer has taken every root of the previous invocation. Reading a batch
 * row by row costs the engine thread far more than the push (that is the engine's rate, a different figure), and
 * without the wait the channel would fill with roots, each holding direct memory, and the producer would measure the
 * engine's rate instead. With it, each invocation pushes into a channel that the consumer is draining at that moment:
 * a producer handing batches over.
 *
 * <p><b>The idle gap.</b> While the set-up builds the next roots, the consumer has nothing to do. The engine thread
 * then parks, and the first push of the next invocation has to wake it ({@code LockSupport.unpark}). So there are two
 * baselines: {@code spscOfferRoot}, whose consumer spins and yields and never needs waking, and {@code
 * spscOfferRootParkingConsumer}, whose consumer idles as the engine thread does and is woken the same way. The
 * difference between the two is the price of waking a parked consumer; the difference between ours and the second is
 * what {@code pushArrow} itself adds.
 *
 * <p>All sides build their roots alike and their consumers close them; the allocator's close at the end of the trial
 * fails if a root was not released. The heap is fixed so that garbage collection, which the engine's reading of rows
 * causes and which pauses the producer too, behaves the same in every run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xms2g", "-Xmx2g"})
public class PushArrowBenchmark {

    /** Roots pushed by one invocation. */
    static final int POOL = 64;

    /**
     * Makes fresh roots holding the same trades: zero-copy slices of one template root, each of which holds its own
     * references to the template's buffers and is closed on its own. Used by the benchmark thread only.
     */
    abstract static class Roots {
        final VectorSchemaRoot[] pool = new VectorSchemaRoot[POOL];
        private BufferAllocator allocator;
        private VectorSchemaRoot template;

        void open(int rows) {
            RecordType<BenchTrade> type = RecordTypes.of(BenchTrade.class);
            allocator = new RootAllocator();
            template = type.createRoot(allocator);
            type.writeAll(Arrays.asList(Trades.sample(rows)), template);
        }

        /** Waits until the consumer has taken every root pushed so far, then makes the next pool. */
        void refill() {
            while (pending()) {
                Thread.onSpinWait();
            }
            int rows = template.getRowCount();
            for (int i = 0; i < POOL; i++) {
                pool[i] = template.slice(0, rows);
            }
        }

        abstract boolean pending();

        /** Closes the template and the allocator, which fails if a root was never released. */
        void close() {
            template.close();
            allocator.close();
        }
    }

    /** The {@code trades} source, drained by one engine thread. */
    @State(Scope.Benchmark)
    public static class Laminar extends Roots {
        /**
         * Rows in each root. The hand-over does not depend on it; the engine's reading of the rows, which the set-up
         * waits for, does, and fewer rows let more invocations into each iteration. {@code -p rows=1000} for larger
         * batches.
         */
        @Param({"100"})
        public int rows;

        LaminarTrades laminar;

        @Setup(Level.Trial)
        public void setUp() {
            open(rows);
            laminar = new LaminarTrades();
        }

        @Setup(Level.Invocation)
        public void fill() {
            refill();
        }

        @Override
        boolean pending() {
            return laminar.pending() > 0;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                laminar.expectMpsc(false);
            } finally {
                laminar.close();
                close();
            }
        }
    }

    /** Baseline: a JCTools single-producer queue of roots, whose consumer closes each one. */
    @State(Scope.Benchmark)
    public static class Spsc extends Roots {
        /** As {@link Laminar#rows}. */
        @Param({"100"})
        public int rows;

        final SpscArrayQueue<VectorSchemaRoot> queue = new SpscArrayQueue<>(Trades.CAPACITY);
        QueueDrainer consumer;

        @Setup(Level.Trial)
        public void setUp() {
            open(rows);
            consumer = new QueueDrainer("spsc-consumer", parks()) {
                @Override
                protected int drain(int limit) {
                    return queue.drain(VectorSchemaRoot::close, limit);
                }

                @Override
                protected boolean pending() {
                    return !queue.isEmpty();
                }
            }.start();
        }

        boolean parks() {
            return false;
        }

        @Setup(Level.Invocation)
        public void fill() {
            refill();
        }

        @Override
        boolean pending() {
            return !queue.isEmpty();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            consumer.stop();
            close();
        }
    }

    /** Baseline: as {@link Spsc}, with a consumer that parks when idle, as the engine thread does. */
    @State(Scope.Benchmark)
    public static class ParkingSpsc extends Spsc {
        @Override
        boolean parks() {
            return true;
        }
    }

    /** Ours: {@code Source.pushArrow} of each root of the pool. */
    @Benchmark
    @OperationsPerInvocation(POOL)
    public void laminarPushArrow(Laminar source) {
        VectorSchemaRoot[] pool = source.pool;
        for (int i = 0; i < POOL; i++) {
            source.laminar.source.pushArrow(pool[i]);
        }
    }

    /** Baseline: {@code offer} of each root of the pool, spinning while the queue is full. */
    @Benchmark
    @OperationsPerInvocation(POOL)
    public void spscOfferRoot(Spsc spsc) {
        VectorSchemaRoot[] pool = spsc.pool;
        for (int i = 0; i < POOL; i++) {
            while (!spsc.queue.offer(pool[i])) {
                Thread.onSpinWait();
            }
        }
    }

    /** Baseline: {@code offer} of each root of the pool, then waking the consumer if it parked. */
    @Benchmark
    @OperationsPerInvocation(POOL)
    public void spscOfferRootParkingConsumer(ParkingSpsc spsc) {
        VectorSchemaRoot[] pool = spsc.pool;
        for (int i = 0; i < POOL; i++) {
            while (!spsc.queue.offer(pool[i])) {
                Thread.onSpinWait();
            }
            spsc.consumer.wakeIfSleeping();
        }
    }
}
