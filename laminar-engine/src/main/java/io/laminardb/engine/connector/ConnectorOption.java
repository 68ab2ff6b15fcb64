package io.laminardb.engine.connector;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The description of one option a connector or format takes in {@code WITH (...)}: its name, whether it must be given,
 * its default, whether it is a secret (masked wherever options are shown), what it means, and what values it accepts.
 * A connector lists its options so that a statement is checked before anything connects: a missing, unknown or
 * malformed key fails the DDL with a {@link io.laminardb.engine.ConnectorException} naming it.
 *
 * <pre>{@code
 * ConnectorOption.string("topic", "Kafka topic to read").required()
 * ConnectorOption.choice("auto.offset.reset", "Where to start without a stored offset", "earliest", "latest")
 *         .withDefault("latest")
 * ConnectorOption.string("sasl.password", "SASL password").secret()
 * ConnectorOption.prefix("kafka.", "Any Kafka client property, passed on without the prefix")
 * }</pre>
 *
 * @param name the key, in lower case; for {@link Kind#PREFIX} the prefix every matching key starts with
 * @param kind what values are accepted
 * @param isRequired whether the key must be given
 * @param defaultValue the value when not given; null for none
 * @param isSecret whether its value is masked when options are shown
 * @param description one sentence, shown in errors and documentation
 * @param choices the accepted values of a {@link Kind#CHOICE}, in lower case; empty otherwise
 */
public record ConnectorOption(
        String name,
        Kind kind,
        boolean isRequired,
        String defaultValue,
        boolean isSecret,
        String description,
        List<String> choices) {

    /** What values an option accepts. */
    public enum Kind {
        /** Any text. */
        STRING,
        /** A whole number ({@code 131072}, {@code 131_072}). */
        INTEGER,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** A duration: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, an ISO-8601 {@code PT10S}, or milliseconds. */
        DURATION,
        /** One of {@link ConnectorOption#choices()}, ignoring case. */
        CHOICE,
        /** Every key starting with {@link ConnectorOption#name()}: passed on to the client library as it is. */
        PREFIX
    }

    public ConnectorOption {
        name = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        choices = choices.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
    }

    public static ConnectorOption string(String name, String description) {
        return new ConnectorOption(name, Kind.STRING, false, null, false, description, List.of());
    }

    public static ConnectorOption integer(String name, String description) {
        return new ConnectorOption(name, Kind.INTEGER, false, null, false, description, List.of());
    }

    public static ConnectorOption bool(String name, String description) {
        return new ConnectorOption(name, Kind.BOOLEAN, false, null, false, description, List.of());
    }

    public static ConnectorOption duration(String name, String description) {
        return new ConnectorOption(name, Kind.DURATION, false, null, false, description, List.of());
    }

    public static ConnectorOption choice(String name, String description, String... choices) {
        return new ConnectorOption(name, Kind.CHOICE, false, null, false, description, List.of(choices));
    }

    /** Every key starting with {@code prefix} (say {@code kafka.}), passed on to a client library unchecked. */
    public static ConnectorOption prefix(String prefix, String description) {
        return new ConnectorOption(prefix, Kind.PREFIX, false, null, false, description, List.of());
    }

    /** This option, which must be given. */
    public ConnectorOption required() {
        return new ConnectorOption(name, kind, true, null, isSecret, description, choices);
    }

    /** This option, with a value when it is not given. */
    public ConnectorOption withDefault(String value) {
        return new ConnectorOption(name, kind, false, value, isSecret, description, choices);
    }

    /** This option, masked wherever options are shown (passwords, tokens, keys). */
    public ConnectorOption secret() {
        return new ConnectorOption(name, kind, isRequired, defaultValue, true, description, choices);
    }

    /** Whether {@code key} (lower case) is this option, or one of the keys of a prefix option. */
    public boolean matches(String key) {
        return kind == Kind.PREFIX ? key.startsWith(name) && key.length() > name.length() : key.equals(name);
    }

    /** What the option accepts, for a message: "one of earliest, latest", "a duration such as 10s". */
    public String expected() {
        return switch (kind) {
            case STRING -> "text";
            case INTEGER -> "a whole number";
            case BOOLEAN -> "true or false";
            case DURATION -> "a duration such as 500ms, 10s or 5m";
            case CHOICE -> "one of " + String.join(", ", choices);
            case PREFIX -> "any value";
        };
    }
}
