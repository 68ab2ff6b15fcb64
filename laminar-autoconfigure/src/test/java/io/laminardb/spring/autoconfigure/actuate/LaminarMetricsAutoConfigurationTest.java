package io.laminardb.spring.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.LaminarDB;
import io.laminardb.spring.autoconfigure.LaminarAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** When the LaminarDB meters are registered, and when they back off. */
class LaminarMetricsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    LaminarAutoConfiguration.class,
                    LaminarMetricsAutoConfiguration.class,
                    MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues("laminar.cores=1", "laminar.schema-locations=classpath:laminar/actuator.sql");

    @Test
    void metricsAreRegisteredWhenThereIsAMeterRegistry() {
        runner.run(context -> assertThat(context).hasSingleBean(LaminarMetrics.class));
    }

    @Test
    void metricsBackOffWhenTheApplicationDefinesThem() {
        runner.withUserConfiguration(OwnMetrics.class)
                .run(context ->
                        assertThat(context).hasSingleBean(LaminarMetrics.class).hasBean("ownLaminarMetrics"));
    }

    @Test
    void metricsAreMissingWhenMicrometerIsNotOnTheClassPath() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
                .run(context ->
                        assertThat(context).hasSingleBean(LaminarDB.class).doesNotHaveBean(LaminarMetrics.class));
    }

    @Test
    void metricsAreMissingWithoutAMeterRegistry() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(LaminarAutoConfiguration.class, LaminarMetricsAutoConfiguration.class))
                .withPropertyValues("laminar.cores=1")
                .run(context ->
                        assertThat(context).hasSingleBean(LaminarDB.class).doesNotHaveBean(LaminarMetrics.class));
    }

    @Test
    void metricsAreMissingWithoutALaminarDatabase() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        LaminarMetricsAutoConfiguration.class,
                        MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(LaminarMetrics.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMetrics {

        @Bean
        LaminarMetrics ownLaminarMetrics(LaminarDB db) {
            return new LaminarMetrics(db, null);
        }
    }
}
