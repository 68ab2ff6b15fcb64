package io.laminardb.spring.autoconfigure.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.laminardb.annotations.LaminarSource;
import io.laminardb.engine.Source;
import io.laminardb.spring.autoconfigure.LaminarAutoConfiguration;
import io.laminardb.spring.autoconfigure.source.SourceMethodInfo.State;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SourceMethodErrorsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LaminarAutoConfiguration.class))
            .withPropertyValues("laminar.schema-locations=classpath:source-methods.sql", "laminar.cores=1")
            .withBean(TickCollector.class);

    @Test
    void throwingPollMethodIsCountedAndKeepsBeingPolled() {
        runner.withBean(FlakyTicks.class).run(context -> {
            assertThat(context.getBean(TickCollector.class).takeSeqs(4)).containsExactly(1L, 5L, 6L, 7L);
            LaminarSourceMethods methods = context.getBean(LaminarSourceMethods.class);
            await().untilAsserted(() -> {
                SourceMethodInfo info = LaminarSourceMethodsTest.info(methods);
                assertThat(info.state()).isEqualTo(State.RUNNING);
                assertThat(info.events()).isEqualTo(4);
                assertThat(info.errors()).isEqualTo(3);
                assertThat(info.lastError()).contains(IllegalStateException.class.getName() + ": feed down at call 4");
            });
            assertThat(context.getBean(FlakyTicks.class).calls.get()).isGreaterThan(7);
        });
    }

    @Test
    void iterableMethodThatThrowsFailsOnceAndIsNotCalledAgain() {
        runner.withBean(ThrowingBatch.class).run(context -> {
            LaminarSourceMethods methods = context.getBean(LaminarSourceMethods.class);
            await().until(() -> LaminarSourceMethodsTest.info(methods).state() == State.FAILED);
            assertThat(LaminarSourceMethodsTest.info(methods).errors()).isOne();
            assertThat(context.getBean(ThrowingBatch.class).calls.get()).isOne();
        });
    }

    @Test
    void elementsBeforeAFailingIteratorArriveAndTheFailureIsCounted() {
        runner.withBean(BrokenIterable.class).run(context -> {
            assertThat(context.getBean(TickCollector.class).takeSeqs(2)).containsExactly(1L, 2L);
            LaminarSourceMethods methods = context.getBean(LaminarSourceMethods.class);
            await().until(() -> LaminarSourceMethodsTest.info(methods).state() == State.FAILED);
            SourceMethodInfo info = LaminarSourceMethodsTest.info(methods);
            assertThat(info.events()).isEqualTo(2);
            assertThat(info.errors()).isOne();
            assertThat(info.lastError())
                    .hasValueSatisfying(error -> assertThat(error).contains("cursor lost"));
        });
    }

    @Test
    void sourceParameterMethodThatThrowsFails() {
        runner.withBean(ThrowingPusher.class).run(context -> {
            assertThat(context.getBean(TickCollector.class).takeSeqs(1)).containsExactly(1L);
            LaminarSourceMethods methods = context.getBean(LaminarSourceMethods.class);
            await().until(() -> LaminarSourceMethodsTest.info(methods).state() == State.FAILED);
            SourceMethodInfo info = LaminarSourceMethodsTest.info(methods);
            assertThat(info.events()).isOne();
            assertThat(info.errors()).isOne();
            assertThat(info.lastError())
                    .hasValueSatisfying(error -> assertThat(error).contains("connection reset"));
        });
    }

    @Test
    void methodThatClosesItsSourceStopsProducing() {
        runner.withBean(ClosingPusher.class).withBean(PolledTicks.class).run(context -> {
            LaminarSourceMethods methods = context.getBean(LaminarSourceMethods.class);
            await().untilAsserted(() -> assertThat(methods.sourceMethods())
                    .extracting(SourceMethodInfo::state)
                    .containsOnly(State.STOPPED));
            assertThat(methods.sourceMethods())
                    .extracting(SourceMethodInfo::errors)
                    .containsOnly(0L);
        });
    }

    static class FlakyTicks {
        final AtomicInteger calls = new AtomicInteger();

        /** Call 1 works, 2 to 4 throw, 5 to 7 work, then nothing. */
        @LaminarSource(value = "ticks", pollInterval = "1ms")
        Tick next() {
            int call = calls.incrementAndGet();
            if (call >= 2 && call <= 4) {
                throw new IllegalStateException("feed down at call " + call);
            }
            return call <= 7 ? Tick.of(call) : null;
        }
    }

    static class ThrowingBatch {
        final AtomicInteger calls = new AtomicInteger();

        @LaminarSource("ticks")
        List<Tick> all() {
            calls.incrementAndGet();
            throw new IllegalStateException("no file");
        }
    }

    static class BrokenIterable {
        @LaminarSource("ticks")
        Iterable<Tick> all() {
            return () -> new Iterator<>() {
                private int next = 1;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Tick next() {
                    if (next > 2) {
                        throw new NoSuchElementException("cursor lost");
                    }
                    return Tick.of(next++);
                }
            };
        }
    }

    static class ThrowingPusher {
        @LaminarSource("ticks")
        void produce(Source<Tick> ticks) {
            ticks.push(Tick.of(1));
            throw new IllegalStateException("connection reset");
        }
    }

    /** Closes the source for every producer, as {@link Source#close()} says. */
    static class ClosingPusher {
        @LaminarSource("ticks")
        void produce(Source<Tick> ticks) throws InterruptedException {
            Thread.sleep(20);
            ticks.close();
            ticks.push(Tick.of(1));
        }
    }

    static class PolledTicks {
        @LaminarSource(value = "ticks", pollInterval = "1ms")
        Tick next() {
            return Tick.of(1);
        }
    }
}
