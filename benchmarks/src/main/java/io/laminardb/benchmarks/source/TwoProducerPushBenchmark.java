package io.laminardb.benchmarks.source;

import io.laminardb.benchmarks.record.BenchTrade;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.MpscArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
 * {@code Source.push} from two producer threads into one source (DESIGN 8: under 200 ns, aim under 60) beside a JCTools
 * {@link MpscArrayQueue} and an {@link ArrayBlockingQueue} with two producers, each drained by one consumer thread.
 *
 * <p>Each group has two JMH threads pushing into the same queue. For the source, the first push of the second thread
 * upgrades the channel to multi-producer during warm-up, so the measured iterations see the multi-producer channel
 * (the tear-down checks it). A figure is the average time one producer spends per push while the other producer and
 * the consumer run: with two producers and a consumer, three busy threads share the cores.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class TwoProducerPushBenchmark {

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
    @State(Scope.Group)
    public static class Laminar {
        LaminarTrades laminar;

        @Setup(Level.Trial)
        public void setUp() {
            laminar = new LaminarTrades();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                laminar.expectMpsc(true);
            } finally {
                laminar.close();
            }
        }
    }

    /** Baseline: a JCTools multi-producer queue of the same capacity, drained by one consumer thread. */
    @State(Scope.Group)
    public static class Mpsc {
        final MpscArrayQueue<Object> queue = new MpscArrayQueue<>(Trades.CAPACITY);
        QueueDrainer consumer;

        @Setup(Level.Trial)
        public void setUp() {
            EventTimeSink sink = new EventTimeSink();
            consumer = new QueueDrainer("mpsc-consumer") {
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
    @State(Scope.Group)
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

    /** Ours: {@code Source.push} from two threads. */
    @Benchmark
    @Group("laminarPush")
    @GroupThreads(2)
    public void laminarProducer(Laminar source, Producer producer) {
        source.laminar.source.push(producer.next());
    }

    /** Baseline: {@code offer} from two threads, spinning while the queue is full. */
    @Benchmark
    @Group("mpscOffer")
    @GroupThreads(2)
    public void mpscProducer(Mpsc mpsc, Producer producer) {
        BenchTrade trade = producer.next();
        while (!mpsc.queue.offer(trade)) {
            Thread.onSpinWait();
        }
    }

    /** Baseline: {@code put} from two threads, blocking while the queue is full. */
    @Benchmark
    @Group("arrayBlockingQueuePut")
    @GroupThreads(2)
    public void arrayBlockingQueueProducer(Blocking blocking, Producer producer) throws InterruptedException {
        blocking.queue.put(producer.next());
    }
}
