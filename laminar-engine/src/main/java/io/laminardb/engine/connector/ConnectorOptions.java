package io.laminardb.engine.connector;

import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.catalog.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The options of one connector object after checking against its {@link ConnectorOption}s: every given key is known
 * and well-formed, every required key is there, defaults are filled in. Made by {@link #validate}; read by the
 * connector with the typed getters.
 */
public final class ConnectorOptions {

    /** What masked values show as. */
    public static final String MASK = "******";

    private final Map<String, String> values;
    private final List<ConnectorOption> descriptors;

    private ConnectorOptions(Map<String, String> values, List<ConnectorOption> descriptors) {
        this.values = Collections.unmodifiableMap(values);
        this.descriptors = List.copyOf(descriptors);
    }

    /**
     * Checks {@code given} against {@code descriptors} and reports every problem at once.
     *
     * @param object what the options belong to, for messages ("Source 'orders'")
     * @param connector the connector's name, for messages
     * @param given the options as written, keys in any case
     * @throws ConnectorException naming each missing, unknown and malformed key, with what is expected
     */
    public static ConnectorOptions validate(
            String object, String connector, List<ConnectorOption> descriptors, Map<String, String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> entry : given.entrySet()) {
            String key = entry.getKey().toLowerCase(Locale.ROOT);
            Optional<ConnectorOption> option = find(descriptors, key);
            if (option.isEmpty()) {
                problems.add("unknown option '" + key + "'" + suggestion(descriptors, key));
                continue;
            }
            String malformed = check(option.get(), entry.getValue());
            if (malformed != null) {
                problems.add("option '" + key + "' = '" + shown(option.get(), entry.getValue()) + "' is not valid: "
                        + malformed);
                continue;
            }
            values.put(key, entry.getValue());
        }
        for (ConnectorOption option : descriptors) {
            if (option.kind() == ConnectorOption.Kind.PREFIX || values.containsKey(option.name())) {
                continue;
            }
            if (option.isRequired()) {
                problems.add("missing required option '" + option.name() + "' (" + option.description() + ")");
            } else if (option.defaultValue() != null) {
                values.put(option.name(), option.defaultValue());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConnectorException(
                    object + ", connector '" + connector + "': " + String.join("; ", problems) + ". Options of '"
                            + connector + "': " + names(descriptors) + ".",
                    problems,
                    null);
        }
        return new ConnectorOptions(values, descriptors);
    }

    /** Options made directly, without checking: for tests and for connectors that build their own. */
    public static ConnectorOptions of(Map<String, String> values) {
        Map<String, String> lower = new LinkedHashMap<>();
        values.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return new ConnectorOptions(lower, List.of());
    }

    private static Optional<ConnectorOption> find(List<ConnectorOption> descriptors, String key) {
        ConnectorOption prefix = null;
        for (ConnectorOption option : descriptors) {
            if (option.kind() != ConnectorOption.Kind.PREFIX && option.name().equals(key)) {
                return Optional.of(option);
            }
            if (option.matches(key)) {
                prefix = option;
            }
        }
        return Optional.ofNullable(prefix);
    }

    /** Null when {@code value} fits {@code option}; otherwise what was expected. */
    private static String check(ConnectorOption option, String value) {
        if (value == null) {
            return "a value is needed";
        }
        String v = value.trim();
        switch (option.kind()) {
            case INTEGER:
                try {
                    Long.parseLong(v.replace("_", ""));
                    return null;
                } catch (NumberFormatException e) {
                    return "expected " + option.expected();
                }
            case BOOLEAN:
                return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")
                        ? null
                        : "expected " + option.expected();
            case DURATION:
                try {
                    parseDuration(option.name(), v);
                    return null;
                } catch (IllegalArgumentException e) {
                    return "expected " + option.expected();
                }
            case CHOICE:
                return option.choices().contains(v.toLowerCase(Locale.ROOT)) ? null : "expected " + option.expected();
            default:
                return null;
        }
    }

    private static Duration parseDuration(String name, String value) {
        String v = value.trim();
        if (v.startsWith("P") || v.startsWith("p")) {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
        return Duration.ofMillis(Durations.parseMillis(name, v));
    }

    private static String shown(ConnectorOption option, String value) {
        return option.isSecret() ? MASK : value;
    }

    /** ", did you mean 'group.id'?" when a known key is close to {@code key}. */
    private static String suggestion(List<ConnectorOption> descriptors, String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConnectorOption option : descriptors) {
            if (option.kind() == ConnectorOption.Kind.PREFIX) {
                continue;
            }
            int d = distance(normalized(key), normalized(option.name()));
            if (d < bestDistance) {
                bestDistance = d;
                best = option.name();
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 4) ? ", did you mean '" + best + "'?" : "";
    }

    /** Separators do not count: 'group_id' is close to 'group.id'. */
    private static String normalized(String key) {
        return key.replace('_', '.').replace('-', '.');
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String names(List<ConnectorOption> descriptors) {
        List<String> names = new ArrayList<>();
        for (ConnectorOption option : descriptors) {
            names.add(
                    option.kind() == ConnectorOption.Kind.PREFIX
                            ? option.name() + "*"
                            : option.name() + (option.isRequired() ? " (required)" : ""));
        }
        return String.join(", ", names);
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    /** The value of {@code name} (given or default), if any. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The value of a required option, or of one with a default. */
    public String require(String name) {
        return get(name).orElseThrow(() -> new ConnectorException("option '" + name + "' is not set"));
    }

    public Optional<Long> getLong(String name) {
        return get(name).map(v -> Long.parseLong(v.trim().replace("_", "")));
    }

    public Optional<Integer> getInt(String name) {
        return getLong(name).map(Math::toIntExact);
    }

    public Optional<Boolean> getBoolean(String name) {
        return get(name).map(v -> Boolean.parseBoolean(v.trim()));
    }

    public Optional<Duration> getDuration(String name) {
        return get(name).map(v -> parseDuration(name, v));
    }

    /** The value of a {@link ConnectorOption.Kind#CHOICE} option in lower case. */
    public Optional<String> getChoice(String name) {
        return get(name).map(v -> v.trim().toLowerCase(Locale.ROOT));
    }

    /** Every option whose key starts with {@code prefix}, with the prefix taken off. */
    public Map<String, String> withPrefix(String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(p) && k.length() > p.length()) {
                result.put(k.substring(p.length()), v);
            }
        });
        return result;
    }

    /** Every value, keys in lower case, secrets in clear: for the connector only, never to show. */
    public Map<String, String> asMap() {
        return values;
    }

    /** Every value as it may be shown: secrets masked. */
    public Map<String, String> masked() {
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k, isSecret(k) ? MASK : v));
        return shown;
    }

    /** Whether {@code key} is a secret option, or looks like one (a password, secret, token or key in a prefix option). */
    public boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        Optional<ConnectorOption> option = find(descriptors, k);
        if (option.isPresent() && option.get().isSecret()) {
            return true;
        }
        return looksSecret(k);
    }

    /** Keys named like credentials are masked even when no descriptor says so (a client property given by prefix). */
    public static boolean looksSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password")
                || k.contains("secret")
                || k.contains("token")
                || k.endsWith(".key")
                || k.contains("sasl.jaas.config")
                || k.contains("credentials");
    }

    @Override
    public String toString() {
        return masked().toString();
    }
}
