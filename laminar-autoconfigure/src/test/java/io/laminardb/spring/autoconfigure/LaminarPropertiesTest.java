package io.laminardb.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.Backpressure;
import io.laminardb.engine.Incompatible;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.StateBackend;
import io.laminardb.engine.WalMode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    void withoutADataDirTheDatabaseIsInMemory() {
        runner.run(context -> {
            LaminarConfig config = context.getBean(LaminarConfig.class);
            assertThat(config.isDurable()).isFalse();
            assertThat(config.walMode()).isEqualTo(WalMode.NONE);
            assertThat(context.getBean(LaminarDB.class).durabilityMetrics()).isEmpty();
        });
    }

    @Test
    void theDurabilityKeysReachTheEngineConfiguration(@TempDir Path dir) {
        runner.withPropertyValues(
                        "laminar.data-dir=" + dir,
                        "laminar.wal.mode=sync",
                        "laminar.wal.flush-interval=50ms",
                        "laminar.wal.segment-size=1MB",
                        "laminar.wal.truncate-on-corruption=true",
                        "laminar.checkpoint.interval=2s",
                        "laminar.checkpoint.retained=5",
                        "laminar.checkpoint.state-backend=memory",
                        "laminar.checkpoint.on-incompatible=reset")
                .run(context -> {
                    LaminarConfig config = context.getBean(LaminarConfig.class);
                    assertThat(config.dataDir()).contains(dir);
                    assertThat(config.walMode()).isEqualTo(WalMode.SYNC);
                    assertThat(config.walFlushInterval()).isEqualTo(Duration.ofMillis(50));
                    assertThat(config.walSegmentSize()).isEqualTo(1024 * 1024);
                    assertThat(config.walTruncateOnCorruption()).isTrue();
                    assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(config.checkpointRetained()).isEqualTo(5);
                    assertThat(config.stateBackend()).isEqualTo(StateBackend.MEMORY);
                    assertThat(config.onIncompatible()).isEqualTo(Incompatible.RESET);
                    assertThat(context.getBean(LaminarDB.class).durabilityMetrics())
                            .hasValueSatisfying(m -> assertThat(m.walMode()).isEqualTo(WalMode.SYNC));
                });
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
