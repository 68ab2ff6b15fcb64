package io.laminardb.spring.autoconfigure.actuate;

import io.laminardb.engine.LaminarDB;
import io.laminardb.spring.autoconfigure.LaminarAutoConfiguration;
import io.laminardb.spring.autoconfigure.sink.LaminarSinks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The Micrometer meters of LaminarDB ({@link LaminarMetrics}), when Micrometer is on the class path and the application
 * has a {@link MeterRegistry} (as Spring Boot's metrics auto-configuration provides). Spring Boot binds the {@link
 * MeterBinder} bean to its registries.
 */
@AutoConfiguration(
        after = LaminarAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnClass({LaminarDB.class, MeterBinder.class})
@ConditionalOnBean({LaminarDB.class, MeterRegistry.class})
public final class LaminarMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LaminarMetrics laminarMetrics(LaminarDB db, ObjectProvider<LaminarSinks> sinks) {
        return new LaminarMetrics(db, sinks.getIfAvailable());
    }
}
