package io.laminardb.benchmarks.source;

import io.laminardb.benchmarks.record.BenchTrade;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.SpscArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Source.push} from one producer (DESIGN 8: under 100 ns, aim under 20) beside a JCTools {@link SpscArrayQueue}
 * and an {@link ArrayBlockingQueue}, each drained by one consumer thread, measured in the same run.
 *
 * <p>The JMH thread is the only producer, so the source's channel stays single-producer (the tear-down checks it). The
 * consumer runs concurrently, so a figure is the producer's cost per push at the rate the pair sustains, not the
 * latency of one push into an idle queue. The producers cycle through 1,024 pre-built trades and allocate nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class PushBenchmark {

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

    /** The {@code trades} source, drained by one engine thread. */
    @State(Scope.Benchmark)
    public static class Laminar {
        LaminarTrades laminar;

        @Setup(Level.Trial)
        public void setUp() {
            laminar = new LaminarTrades();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                laminar.expectMpsc(false);
            } finally {
                laminar.close();
            }
        }
    }

    /** Baseline: a JCTools single-producer queue of the same capacity, drained by one consumer thread. */
    @State(Scope.Benchmark)
    public static class Spsc {
        final SpscArrayQueue<Object> queue = new SpscArrayQueue<>(Trades.CAPACITY);
        QueueDrainer consumer;

        @Setup(Level.Trial)
        public void setUp() {
            EventTimeSink sink = new EventTimeSink();
            consumer = new QueueDrainer("spsc-consumer") {
                @Override
                protected int drain(int limit) {
                    return queue.drain(sink, limit);
                }

                @Override
                protected boolean pending() {
                    return !queue.isEmpty();
                }
            }.start();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            consumer.stop();
        }
    }

    /** Baseline: an {@link ArrayBlockingQueue} of the same capacity, drained by one consumer thread. */
    @State(Scope.Benchmark)
    public static class Blocking {
        final ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(Trades.CAPACITY);
        QueueDrainer consumer;

        @Setup(Level.Trial)
        public void setUp() {
            EventTimeSink sink = new EventTimeSink();
            consumer = new QueueDrainer("array-blocking-queue-consumer") {
                @Override
                protected int drain(int limit) {
                    return queue.drainTo(sink, limit);
                }

                @Override
                protected boolean pending() {
                    return !queue.isEmpty();
                }
            }.start();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            consumer.stop();
        }
    }

    /** Ours: {@code Source.push}, which blocks when the channel is full (the default backpressure). */
    @Benchmark
    public void laminarPush(Laminar source, Producer producer) {
        source.laminar.source.push(producer.next());
    }

    /** Baseline: {@code offer}, spinning while the queue is full. */
    @Benchmark
    public void spscOffer(Spsc spsc, Producer producer) {
        BenchTrade trade = producer.next();
        while (!spsc.queue.offer(trade)) {
            Thread.onSpinWait();
        }
    }

    /** Baseline: {@code put}, which blocks while the queue is full. */
    @Benchmark
    public void arrayBlockingQueuePut(Blocking blocking, Producer producer) throws InterruptedException {
        blocking.queue.put(producer.next());
    }
}
