package io.laminardb.spring.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.LaminarDB;
import io.laminardb.spring.autoconfigure.LaminarAutoConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** When the {@code laminar} health indicator is registered, and when it backs off. */
class LaminarHealthContributorAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    LaminarAutoConfiguration.class,
                    LaminarHealthContributorAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class,
                    HealthContributorRegistryAutoConfiguration.class))
            .withPropertyValues("laminar.cores=1", "laminar.schema-locations=classpath:laminar/actuator.sql");

    @Test
    void healthIndicatorIsRegisteredAsTheLaminarContributor() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(LaminarHealthIndicator.class).hasBean("laminarHealthIndicator");
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("laminar"))
                    .isSameAs(context.getBean(LaminarHealthIndicator.class));
        });
    }

    @Test
    void healthIndicatorBacksOffWhenTheApplicationDefinesOne() {
        runner.withUserConfiguration(OwnHealthIndicator.class)
                .run(context -> assertThat(context)
                        .hasSingleBean(LaminarHealthIndicator.class)
                        .hasBean("ownLaminarHealth")
                        .doesNotHaveBean("laminarHealthIndicator"));
    }

    @Test
    void healthIndicatorIsMissingWhenSpringBootHealthIsNotOnTheClassPath() {
        runner.withClassLoader(new FilteredClassLoader(Health.class))
                .run(context -> assertThat(context)
                        .hasSingleBean(LaminarDB.class)
                        .doesNotHaveBean(LaminarHealthIndicator.class));
    }

    @Test
    void healthIndicatorIsMissingWhenDisabledByItsProperty() {
        runner.withPropertyValues("management.health.laminar.enabled=false")
                .run(context -> assertThat(context)
                        .hasSingleBean(LaminarDB.class)
                        .doesNotHaveBean(LaminarHealthIndicator.class));
    }

    @Test
    void healthIndicatorIsMissingWhenHealthIndicatorsAreDisabledByDefault() {
        runner.withPropertyValues("management.health.defaults.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(LaminarHealthIndicator.class));
    }

    @Test
    void healthIndicatorIsMissingWithoutALaminarDatabase() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LaminarHealthContributorAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(LaminarHealthIndicator.class));
    }

    @Test
    void healthTimeoutIsReadFromItsProperty() {
        runner.withPropertyValues("management.health.laminar.timeout=2s")
                .run(context -> assertThat(context.getBean(LaminarHealthIndicatorProperties.class)
                                .getTimeout())
                        .isEqualTo(Duration.ofSeconds(2)));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnHealthIndicator {

        @Bean
        LaminarHealthIndicator ownLaminarHealth(LaminarDB db) {
            return new LaminarHealthIndicator(db, null, Duration.ofSeconds(1));
        }
    }
}
