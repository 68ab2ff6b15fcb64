package io.laminardb.spring.autoconfigure.actuate;

import io.laminardb.engine.LaminarDB;
import io.laminardb.spring.autoconfigure.LaminarAutoConfiguration;
import io.laminardb.spring.autoconfigure.sink.LaminarSinks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The read-only {@code laminar} Actuator endpoint ({@link LaminarEndpoint}), when Actuator is on the class path and the
 * endpoint is available: its access is not {@code none} and it is exposed, for example with {@code
 * management.endpoints.web.exposure.include=health,laminar}.
 */
@AutoConfiguration(after = LaminarAutoConfiguration.class)
@ConditionalOnClass({LaminarDB.class, Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(LaminarDB.class)
@ConditionalOnAvailableEndpoint(LaminarEndpoint.class)
public final class LaminarEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LaminarEndpoint laminarEndpoint(LaminarDB db, ObjectProvider<LaminarSinks> sinks) {
        return new LaminarEndpoint(db, sinks.getIfAvailable());
    }
}
