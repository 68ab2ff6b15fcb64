package io.laminardb.spring.autoconfigure.actuate;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@code laminar} health indicator, under {@code management.health.laminar.*} beside Boot's own
 * {@code management.health.laminar.enabled}.
 */
@ConfigurationProperties("management.health.laminar")
public class LaminarHealthIndicatorProperties {

    /** How long a health check waits for the database's counters before it reports UNKNOWN. */
    private Duration timeout = Duration.ofMillis(500);

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}
