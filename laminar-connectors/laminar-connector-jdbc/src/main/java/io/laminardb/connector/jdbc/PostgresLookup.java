package io.laminardb.connector.jdbc;

import io.laminardb.engine.connector.ConnectorHealth;
import io.laminardb.engine.connector.ExternalCalls;
import io.laminardb.engine.connector.LookupConnector;
import io.laminardb.engine.connector.LookupSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Finds a row of a PostgreSQL table by primary key: {@code SELECT <columns> FROM <table> WHERE <key> = ?}, prepared
 * once per connection.
 *
 * <p>One connection, opened on the first lookup in a read-only session on UTC; lookups from several engine threads
 * take turns on it. On connecting, the table's columns are matched by name (ignoring case) with the declared ones:
 * a declared column the table lacks fails every lookup with the table's columns named, and retrying does not help.
 * A lost connection (the server restarted, the network failed) is dropped; the engine retries the lookup, which
 * connects again.
 */
final class PostgresLookup implements LookupConnector {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    private final LookupSpec spec;
    private final String url;
    private final String table;
    private final Properties properties = new Properties();
    private final int timeoutSeconds;

    // guarded by this
    private Connection connection;
    private PreparedStatement select;
    private int[] jdbcTypes;

    // read by health() without the lock, which a lookup holds while PostgreSQL is slow to answer
    private volatile boolean connected;
    private volatile String lastFailure;

    PostgresLookup(LookupSpec spec) {
        this.spec = spec;
        this.url = spec.options().require("url");
        this.table = spec.options().get("table_name").orElse(spec.name());
        spec.options().get("username").ifPresent(user -> properties.setProperty("user", user));
        spec.options().get("password").ifPresent(password -> properties.setProperty("password", password));
        properties.putAll(spec.options().withPrefix("jdbc."));
        properties.setProperty("readOnly", "true");
        properties.setProperty("ApplicationName", "laminardb lookup " + spec.name());
        this.timeoutSeconds = (int) Math.max(
                1, spec.options().getDuration("query.timeout").orElseThrow().toSeconds());
    }

    @Override
    public synchronized Object[] lookup(List<Object> key) throws Exception {
        try {
            PreparedStatement statement = prepared();
            for (int i = 0; i < key.size(); i++) {
                statement.setObject(i + 1, parameter(key.get(i)));
            }
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                Object[] row = new Object[jdbcTypes.length];
                for (int i = 0; i < row.length; i++) {
                    row[i] = value(rows, i + 1, jdbcTypes[i]);
                }
                lastFailure = null;
                return row;
            }
        } catch (SQLException e) {
            lastFailure = e.getMessage();
            if (isConnectionProblem(e)) {
                disconnect(); // the retry connects again
                throw e;
            }
            throw new ExternalCalls.NonRetryable(
                    "PostgreSQL refused the lookup in " + table + " (SQL state " + e.getSQLState() + "): "
                            + e.getMessage(),
                    e);
        }
    }

    /** The statement of the open connection, connecting first when there is none. */
    private PreparedStatement prepared() throws SQLException, ExternalCalls.NonRetryable {
        if (select != null) {
            return select;
        }
        Connection opened = DriverManager.getConnection(url, properties);
        try {
            try (Statement session = opened.createStatement()) {
                session.execute("SET TIME ZONE 'UTC'");
            }
            Map<String, String> actual = columns(opened);
            List<String> selected = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (Field field : spec.schema().getFields()) {
                String found = actual.get(field.getName().toLowerCase(Locale.ROOT));
                if (found == null) {
                    missing.add(field.getName());
                } else {
                    selected.add(quote(found));
                }
            }
            if (!missing.isEmpty()) {
                throw new ExternalCalls.NonRetryable(
                        "PostgreSQL table " + table + " has no column " + String.join(", ", missing)
                                + " of table '" + spec.name() + "'; its columns are "
                                + String.join(", ", actual.values()) + ". Declare the table with those names.",
                        null);
            }
            String where = spec.primaryKey().stream()
                    .map(k -> quote(actual.get(k.toLowerCase(Locale.ROOT))) + " = ?")
                    .collect(Collectors.joining(" AND "));
            PreparedStatement statement = opened.prepareStatement(
                    "SELECT " + String.join(", ", selected) + " FROM " + qualified() + " WHERE " + where);
            statement.setQueryTimeout(timeoutSeconds);
            ResultSetMetaData meta = statement.getMetaData();
            int[] types = new int[selected.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = meta.getColumnType(i + 1);
            }
            connection = opened;
            select = statement;
            jdbcTypes = types;
            connected = true;
            return statement;
        } catch (SQLException | ExternalCalls.NonRetryable | RuntimeException e) {
            closeQuietly(opened);
            throw e;
        }
    }

    /** The table's columns, by lower-case name, as PostgreSQL spells them, in table order. */
    private Map<String, String> columns(Connection opened) throws SQLException, ExternalCalls.NonRetryable {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Statement probe = opened.createStatement();
                ResultSet none = probe.executeQuery("SELECT * FROM " + qualified() + " WHERE false")) {
            ResultSetMetaData meta = none.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.put(meta.getColumnName(i).toLowerCase(Locale.ROOT), meta.getColumnName(i));
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                throw new ExternalCalls.NonRetryable(
                        "PostgreSQL has no table " + table + " (from " + url + "); create it, or name it with"
                                + " table_name = 'schema.table'",
                        e);
            }
            throw e;
        }
        return columns;
    }

    /** The table_name option as SQL: each part quoted unless it is a plain lower-case name. */
    private String qualified() {
        List<String> parts = new ArrayList<>();
        for (String part : table.split("\\.")) {
            parts.add(part.startsWith("\"") ? part : PLAIN.matcher(part).matches() ? part : quote(part));
        }
        return String.join(".", parts);
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A key value as the driver takes it: times as UTC values of the session's time zone. */
    private static Object parameter(Object value) {
        if (value instanceof Instant instant) {
            return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        return value;
    }

    /** A column's value in a Java type the engine converts to the column's SQL form. */
    private static Object value(ResultSet rows, int column, int jdbcType) throws SQLException {
        Object value = switch (jdbcType) {
            case Types.TIMESTAMP -> rows.getObject(column, LocalDateTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE -> rows.getObject(column, OffsetDateTime.class);
            case Types.DATE -> rows.getObject(column, LocalDate.class);
            case Types.TIME -> rows.getObject(column, LocalTime.class);
            default -> rows.getObject(column);
        };
        return rows.wasNull() ? null : value;
    }

    /**
     * Whether {@code e} says the connection, not the statement, failed: SQL states of class 08 (connection), 57P
     * (the server shut down), 53 (out of resources); the engine retries those.
     */
    private static boolean isConnectionProblem(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57P") || state.startsWith("53");
    }

    @Override
    public ConnectorHealth health() {
        if (connected) {
            return ConnectorHealth.up("connected to " + url + ", table " + table);
        }
        return lastFailure == null
                ? ConnectorHealth.up("connects to " + url + " on the first lookup")
                : ConnectorHealth.down("not connected to " + url + ": " + lastFailure);
    }

    private synchronized void disconnect() {
        connected = false;
        closeQuietly(connection);
        connection = null;
        select = null;
        jdbcTypes = null;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is gone either way
            }
        }
    }

    @Override
    public void close() {
        disconnect();
    }
}
