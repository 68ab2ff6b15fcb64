package io.laminardb.spring.autoconfigure.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.annotations.LaminarSource;
import io.laminardb.engine.Source;
import io.laminardb.spring.autoconfigure.LaminarAutoConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Mono;

class SourceMethodSignatureTest {

    private static final String SHAPES = "A source method either takes no parameter and returns a @Record type T";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LaminarAutoConfiguration.class))
            .withPropertyValues("laminar.schema-locations=classpath:source-methods.sql", "laminar.cores=1");

    @Test
    void methodWithTwoParametersFailsStartUp() {
        assertStartupFails(
                TwoParameters.class, "TwoParameters.produce of bean 'feed'", "it takes 2 parameters", SHAPES);
    }

    @Test
    void methodReturningNothingFailsStartUp() {
        assertStartupFails(
                ReturnsNothing.class, "ReturnsNothing.poll of bean 'feed'", "takes no parameter and returns nothing");
    }

    @Test
    void rawIterableFailsStartUp() {
        assertStartupFails(RawList.class, "RawList.all of bean 'feed'", "List<?> does not say the record type", SHAPES);
    }

    @Test
    void wildcardSourceParameterFailsStartUp() {
        assertStartupFails(
                WildcardSource.class,
                "WildcardSource.produce of bean 'feed'",
                "Source<?> does not say the record type");
    }

    @Test
    void returnTypeThatIsNoRecordFailsStartUp() {
        assertStartupFails(
                ReturnsString.class,
                "ReturnsString.next of bean 'feed'",
                "its return type String is not usable",
                "is not a LaminarDB record type",
                SHAPES);
    }

    @Test
    void parameterThatIsNoSourceFailsStartUp() {
        assertStartupFails(TakesRecord.class, "TakesRecord.take of bean 'feed'", "not a Source<T>", SHAPES);
    }

    @Test
    void sourceParameterMethodReturningSomethingFailsStartUp() {
        assertStartupFails(
                PusherReturnsRecord.class,
                "PusherReturnsRecord.produce of bean 'feed'",
                "returns Tick; such a method pushes into the source and returns nothing");
    }

    @Test
    void monoFailsStartUp() {
        assertStartupFails(ReturnsMono.class, "ReturnsMono.next of bean 'feed'", "only Flux<T> is taken");
    }

    @Test
    void pollIntervalOnSourceParameterMethodFailsStartUp() {
        assertStartupFails(
                PusherWithInterval.class, "PusherWithInterval.produce of bean 'feed'", "remove pollInterval = \"1s\"");
    }

    @Test
    void pollIntervalThatIsNoDurationFailsStartUp() {
        assertStartupFails(
                BadInterval.class, "BadInterval.next of bean 'feed'", "pollInterval \"soon\" is not a duration");
    }

    @Test
    void blankSourceNameFailsStartUp() {
        assertStartupFails(BlankName.class, "BlankName.next of bean 'feed' names no source");
    }

    @Test
    void sourceThatDoesNotExistFailsStartUp() {
        assertStartupFails(
                UnknownSource.class,
                "@LaminarSource(\"nowhere\") on UnknownSource.next of bean 'feed'",
                "No source named 'nowhere'",
                "Create it in schema.sql, or fix the name.");
    }

    @Test
    void recordThatDoesNotFitTheSourceFailsStartUp() {
        assertStartupFails(
                WrongSource.class,
                "@LaminarSource(\"readings\") on WrongSource.next of bean 'feed' cannot push Tick into 'readings'");
    }

    private void assertStartupFails(Class<?> bean, String... fragments) {
        runner.withBean("feed", bean).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining(fragments[0]);
            for (String fragment : fragments) {
                assertThat(context.getStartupFailure()).hasStackTraceContaining(fragment);
            }
        });
    }

    static class TwoParameters {
        @LaminarSource("ticks")
        void produce(Source<Tick> ticks, Source<Tick> more) {}
    }

    static class ReturnsNothing {
        @LaminarSource("ticks")
        void poll() {}
    }

    static class RawList {
        @SuppressWarnings("rawtypes")
        @LaminarSource("ticks")
        List all() {
            return List.of();
        }
    }

    static class WildcardSource {
        @LaminarSource("ticks")
        void produce(Source<?> ticks) {}
    }

    static class ReturnsString {
        @LaminarSource("ticks")
        String next() {
            return "AAPL";
        }
    }

    static class TakesRecord {
        @LaminarSource("ticks")
        void take(Tick tick) {}
    }

    static class PusherReturnsRecord {
        @LaminarSource("ticks")
        Tick produce(Source<Tick> ticks) {
            return null;
        }
    }

    static class ReturnsMono {
        @LaminarSource("ticks")
        Mono<Tick> next() {
            return Mono.empty();
        }
    }

    static class PusherWithInterval {
        @LaminarSource(value = "ticks", pollInterval = "1s")
        void produce(Source<Tick> ticks) {}
    }

    static class BadInterval {
        @LaminarSource(value = "ticks", pollInterval = "soon")
        Tick next() {
            return null;
        }
    }

    static class BlankName {
        @LaminarSource(" ")
        Tick next() {
            return null;
        }
    }

    static class UnknownSource {
        @LaminarSource("nowhere")
        Tick next() {
            return null;
        }
    }

    static class WrongSource {
        @LaminarSource("readings")
        Tick next() {
            return null;
        }
    }
}
