package io.laminardb.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.Backpressure;
import io.laminardb.engine.LaminarConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Each {@code laminar.*} key binds and reaches what it configures. */
class LaminarPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LaminarAutoConfiguration.class))
            .withPropertyValues("laminar.cores=1");

    @Test
    void defaultsAreTheDocumentedOnes() {
        runner.run(context -> {
            LaminarProperties properties = context.getBean(LaminarProperties.class);
            assertThat(properties.isCpuAffinity()).isFalse();
            assertThat(properties.getSchemaLocations()).containsExactly("optional:classpath:schema.sql");
            assertThat(properties.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
            LaminarProperties.ResolvedSink sink = properties.sink("anything");
            assertThat(sink.bufferSize()).isEqualTo(8_192);
            assertThat(sink.maxBatchSize()).isEqualTo(1_024);
            assertThat(sink.errorPolicy()).isEqualTo(SinkErrorPolicy.LOG);
            assertThat(sink.subscription().backpressure()).isEqualTo(Backpressure.BLOCK);
        });
    }

    @Test
    void cpuAffinityReachesTheEngineConfiguration() {
        runner.withPropertyValues("laminar.cpu-affinity=true")
                .run(context -> assertThat(context.getBean(LaminarConfig.class).cpuAffinity())
                        .isTrue());
    }

    @Test
    void shutdownTimeoutBindsDurations() {
        runner.withPropertyValues("laminar.shutdown-timeout=5s")
                .run(context -> assertThat(
                                context.getBean(LaminarProperties.class).getShutdownTimeout())
                        .isEqualTo(Duration.ofSeconds(5)));
    }

    @Test
    void aSinksEntryOverridesTheSinkDefaultsKeyByKeyMatchedIgnoringCase() {
        runner.withPropertyValues(
                        "laminar.sink-defaults.buffer-size=256",
                        "laminar.sink-defaults.error-policy=dead-letter",
                        "laminar.sinks.large_trades.max-batch-size=10",
                        "laminar.sinks.large_trades.error-policy=stop")
                .run(context -> {
                    LaminarProperties properties = context.getBean(LaminarProperties.class);
                    LaminarProperties.ResolvedSink own = properties.sink("LARGE_TRADES");
                    assertThat(own.bufferSize()).isEqualTo(256);
                    assertThat(own.maxBatchSize()).isEqualTo(10);
                    assertThat(own.errorPolicy()).isEqualTo(SinkErrorPolicy.STOP);
                    LaminarProperties.ResolvedSink other = properties.sink("bars");
                    assertThat(other.maxBatchSize()).isEqualTo(1_024);
                    assertThat(other.errorPolicy()).isEqualTo(SinkErrorPolicy.DEAD_LETTER);
                });
    }

    @Test
    void aBufferSizeThatIsNotAPowerOfTwoFailsStartUpWithTheRule() {
        runner.withPropertyValues("laminar.source-defaults.buffer-size=1000")
                .run(context -> assertThat(context).getFailure().hasStackTraceContaining("power of two"));
    }
}
