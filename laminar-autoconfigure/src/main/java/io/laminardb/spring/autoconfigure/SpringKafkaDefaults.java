package io.laminardb.spring.autoconfigure;

import io.laminardb.engine.LaminarConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Gives the Kafka connector the application's {@code spring.kafka.*} settings as defaults, so a {@code CREATE SOURCE
 * ... WITH (connector = 'kafka', topic = 'orders')} needs no broker address of its own: {@code bootstrap-servers},
 * {@code security.protocol}, {@code consumer.group-id}, {@code consumer.auto-offset-reset}, the SSL stores, and every
 * {@code spring.kafka.properties.*} key (passed to the Kafka clients as {@code kafka.<key>}). Options in the statement
 * win. Read from the environment, so the application needs no spring-kafka dependency for this.
 */
final class SpringKafkaDefaults implements LaminarConfigCustomizer {

    private final Binder binder;

    SpringKafkaDefaults(Environment environment) {
        this.binder = Binder.get(environment);
    }

    @Override
    public void customize(LaminarConfig.Builder builder) {
        Map<String, String> defaults = defaults();
        if (!defaults.isEmpty()) {
            builder.connectorDefaults("kafka", defaults);
        }
    }

    /** The Kafka connector's options the {@code spring.kafka.*} properties stand for. */
    Map<String, String> defaults() {
        Map<String, String> options = new LinkedHashMap<>();
        binder.bind("spring.kafka.bootstrap-servers", Bindable.listOf(String.class))
                .ifBound(servers -> options.put("bootstrap.servers", String.join(",", servers)));
        copy("spring.kafka.security.protocol", "security.protocol", options);
        copy("spring.kafka.consumer.group-id", "group.id", options);
        copy("spring.kafka.consumer.auto-offset-reset", "auto.offset.reset", options);
        copy("spring.kafka.ssl.trust-store-location", "kafka.ssl.truststore.location", options);
        copy("spring.kafka.ssl.trust-store-password", "kafka.ssl.truststore.password", options);
        copy("spring.kafka.ssl.trust-store-type", "kafka.ssl.truststore.type", options);
        copy("spring.kafka.ssl.key-store-location", "kafka.ssl.keystore.location", options);
        copy("spring.kafka.ssl.key-store-password", "kafka.ssl.keystore.password", options);
        copy("spring.kafka.ssl.key-store-type", "kafka.ssl.keystore.type", options);
        copy("spring.kafka.ssl.key-password", "kafka.ssl.key.password", options);
        binder.bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class))
                .ifBound(properties -> properties.forEach((k, v) -> {
                    switch (k) {
                        case "sasl.mechanism" -> options.put("sasl.mechanism", v);
                        case "security.protocol" -> options.putIfAbsent("security.protocol", v);
                        default -> options.put("kafka." + k, v);
                    }
                }));
        return options;
    }

    private void copy(String property, String option, Map<String, String> options) {
        binder.bind(property, String.class).ifBound(value -> {
            // Resource locations arrive as "classpath:..." or "file:..."; the Kafka clients take file paths.
            options.put(option, value.startsWith("file:") ? value.substring("file:".length()) : value);
        });
    }
}
