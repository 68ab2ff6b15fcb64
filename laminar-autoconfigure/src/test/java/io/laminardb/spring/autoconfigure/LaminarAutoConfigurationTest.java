package io.laminardb.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.Backpressure;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.PipelineState;
import io.laminardb.engine.SourceInfo;
import io.laminardb.engine.SubscriptionConfig;
import io.laminardb.engine.WaitStrategy;
import io.laminardb.spring.autoconfigure.sink.LaminarSinks;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans of {@link LaminarAutoConfiguration}, the properties they read, and backing off. */
class LaminarAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LaminarAutoConfiguration.class))
            .withPropertyValues("laminar.cores=1");

    @Test
    void springKafkaPropertiesBecomeTheKafkaConnectorsDefaults() {
        runner.withPropertyValues(
                        "spring.kafka.bootstrap-servers=b1:9092,b2:9092",
                        "spring.kafka.security.protocol=SASL_SSL",
                        "spring.kafka.consumer.group-id=app",
                        "spring.kafka.properties.sasl.mechanism=PLAIN",
                        "spring.kafka.properties.max.poll.records=100")
                .run(context -> assertThat(context.getBean(LaminarConfig.class).connectorDefaults("kafka"))
                        .containsEntry("bootstrap.servers", "b1:9092,b2:9092")
                        .containsEntry("security.protocol", "SASL_SSL")
                        .containsEntry("group.id", "app")
                        .containsEntry("sasl.mechanism", "PLAIN")
                        .containsEntry("kafka.max.poll.records", "100"));
    }

    @Test
    void withoutSchemaScriptTheDatabaseStartsEmpty() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(LaminarDB.class);
            assertThat(context).hasSingleBean(LaminarConfig.class);
            assertThat(context).hasSingleBean(LaminarLifecycle.class);
            assertThat(context).hasSingleBean(LaminarSinks.class);
            LaminarDB db = context.getBean(LaminarDB.class);
            assertThat(db.sources()).isEmpty();
            assertThat(db.pipelineState()).isEqualTo(PipelineState.RUNNING);
        });
    }

    @Test
    void schemaScriptsRunInOrderBeforeThePipelineStarts() {
        runner.withPropertyValues("laminar.schema-locations=classpath:laminar/trades.sql,classpath:laminar/quotes.sql")
                .run(context -> {
                    LaminarDB db = context.getBean(LaminarDB.class);
                    assertThat(db.sources()).extracting(SourceInfo::name).containsExactly("trades", "quotes");
                    assertThat(db.streams()).extracting(s -> s.name()).containsExactly("large_trades");
                    assertThat(db.materializedViews()).extracting(s -> s.name()).containsExactly("volume");
                });
    }

    @Test
    void closingTheContextDrainsAndStopsThePipeline() {
        LaminarDB[] db = new LaminarDB[1];
        runner.withPropertyValues("laminar.schema-locations=classpath:laminar/trades.sql")
                .run(context -> db[0] = context.getBean(LaminarDB.class));
        assertThat(db[0].pipelineState()).isEqualTo(PipelineState.STOPPED);
    }

    @Test
    void propertiesConfigureTheEngineAndEachSource() {
        runner.withPropertyValues(
                        "laminar.cores=2",
                        "laminar.schema-locations=classpath:laminar/trades.sql,classpath:laminar/quotes.sql",
                        "laminar.source-defaults.buffer-size=1024",
                        "laminar.source-defaults.wait-strategy=park",
                        "laminar.sources.trades.backpressure=drop-oldest",
                        "laminar.sources.trades.buffer-size=4096")
                .run(context -> {
                    LaminarConfig config = context.getBean(LaminarConfig.class);
                    assertThat(config.cores()).isEqualTo(2);
                    LaminarDB db = context.getBean(LaminarDB.class);
                    assertThat(db.sources())
                            .extracting(s -> s.name() + " " + s.config())
                            .containsExactly(
                                    "trades "
                                            + new io.laminardb.engine.SourceConfig(
                                                    4096, Backpressure.DROP_OLDEST, WaitStrategy.PARK),
                                    "quotes "
                                            + new io.laminardb.engine.SourceConfig(
                                                    1024, Backpressure.BLOCK, WaitStrategy.PARK));
                });
    }

    @Test
    void aSourcesEntryForNoSourceFailsStartUpNamingTheSources() {
        runner.withPropertyValues(
                        "laminar.schema-locations=classpath:laminar/trades.sql",
                        "laminar.sources.tradez.buffer-size=1024")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("laminar.sources.tradez is set, but there is no source 'tradez'")
                        .hasMessageContaining("Sources: trades"));
    }

    @Test
    void customizersAdjustTheConfiguration() {
        runner.withUserConfiguration(CustomizerConfiguration.class)
                .run(context -> assertThat(context.getBean(LaminarConfig.class)
                                .subscriptionDefaults()
                                .bufferSize())
                        .isEqualTo(64));
    }

    @Test
    void configBacksOffWhenTheApplicationDefinesOne() {
        runner.withUserConfiguration(OwnConfig.class).run(context -> {
            assertThat(context).hasSingleBean(LaminarConfig.class);
            assertThat(context.getBean(LaminarConfig.class).cores()).isEqualTo(3);
        });
    }

    @Test
    void databaseBacksOffWhenTheApplicationDefinesOne() {
        runner.withUserConfiguration(OwnDatabase.class).run(context -> {
            assertThat(context).hasSingleBean(LaminarDB.class);
            assertThat(context.getBean(LaminarDB.class).sources())
                    .extracting(SourceInfo::name)
                    .containsExactly("own");
        });
    }

    @Test
    void lifecycleBacksOffWhenTheApplicationDefinesOne() {
        runner.withUserConfiguration(OwnLifecycle.class).run(context -> {
            assertThat(context).hasSingleBean(LaminarLifecycle.class);
            assertThat(context.getBeanNamesForType(LaminarLifecycle.class)).containsExactly("ownLifecycle");
        });
    }

    @Test
    void backsOffWithoutTheEngineOnTheClassPath() {
        runner.withClassLoader(new FilteredClassLoader(LaminarDB.class))
                .run(context -> assertThat(context).doesNotHaveBean(LaminarProperties.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizerConfiguration {
        @Bean
        LaminarConfigCustomizer smallSubscriptions() {
            return builder -> builder.subscriptionDefaults(new SubscriptionConfig(64, Backpressure.BLOCK));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnConfig {
        @Bean
        LaminarConfig ownConfig() {
            return LaminarConfig.builder().cores(3).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDatabase {
        @Bean(destroyMethod = "close")
        LaminarDB ownDatabase() {
            LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(1).build());
            db.execute("CREATE SOURCE own (id BIGINT)");
            return db;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnLifecycle {
        @Bean
        LaminarLifecycle ownLifecycle(LaminarDB db, LaminarProperties properties) {
            return new LaminarLifecycle(db, java.util.List.of(), properties);
        }
    }
}
