package io.laminardb.spring.autoconfigure.actuate;

import io.laminardb.engine.LaminarDB;
import io.laminardb.spring.autoconfigure.LaminarAutoConfiguration;
import io.laminardb.spring.autoconfigure.sink.LaminarSinks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;

/**
 * The {@code laminar} health contributor ({@link LaminarHealthIndicator}), when Spring Boot's health support is on the
 * class path and {@code management.health.laminar.enabled} is not {@code false}.
 */
@AutoConfiguration(
        after = LaminarAutoConfiguration.class,
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({LaminarDB.class, Health.class})
@ConditionalOnBean(LaminarDB.class)
@ConditionalOnEnabledHealthIndicator("laminar")
@EnableConfigurationProperties(LaminarHealthIndicatorProperties.class)
public final class LaminarHealthContributorAutoConfiguration {

    /** Named so that the contributor is called {@code laminar}. */
    @Bean
    @ConditionalOnMissingBean(value = LaminarHealthIndicator.class, name = "laminarHealthIndicator")
    LaminarHealthIndicator laminarHealthIndicator(
            LaminarDB db, ObjectProvider<LaminarSinks> sinks, LaminarHealthIndicatorProperties properties) {
        return new LaminarHealthIndicator(db, sinks.getIfAvailable(), properties.getTimeout());
    }
}
