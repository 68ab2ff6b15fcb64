package io.laminardb.spring.autoconfigure.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.laminardb.annotations.LaminarSource;
import io.laminardb.engine.Source;
import io.laminardb.spring.autoconfigure.LaminarAutoConfiguration;
import io.laminardb.spring.autoconfigure.source.SourceMethodInfo.State;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LaminarSourceMethodsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LaminarAutoConfiguration.class))
            .withPropertyValues("laminar.schema-locations=classpath:source-methods.sql", "laminar.cores=1")
            .withBean(TickCollector.class);

    @Test
    void recordMethodIsPolledAndEachRecordItReturnsArrives() {
        runner.withBean(PolledTicks.class).run(context -> {
            assertThat(context.getBean(TickCollector.class).takeSeqs(5)).containsExactly(1L, 2L, 3L, 4L, 5L);
            await().untilAsserted(() -> assertThat(info(context.getBean(LaminarSourceMethods.class)))
                    .satisfies(info -> {
                        assertThat(info.name()).isEqualTo("PolledTicks.next");
                        assertThat(info.source()).isEqualTo("ticks");
                        assertThat(info.shape()).isEqualTo("Tick");
                        assertThat(info.pollInterval()).contains(Duration.ofMillis(1));
                        assertThat(info.state()).isEqualTo(State.RUNNING);
                        assertThat(info.events()).isEqualTo(5);
                        assertThat(info.errors()).isZero();
                    }));
            assertThat(context.getBean(PolledTicks.class).calls.get()).isGreaterThan(5);
        });
    }

    @Test
    void recordMethodWithoutIntervalIsPolledEverySecond() {
        runner.withBean(SlowPolledTicks.class).run(context -> {
            assertThat(context.getBean(TickCollector.class).takeSeqs(1)).containsExactly(1L);
            assertThat(info(context.getBean(LaminarSourceMethods.class)).pollInterval())
                    .contains(LaminarSourceAnnotationBeanPostProcessor.DEFAULT_POLL_INTERVAL);
            assertThat(context.getBean(SlowPolledTicks.class).calls.get()).isOne();
        });
    }

    @Test
    void pollIntervalPlaceholderIsResolvedFromTheEnvironment() {
        runner.withPropertyValues("feed.interval=25ms")
                .withBean(PlaceholderTicks.class)
                .run(context -> {
                    context.getBean(TickCollector.class).take(1);
                    assertThat(info(context.getBean(LaminarSourceMethods.class)).pollInterval())
                            .contains(Duration.ofMillis(25));
                });
    }

    @Test
    void iterableMethodIsCalledOnceAndEveryElementArrivesInOrder() {
        runner.withBean(IterableTicks.class).run(context -> {
            assertThat(context.getBean(TickCollector.class).takeSeqs(3)).containsExactly(1L, 2L, 3L);
            LaminarSourceMethods methods = context.getBean(LaminarSourceMethods.class);
            await().until(() -> info(methods).state() == State.COMPLETED);
            assertThat(info(methods).events()).isEqualTo(3);
            assertThat(info(methods).shape()).isEqualTo("Iterable<Tick>");
            assertThat(info(methods).pollInterval()).isEmpty();
            assertThat(context.getBean(IterableTicks.class).calls.get()).isOne();
        });
    }

    @Test
    void iterableMethodWithIntervalIsCalledAgainAfterEachResult() {
        runner.withBean(PolledBatches.class).run(context -> {
            List<Long> seqs = context.getBean(TickCollector.class).takeSeqs(6);
            assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(context.getBean(PolledBatches.class).calls.get()).isGreaterThanOrEqualTo(3);
            assertThat(info(context.getBean(LaminarSourceMethods.class)).state())
                    .isEqualTo(State.RUNNING);
        });
    }

    @Test
    void streamMethodPushesEachElementAndClosesTheStream() {
        runner.withBean(StreamTicks.class).run(context -> {
            assertThat(context.getBean(TickCollector.class).takeSeqs(100))
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, 100).boxed().toList());
            LaminarSourceMethods methods = context.getBean(LaminarSourceMethods.class);
            await().until(() -> info(methods).state() == State.COMPLETED);
            assertThat(context.getBean(StreamTicks.class).closed).isTrue();
            assertThat(info(methods).events()).isEqualTo(100);
            assertThat(info(methods).shape()).isEqualTo("Stream<Tick>");
        });
    }

    @Test
    void sourceParameterMethodIsCalledOnceAndPushesItself() {
        runner.withBean(PushingTicks.class).run(context -> {
            assertThat(context.getBean(TickCollector.class).takeSeqs(4)).containsExactly(1L, 2L, 3L, 4L);
            LaminarSourceMethods methods = context.getBean(LaminarSourceMethods.class);
            await().until(() -> info(methods).state() == State.COMPLETED);
            assertThat(info(methods).events()).isEqualTo(4);
            assertThat(info(methods).shape()).isEqualTo("Source<Tick>");
            assertThat(context.getBean(PushingTicks.class).thread).startsWith("laminar-source-ticks-produce");
        });
    }

    @Test
    void userDefinedSourceMethodsBeanIsUsedInstead() {
        runner.withBean(
                        "mySourceMethods",
                        LaminarSourceMethods.class,
                        () -> new LaminarSourceMethods(new LaminarSourceAnnotationBeanPostProcessor()))
                .withBean(PolledTicks.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(LaminarSourceMethods.class);
                    assertThat(context).hasBean("mySourceMethods");
                    assertThat(context.getBean(LaminarSourceMethods.class).sourceMethods())
                            .isEmpty();
                });
    }

    static SourceMethodInfo info(LaminarSourceMethods methods) {
        assertThat(methods.sourceMethods()).hasSize(1);
        return methods.sourceMethods().get(0);
    }

    static class PolledTicks {
        final AtomicInteger calls = new AtomicInteger();

        @LaminarSource(value = "ticks", pollInterval = "1ms")
        Tick next() {
            int call = calls.incrementAndGet();
            return call <= 5 ? Tick.of(call) : null;
        }
    }

    static class SlowPolledTicks {
        final AtomicInteger calls = new AtomicInteger();

        @LaminarSource("ticks")
        Tick next() {
            return Tick.of(calls.incrementAndGet());
        }
    }

    static class PlaceholderTicks {
        @LaminarSource(value = "ticks", pollInterval = "${feed.interval}")
        Tick next() {
            return Tick.of(1);
        }
    }

    static class IterableTicks {
        final AtomicInteger calls = new AtomicInteger();

        @LaminarSource("ticks")
        List<Tick> all() {
            calls.incrementAndGet();
            return List.of(Tick.of(1), Tick.of(2), Tick.of(3));
        }
    }

    static class PolledBatches {
        final AtomicInteger calls = new AtomicInteger();

        @LaminarSource(value = "ticks", pollInterval = "5ms")
        Iterable<Tick> fetch() {
            int call = calls.incrementAndGet();
            if (call > 3) {
                return List.of();
            }
            return List.of(Tick.of(call * 2L - 1), Tick.of(call * 2L));
        }
    }

    static class StreamTicks {
        volatile boolean closed;

        @LaminarSource("ticks")
        Stream<Tick> all() {
            return LongStream.rangeClosed(1, 100).mapToObj(Tick::of).onClose(() -> closed = true);
        }
    }

    static class PushingTicks {
        volatile String thread;

        @LaminarSource("ticks")
        void produce(Source<Tick> ticks) {
            thread = Thread.currentThread().getName();
            ticks.push(Tick.of(1));
            ticks.pushBatch(List.of(Tick.of(2), Tick.of(3)));
            assertThat(ticks.tryPush(Tick.of(4))).isTrue();
        }
    }
}
