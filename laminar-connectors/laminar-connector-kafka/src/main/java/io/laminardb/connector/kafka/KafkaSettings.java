package io.laminardb.connector.kafka;

import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.connector.ConnectorOptions;
import java.util.HashMap;
import java.util.Map;

/** The Kafka client properties an object's options stand for: servers, security, and the {@code kafka.*} keys. */
final class KafkaSettings {

    private KafkaSettings() {}

    /** Checks what options cannot say alone: SASL needs a user and password, or a JAAS config of its own. */
    static void check(String object, ConnectorOptions options) {
        String protocol = options.getChoice("security.protocol").orElse("plaintext");
        boolean sasl = protocol.startsWith("sasl");
        boolean jaas = options.get("kafka.sasl.jaas.config").isPresent();
        if (sasl
                && !jaas
                && (options.get("sasl.username").isEmpty()
                        || options.get("sasl.password").isEmpty())) {
            throw new ConnectorException("'" + object + "': security.protocol = '" + protocol.toUpperCase()
                    + "' needs sasl.username and sasl.password (or 'kafka.sasl.jaas.config').");
        }
        if (!sasl && options.get("sasl.mechanism").isPresent()) {
            throw new ConnectorException("'" + object + "': sasl.mechanism is set but security.protocol is '"
                    + protocol.toUpperCase() + "'; use SASL_PLAINTEXT or SASL_SSL.");
        }
    }

    /** The client properties common to consumers and producers. */
    static Map<String, Object> common(ConnectorOptions options) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", options.require("bootstrap.servers"));
        props.put(
                "security.protocol",
                options.get("security.protocol").orElse("PLAINTEXT").toUpperCase());
        options.get("sasl.mechanism").ifPresent(m -> props.put("sasl.mechanism", m.toUpperCase()));
        if (options.get("sasl.username").isPresent()) {
            String mechanism = options.get("sasl.mechanism").orElse("PLAIN").toUpperCase();
            String module = mechanism.startsWith("SCRAM")
                    ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                    : "org.apache.kafka.common.security.plain.PlainLoginModule";
            props.put("sasl.mechanism", mechanism);
            props.put(
                    "sasl.jaas.config",
                    module + " required username=\"" + escape(options.require("sasl.username")) + "\" password=\""
                            + escape(options.get("sasl.password").orElse("")) + "\";");
        }
        props.putAll(options.withPrefix("kafka."));
        return props;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
