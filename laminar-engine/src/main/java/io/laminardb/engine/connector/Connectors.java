package io.laminardb.engine.connector;

import io.laminardb.engine.ConnectorException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The connectors and formats on the class path, found through {@link ServiceLoader} once per database. A name that
 * is not found fails with the Maven artifact that provides it.
 */
public final class Connectors {

    /** Where each connector of the design lives, to name the artifact when its module is missing. */
    private static final Map<String, String> KNOWN_ARTIFACTS = Map.ofEntries(
            Map.entry("kafka", "io.laminardb:laminar-connector-kafka"),
            Map.entry("websocket", "io.laminardb:laminar-connector-websocket"),
            Map.entry("postgres-cdc", "io.laminardb:laminar-connector-cdc"),
            Map.entry("mysql-cdc", "io.laminardb:laminar-connector-cdc"),
            Map.entry("postgres", "io.laminardb:laminar-connector-jdbc"),
            Map.entry("jdbc", "io.laminardb:laminar-connector-jdbc"),
            Map.entry("rabbitmq", "io.laminardb:laminar-connector-rabbitmq"),
            Map.entry("files", "io.laminardb:laminar-connector-files"),
            Map.entry("file", "io.laminardb:laminar-connector-files"),
            Map.entry("s3", "io.laminardb:laminar-connector-files"),
            Map.entry("delta-lake", "io.laminardb:laminar-connector-delta"),
            Map.entry("iceberg", "io.laminardb:laminar-connector-iceberg"),
            Map.entry("clickhouse", "io.laminardb:laminar-connector-clickhouse"));

    private static final Map<String, String> KNOWN_FORMATS = Map.of("avro", "io.laminardb:laminar-format-avro");

    private final Map<String, ConnectorFactory> connectors = new LinkedHashMap<>();
    private final Map<String, ConnectorFactory> bySchema = new LinkedHashMap<>();
    private final Map<String, FormatFactory> formats = new LinkedHashMap<>();

    private Connectors() {}

    /** The factories visible to this class's class loader and the calling thread's context class loader. */
    public static Connectors load() {
        Connectors found = new Connectors();
        for (ClassLoader loader : loaders()) {
            for (ConnectorFactory factory : ServiceLoader.load(ConnectorFactory.class, loader)) {
                found.connectors.putIfAbsent(factory.name().toLowerCase(Locale.ROOT), factory);
                for (String scheme : factory.uriSchemes()) {
                    found.bySchema.putIfAbsent(scheme.toLowerCase(Locale.ROOT), factory);
                }
            }
            for (FormatFactory format : ServiceLoader.load(FormatFactory.class, loader)) {
                found.formats.putIfAbsent(format.name().toLowerCase(Locale.ROOT), format);
            }
        }
        return found;
    }

    private static List<ClassLoader> loaders() {
        ClassLoader own = Connectors.class.getClassLoader();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context == null || context == own ? List.of(own) : List.of(own, context);
    }

    /** Registers a factory by hand (tests, or an application that builds its own). */
    public synchronized void register(ConnectorFactory factory) {
        connectors.put(factory.name().toLowerCase(Locale.ROOT), factory);
        for (String scheme : factory.uriSchemes()) {
            bySchema.put(scheme.toLowerCase(Locale.ROOT), factory);
        }
    }

    /** Registers a format by hand. */
    public synchronized void register(FormatFactory format) {
        formats.put(format.name().toLowerCase(Locale.ROOT), format);
    }

    /**
     * The connector named {@code name}.
     *
     * @param object what asks, for the message ("Source 'orders'")
     * @throws ConnectorException naming the artifact to add when it is not on the class path
     */
    public synchronized ConnectorFactory connector(String object, String name) {
        ConnectorFactory factory = connectors.get(name.toLowerCase(Locale.ROOT));
        if (factory == null) {
            throw missing(object, "connector", name, KNOWN_ARTIFACTS.get(name.toLowerCase(Locale.ROOT)), names());
        }
        return factory;
    }

    /** The connector whose URI form uses {@code scheme}. */
    public synchronized ConnectorFactory connectorForScheme(String object, String scheme) {
        ConnectorFactory factory = bySchema.get(scheme.toLowerCase(Locale.ROOT));
        if (factory == null) {
            throw missing(
                    object,
                    "connector for URIs",
                    scheme + "://",
                    KNOWN_ARTIFACTS.get(scheme.toLowerCase(Locale.ROOT)),
                    names());
        }
        return factory;
    }

    /** The format named {@code name}. */
    public synchronized FormatFactory format(String object, String name) {
        FormatFactory format = formats.get(name.toLowerCase(Locale.ROOT));
        if (format == null) {
            throw missing(
                    object,
                    "format",
                    name,
                    KNOWN_FORMATS.get(name.toLowerCase(Locale.ROOT)),
                    new TreeSet<>(formats.keySet()).toString());
        }
        return format;
    }

    /** The format named {@code name}, if present. */
    public synchronized Optional<FormatFactory> findFormat(String name) {
        return Optional.ofNullable(formats.get(name.toLowerCase(Locale.ROOT)));
    }

    private String names() {
        return connectors.isEmpty() ? "none" : String.join(", ", new TreeSet<>(connectors.keySet()));
    }

    private static ConnectorException missing(
            String object, String what, String name, String artifact, String present) {
        String fix = artifact != null
                ? " Add the dependency " + artifact + " (same version as laminar-engine) to use it."
                : " Check the spelling, or add the module that provides it.";
        return new ConnectorException(object + ": no " + what + " named '" + name + "' is on the class path." + fix
                + " Present: " + present + ".");
    }
}
