package io.laminardb.engine.sql;

import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.catalog.ConnectorBinding;
import io.laminardb.engine.connector.ConnectorFactory;
import io.laminardb.engine.connector.ConnectorOption;
import io.laminardb.engine.connector.ConnectorOptions;
import io.laminardb.engine.connector.Connectors;
import io.laminardb.engine.connector.ExternalCalls;
import io.laminardb.engine.connector.FormatFactory;
import io.laminardb.engine.sql.parser.SqlOption;
import io.laminardb.engine.table.ConnectorLookup;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

/**
 * From the {@code WITH (connector = ...)} options or the {@code FROM | INTO 'uri'} of a statement to a checked {@link
 * ConnectorBinding}: finds the connector and its format, and checks every option against what they declare.
 */
final class ConnectorResolution {

    /**
     * What a statement's options resolved to.
     *
     * @param binding the connector, its format and its checked options
     * @param engineOptions the options the engine itself reads (a source's {@code buffer_size}, ...), as written
     */
    record Resolved(ConnectorBinding binding, Map<String, String> engineOptions) {}

    /** What the statement's object does with the connector. */
    enum Role {
        /** {@code CREATE SOURCE}: the connector reads. */
        SOURCE,
        /** {@code CREATE SINK}: the connector writes. */
        SINK,
        /** {@code CREATE TABLE}: the connector finds rows by primary key for lookup joins. */
        TABLE
    }

    private ConnectorResolution() {}

    /**
     * A statement's {@code WITH} options, keys in lower case, in the order written.
     *
     * @throws SqlValidationException when a key is given twice
     */
    static Map<String, String> options(String object, SqlNodeList nodes) {
        Map<String, String> options = new LinkedHashMap<>();
        for (SqlNode node : nodes) {
            SqlOption option = (SqlOption) node;
            String key = option.key().toLowerCase(Locale.ROOT);
            if (options.putIfAbsent(key, option.value()) != null) {
                throw new SqlValidationException(object + ": option '" + key + "' is given twice.");
            }
        }
        return options;
    }

    /** Whether the statement names a connector at all. */
    static boolean hasConnector(Map<String, String> options, String uri) {
        return options.containsKey("connector") || uri != null;
    }

    /**
     * @param object the statement's object, for messages ("Source 'orders'")
     * @param options the {@code WITH} options, keys in lower case
     * @param uri the URI of the statement, null when absent
     * @param role whether the connector reads (a source), writes (a sink) or looks rows up (a table)
     * @param engineKeys options the engine reads itself; they are passed over to it, not to the connector
     */
    static Resolved resolve(
            Connectors connectors,
            io.laminardb.engine.LaminarConfig config,
            String object,
            Map<String, String> options,
            String uri,
            Role role,
            Set<String> engineKeys) {
        Map<String, String> merged = new LinkedHashMap<>();
        ConnectorFactory factory;
        String named = options.get("connector");
        if (uri != null) {
            URI parsed = parse(object, uri);
            factory = named != null
                    ? connectors.connector(object, named)
                    : connectors.connectorForScheme(object, parsed.getScheme() == null ? uri : parsed.getScheme());
            factory.optionsFromUri(parsed).forEach((k, v) -> merged.put(k.toLowerCase(Locale.ROOT), v));
        } else {
            factory = connectors.connector(object, named);
        }
        Map<String, String> engineOptions = new LinkedHashMap<>();
        options.forEach((k, v) -> {
            if (k.equals("connector")) {
                return;
            }
            if (engineKeys.contains(k)) {
                engineOptions.put(k, v);
            } else {
                merged.put(k, v); // WITH wins over the URI
            }
        });
        List<ConnectorOption> roleOptions = switch (role) {
            case SOURCE -> factory.sourceOptions();
            case SINK -> factory.sinkOptions();
            case TABLE -> factory.lookupOptions();
        };
        // The application's defaults for this connector, under the statement's own; only keys the connector knows.
        Map<String, String> defaults = config.connectorDefaults(factory.name());
        defaults.forEach((k, v) -> {
            if (!merged.containsKey(k) && roleOptions.stream().anyMatch(o -> o.matches(k))) {
                merged.put(k, v);
            }
        });
        if (roleOptions.isEmpty()) {
            throw new ConnectorException(object + ": connector '" + factory.name() + "' cannot "
                    + switch (role) {
                        case SOURCE -> "read; it is a sink connector (CREATE SINK)";
                        case SINK -> "write; it is a source connector (CREATE SOURCE)";
                        case TABLE ->
                            "back a table: it cannot find rows by key. Read it with CREATE SOURCE, or"
                                    + " back the table with a connector that looks rows up (postgres)";
                    }
                    + ".");
        }
        List<ConnectorOption> descriptors = new ArrayList<>(roleOptions);
        FormatFactory format = null;
        if (factory.defaultFormat() != null) {
            String formatName =
                    merged.getOrDefault("format", factory.defaultFormat()).trim();
            format = connectors.format(object, formatName);
            descriptors.add(ConnectorOption.string("format", "The data format of the messages")
                    .withDefault(factory.defaultFormat()));
            descriptors.addAll(format.options());
        }
        descriptors.addAll(ExternalCalls.OPTIONS);
        if (role == Role.TABLE) {
            descriptors.addAll(ConnectorLookup.OPTIONS);
        }
        ConnectorOptions checked = ConnectorOptions.validate(object, factory.name(), descriptors, merged);
        return new Resolved(new ConnectorBinding(factory, format, checked), engineOptions);
    }

    private static URI parse(String object, String uri) {
        try {
            return new URI(uri);
        } catch (URISyntaxException e) {
            throw new ConnectorException(object + ": '" + uri + "' is not a valid URI: " + e.getReason()
                    + " at index " + e.getIndex() + ". Write it as scheme://host:port/path?key=value, e.g."
                    + " 'kafka://localhost:9092/orders?format=json'.");
        }
    }

    /** The statement text with every secret option's value masked, to keep and show. */
    static String masked(String sql, ConnectorBinding binding) {
        String result = sql;
        for (Map.Entry<String, String> option : binding.options().asMap().entrySet()) {
            if (binding.options().isSecret(option.getKey())
                    && !option.getValue().isEmpty()) {
                result = result.replace(
                        "'" + option.getValue().replace("'", "''") + "'", "'" + ConnectorOptions.MASK + "'");
            }
        }
        return result;
    }
}
