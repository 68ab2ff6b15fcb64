package io.laminardb.spring.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.LaminarDB;
import io.laminardb.spring.autoconfigure.LaminarAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** When the {@code laminar} endpoint is registered, and when it backs off. */
class LaminarEndpointAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(LaminarAutoConfiguration.class, LaminarEndpointAutoConfiguration.class))
            .withPropertyValues("laminar.cores=1", "laminar.schema-locations=classpath:laminar/actuator.sql");

    @Test
    void endpointIsRegisteredWhenExposedOverHttp() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=health,laminar")
                .run(context -> assertThat(context).hasSingleBean(LaminarEndpoint.class));
    }

    @Test
    void endpointIsMissingWhenNotExposed() {
        runner.run(
                context -> assertThat(context).hasSingleBean(LaminarDB.class).doesNotHaveBean(LaminarEndpoint.class));
    }

    @Test
    void endpointIsMissingWhenItsAccessIsNone() {
        runner.withPropertyValues(
                        "management.endpoints.web.exposure.include=laminar", "management.endpoint.laminar.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(LaminarEndpoint.class));
    }

    @Test
    void endpointBacksOffWhenTheApplicationDefinesOne() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=laminar")
                .withUserConfiguration(OwnEndpoint.class)
                .run(context ->
                        assertThat(context).hasSingleBean(LaminarEndpoint.class).hasBean("ownLaminarEndpoint"));
    }

    @Test
    void endpointIsMissingWhenActuatorIsNotOnTheClassPath() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=laminar")
                .withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context ->
                        assertThat(context).hasSingleBean(LaminarDB.class).doesNotHaveBean(LaminarEndpoint.class));
    }

    @Test
    void endpointIsMissingWithoutALaminarDatabase() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LaminarEndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=laminar")
                .run(context -> assertThat(context).doesNotHaveBean(LaminarEndpoint.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEndpoint {

        @Bean
        LaminarEndpoint ownLaminarEndpoint(LaminarDB db) {
            return new LaminarEndpoint(db, null);
        }
    }
}
