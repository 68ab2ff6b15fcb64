package io.laminardb.spring.autoconfigure.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.laminardb.annotations.LaminarSource;
import io.laminardb.spring.autoconfigure.LaminarAutoConfiguration;
import io.laminardb.spring.autoconfigure.source.SourceMethodInfo.State;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Flux;

class FluxSourceMethodTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LaminarAutoConfiguration.class))
            .withPropertyValues("laminar.schema-locations=classpath:source-methods.sql", "laminar.cores=1")
            .withBean(TickCollector.class);

    @Test
    void fluxMethodPushesEveryElementWithBoundedDemand() {
        runner.withBean(FluxTicks.class).run(context -> {
            assertThat(context.getBean(TickCollector.class).takeSeqs(1_000))
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, 1_000).boxed().toList());
            LaminarSourceMethods methods = context.getBean(LaminarSourceMethods.class);
            await().until(() -> LaminarSourceMethodsTest.info(methods).state() == State.COMPLETED);
            assertThat(LaminarSourceMethodsTest.info(methods).events()).isEqualTo(1_000);
            assertThat(LaminarSourceMethodsTest.info(methods).shape()).isEqualTo("Flux<Tick>");
            FluxTicks flux = context.getBean(FluxTicks.class);
            assertThat(flux.largestRequest.get()).isBetween(1L, (long) FluxElements.PREFETCH);
            assertThat(flux.subscriptions.get()).isOne();
        });
    }

    @Test
    void endlessFluxIsCancelledOnStop() {
        runner.withBean(EndlessFluxTicks.class).run(context -> {
            context.getBean(TickCollector.class).take(3);
            EndlessFluxTicks flux = context.getBean(EndlessFluxTicks.class);
            assertThat(flux.cancelled).isFalse();
            LaminarSourceMethods methods = context.getBean(LaminarSourceMethods.class);
            context.close();
            assertThat(flux.cancelled).isTrue();
            assertThat(LaminarSourceMethodsTest.info(methods).state()).isEqualTo(State.STOPPED);
        });
    }

    @Test
    void fluxMethodWithIntervalIsSubscribedAgainAfterEachCompletion() {
        runner.withBean(PolledFluxTicks.class).run(context -> {
            assertThat(context.getBean(TickCollector.class).takeSeqs(4)).containsExactly(1L, 2L, 1L, 2L);
            assertThat(context.getBean(PolledFluxTicks.class).calls.get()).isGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void failingFluxIsCountedAndNotCalledAgain() {
        runner.withBean(FailingFluxTicks.class).run(context -> {
            assertThat(context.getBean(TickCollector.class).takeSeqs(2)).containsExactly(1L, 2L);
            LaminarSourceMethods methods = context.getBean(LaminarSourceMethods.class);
            await().until(() -> LaminarSourceMethodsTest.info(methods).state() == State.FAILED);
            SourceMethodInfo info = LaminarSourceMethodsTest.info(methods);
            assertThat(info.errors()).isOne();
            assertThat(info.events()).isEqualTo(2);
            assertThat(info.lastError())
                    .hasValueSatisfying(error -> assertThat(error).contains("feed lost"));
        });
    }

    static class FluxTicks {
        final AtomicLong largestRequest = new AtomicLong();
        final AtomicInteger subscriptions = new AtomicInteger();

        @LaminarSource("ticks")
        Flux<Tick> all() {
            return Flux.range(1, 1_000)
                    .map(Tick::of)
                    .doOnSubscribe(s -> subscriptions.incrementAndGet())
                    .doOnRequest(n -> largestRequest.accumulateAndGet(n, Math::max));
        }
    }

    static class EndlessFluxTicks {
        volatile boolean cancelled;

        @LaminarSource("ticks")
        Flux<Tick> all() {
            return Flux.interval(Duration.ofMillis(1)).map(Tick::of).doOnCancel(() -> cancelled = true);
        }
    }

    static class PolledFluxTicks {
        final AtomicInteger calls = new AtomicInteger();

        @LaminarSource(value = "ticks", pollInterval = "5ms")
        Flux<Tick> batch() {
            calls.incrementAndGet();
            return Flux.just(Tick.of(1), Tick.of(2));
        }
    }

    static class FailingFluxTicks {
        @LaminarSource("ticks")
        Flux<Tick> all() {
            return Flux.just(Tick.of(1), Tick.of(2)).concatWith(Flux.error(new IllegalStateException("feed lost")));
        }
    }
}
