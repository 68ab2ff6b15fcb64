package io.laminardb.spring.autoconfigure.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.annotations.LaminarSource;
import io.laminardb.engine.Source;
import io.laminardb.spring.autoconfigure.LaminarAutoConfiguration;
import io.laminardb.spring.autoconfigure.source.SourceMethodInfo.State;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SourceMethodStopTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LaminarAutoConfiguration.class))
            .withPropertyValues(
                    "laminar.schema-locations=classpath:source-methods.sql",
                    "laminar.cores=1",
                    "laminar.shutdown-timeout=5s");

    @Test
    void stopEndsEveryProducerThread() {
        runner.withBean(Producers.class).run(context -> {
            Producers producers = context.getBean(Producers.class);
            assertThat(producers.running.await(5, TimeUnit.SECONDS)).isTrue();
            LaminarSourceMethods methods = context.getBean(LaminarSourceMethods.class);
            assertThat(methods.sourceMethods())
                    .hasSize(5)
                    .extracting(SourceMethodInfo::state)
                    .containsOnly(State.RUNNING);

            context.close();

            assertThat(producerThreads()).isEmpty();
            assertThat(methods.sourceMethods())
                    .extracting(SourceMethodInfo::state)
                    .containsOnly(State.STOPPED);
            assertThat(methods.sourceMethods())
                    .extracting(SourceMethodInfo::errors)
                    .containsOnly(0L);
            assertThat(producers.politeEnded).isTrue();
        });
    }

    @Test
    void everyEventAMethodPushedBeforeShutdownReachesTheSinks() {
        java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
        LaminarSourceMethods[] methods = new LaminarSourceMethods[1];
        runner.withPropertyValues("laminar.sources.ticks.buffer-size=16")
                .withBean(Firehose.class)
                .withBean(TickCounter.class, () -> new TickCounter(received))
                .run(context -> {
                    methods[0] = context.getBean(LaminarSourceMethods.class);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (received.get() < 10_000 && System.nanoTime() < deadline) {
                        Thread.sleep(5);
                    }
                });
        // Pushes under way when the stop began (even those waiting for room in the small buffer) landed, and the
        // drain handed every one of them to the sink before the context finished closing.
        assertThat(received.get())
                .isGreaterThanOrEqualTo(10_000)
                .isEqualTo(methods[0].sourceMethods().get(0).events());
    }

    static class Firehose {
        private long seq;

        @LaminarSource(value = "ticks", pollInterval = "0ms")
        Tick next() {
            return Tick.of(seq++);
        }
    }

    static class TickCounter {
        private final java.util.concurrent.atomic.AtomicLong received;

        TickCounter(java.util.concurrent.atomic.AtomicLong received) {
            this.received = received;
        }

        @io.laminardb.annotations.LaminarSink("ticks")
        void onTick(Tick tick) {
            received.incrementAndGet();
        }
    }

    /** Names of the source-method threads still alive. */
    private static List<String> producerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("laminar-source-"))
                .toList();
    }

    static class Producers {
        final CountDownLatch running = new CountDownLatch(5);
        final BlockingQueue<Tick> never = new LinkedBlockingQueue<>();
        volatile boolean politeEnded;

        /** Sleeps between calls far longer than the test. */
        @LaminarSource(value = "ticks", pollInterval = "1h")
        Tick rarely() {
            running.countDown();
            return Tick.of(1);
        }

        /** Blocks in each call until interrupted. */
        @LaminarSource(value = "ticks", pollInterval = "0s")
        Tick blocking() throws InterruptedException {
            running.countDown();
            return never.take();
        }

        /** An endless stream. */
        @LaminarSource("ticks")
        Stream<Tick> endless() {
            running.countDown();
            return Stream.iterate(1L, i -> i + 1).map(Tick::of);
        }

        /**
         * Pushes until interrupted, then returns; or ends with the SourceClosedException of a push that was under way
         * when the pipeline closed the source right after the interrupt.
         */
        @LaminarSource("ticks")
        void polite(Source<Tick> ticks) {
            running.countDown();
            try {
                long seq = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    ticks.push(Tick.of(++seq));
                }
            } finally {
                politeEnded = true;
            }
        }

        /** Ignores interrupts: ends when its pushes fail because the pipeline closed the source. */
        @LaminarSource("ticks")
        void stubborn(Source<Tick> ticks) {
            running.countDown();
            long seq = 0;
            while (true) {
                ticks.push(Tick.of(++seq));
                Thread.interrupted();
            }
        }
    }
}
