package io.laminardb.spring.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Masks option values whose keys look like secrets, before the {@code laminar} endpoint shows them: a key whose last
 * part (after the last {@code .}, {@code _} or {@code -}) is {@code password}, {@code passwd}, {@code pwd}, {@code
 * secret}, {@code token}, {@code key}, {@code credential} or {@code credentials}, or that mentions {@code jaas} (Kafka's
 * {@code sasl.jaas.config} holds a password). The engine is to mask connector secrets itself; this is the second line.
 */
final class SecretOptions {

    static final String MASK = "******";

    private static final Set<String> SECRET_PARTS =
            Set.of("password", "passwd", "pwd", "secret", "token", "key", "credential", "credentials");

    private SecretOptions() {}

    /** The options in key order, secret-looking values replaced by {@link #MASK}. */
    static Map<String, String> mask(Map<String, String> options) {
        Map<String, String> masked = new LinkedHashMap<>();
        new TreeMap<>(options).forEach((key, value) -> masked.put(key, isSecret(key) ? MASK : value));
        return masked;
    }

    static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.contains("jaas")) {
            return true;
        }
        String[] parts = lower.split("[._-]");
        return parts.length > 0 && SECRET_PARTS.contains(parts[parts.length - 1]);
    }
}
