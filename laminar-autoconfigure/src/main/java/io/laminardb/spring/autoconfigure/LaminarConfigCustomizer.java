package io.laminardb.spring.autoconfigure;

import io.laminardb.engine.LaminarConfig;

/**
 * Changes the {@link LaminarConfig} the auto-configuration builds from {@code laminar.*} before the database opens:
 * for what the properties do not cover.
 *
 * <pre>{@code
 * @Bean
 * LaminarConfigCustomizer subscriptions() {
 *     return builder -> builder.subscriptionDefaults(new SubscriptionConfig(1024, Backpressure.BLOCK));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface LaminarConfigCustomizer {

    /** Adjusts {@code builder}, which already holds the settings of {@code laminar.*}. */
    void customize(LaminarConfig.Builder builder);
}
