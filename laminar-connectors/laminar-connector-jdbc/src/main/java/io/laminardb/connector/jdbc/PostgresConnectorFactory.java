package io.laminardb.connector.jdbc;

import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.connector.ConnectorFactory;
import io.laminardb.engine.connector.ConnectorOption;
import io.laminardb.engine.connector.LookupConnector;
import io.laminardb.engine.connector.LookupSpec;
import io.laminardb.engine.connector.SinkConnector;
import io.laminardb.engine.connector.SinkSpec;
import io.laminardb.engine.connector.SourceConnector;
import io.laminardb.engine.connector.SourceSpec;
import java.util.List;

/**
 * {@code connector = 'postgres'}: a table whose rows live in PostgreSQL and are read by primary key for lookup joins.
 *
 * <pre>{@code
 * CREATE TABLE customers (id BIGINT, name VARCHAR, tier VARCHAR, PRIMARY KEY (id)) WITH (
 *     connector = 'postgres',
 *     url = 'jdbc:postgresql://db:5432/shop',
 *     username = 'reader', password = '...',
 *     'lookup.cache.ttl' = '30s')
 * }</pre>
 */
public final class PostgresConnectorFactory implements ConnectorFactory {

    /** The options of a table, besides the engine's {@code lookup.cache.*}, {@code retry.*} and {@code circuit_breaker.*}. */
    static final List<ConnectorOption> LOOKUP_OPTIONS = List.of(
            ConnectorOption.string("url", "The JDBC URL of the database, e.g. jdbc:postgresql://localhost:5432/shop")
                    .required(),
            ConnectorOption.string(
                    "table_name",
                    "The PostgreSQL table, optionally with its schema (public.customers); by default the table's own"
                            + " name"),
            ConnectorOption.string("username", "The user to connect as"),
            ConnectorOption.string("password", "The user's password").secret(),
            ConnectorOption.duration("query.timeout", "How long one lookup may take before it fails and is retried")
                    .withDefault("10s"),
            ConnectorOption.prefix(
                    "jdbc.", "Properties of the PostgreSQL JDBC driver, without the prefix ('jdbc.ssl' = 'true')"));

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String artifact() {
        return "io.laminardb:laminar-connector-jdbc";
    }

    @Override
    public List<ConnectorOption> sourceOptions() {
        return List.of();
    }

    @Override
    public List<ConnectorOption> sinkOptions() {
        return List.of();
    }

    @Override
    public List<ConnectorOption> lookupOptions() {
        return LOOKUP_OPTIONS;
    }

    @Override
    public String defaultFormat() {
        return null; // rows come as typed columns
    }

    @Override
    public LookupConnector createLookup(LookupSpec spec) {
        String url = spec.options().get("url").orElseThrow();
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ConnectorException("Table '" + spec.name() + "', connector 'postgres': url '" + url
                    + "' is not a PostgreSQL JDBC URL; write it as jdbc:postgresql://host:port/database.");
        }
        return new PostgresLookup(spec);
    }

    @Override
    public SourceConnector createSource(SourceSpec spec) {
        throw new ConnectorException("Connector 'postgres' reads no source; use it in CREATE TABLE for lookups.");
    }

    @Override
    public SinkConnector createSink(SinkSpec spec) {
        throw new ConnectorException("Connector 'postgres' writes no sink yet; use it in CREATE TABLE for lookups.");
    }
}
