package io.laminardb.benchmarks.source;

import io.laminardb.benchmarks.record.BenchTrade;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.SpscArrayQueue;
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
 * {@code Source.pushBatch} of 1,000 records, reported per record (DESIGN 8: under 10 ns, aim under 3), beside
 * baselines drained by one consumer thread in the same run.
 *
 * <p>A batch travels through the channel as one element, and the engine thread then hands on its records one by one.
 * The baselines have the same shape:
 *
 * <ul>
 *   <li>{@code spscOfferArray}: a JCTools {@link SpscArrayQueue} takes the batch's array as one element, the array
 *       being the same pre-built one every time; the consumer reads each record's event time. This is the floor: a hand-over with
 *       no copy.
 *   <li>{@code spscOfferCopiedArray}: the same, but the producer first copies the list into a new array ({@code
 *       List.toArray}), as a push that takes a caller's list and lets the caller reuse it has to.
 *   <li>{@code arrayBlockingQueuePutAll}: an {@link ArrayBlockingQueue} takes the records one by one ({@code put}
 *       for each, which is {@code addAll} that blocks instead of failing when full); the consumer takes them with
 *       {@code drainTo}.
 * </ul>
 *
 * <p>The source's buffer counts elements, not records: when the engine thread cannot keep up, up to 65,536 batches
 * (65 million records) wait in the channel before a push blocks, and the figure shows the engine's rate.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class PushBatchBenchmark {

    static final int BATCH = 1_000;

    /** The batch a producer pushes: as the caller's list, and as an array for the raw-queue floor. */
    @State(Scope.Thread)
    public static class Producer {
        final List<BenchTrade> list = new ArrayList<>(Arrays.asList(Trades.sample(BATCH)));
        final List<BenchTrade> immutable = List.copyOf(list);
        final Object[] array = list.toArray();
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

    /** Baseline: a JCTools single-producer queue of arrays, whose consumer reads every record's event time. */
    @State(Scope.Benchmark)
    public static class Spsc {
        final SpscArrayQueue<Object[]> queue = new SpscArrayQueue<>(Trades.CAPACITY);
        QueueDrainer consumer;

        @Setup(Level.Trial)
        public void setUp() {
            EventTimeSink sink = new EventTimeSink();
            consumer = new QueueDrainer("spsc-consumer") {
                @Override
                protected int drain(int limit) {
                    return queue.drain(sink::acceptAll, limit);
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

    /** Ours: {@code Source.pushBatch} of the list. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void laminarPushBatch(Laminar source, Producer producer) {
        source.laminar.source.pushBatch(producer.list);
    }

    /** Ours: {@code Source.pushBatch} of a list that cannot change, which is handed over without a copy. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void laminarPushImmutableBatch(Laminar source, Producer producer) {
        source.laminar.source.pushBatch(producer.immutable);
    }

    /** Baseline: the pre-built array as one element, no copy. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void spscOfferArray(Spsc spsc, Producer producer) {
        offer(spsc.queue, producer.array);
    }

    /** Baseline: a copy of the list as one element. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void spscOfferCopiedArray(Spsc spsc, Producer producer) {
        offer(spsc.queue, producer.list.toArray());
    }

    /** Baseline: every record of the list, one {@code put} each. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void arrayBlockingQueuePutAll(Blocking blocking, Producer producer) throws InterruptedException {
        ArrayBlockingQueue<Object> queue = blocking.queue;
        for (BenchTrade trade : producer.list) {
            queue.put(trade);
        }
    }

    private static void offer(SpscArrayQueue<Object[]> queue, Object[] batch) {
        while (!queue.offer(batch)) {
            Thread.onSpinWait();
        }
    }
}
