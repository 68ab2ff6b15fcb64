package io.laminardb.engine.connector;

import java.util.List;

/**
 * The reading side of a table backed by an external system ({@code CREATE TABLE customers (...) WITH (connector =
 * 'postgres', ...)}): it finds the row for one primary key when a lookup join asks for it. The table holds no rows of
 * its own; the database puts a cache in front ({@code lookup.cache.ttl}), retries failed calls and opens the circuit
 * when most of them fail ({@link ExternalCalls}).
 *
 * <p>Life cycle, driven by the database: made by {@link ConnectorFactory#createLookup} when the statement runs (nothing
 * connects yet); {@link #lookup} from the engine threads that run lookup joins of the table, connecting on the first
 * call; {@link #close} when the table is dropped or the database shuts down, after which a {@link #lookup} connects
 * again.
 *
 * <p><b>Threads.</b> {@link #lookup} may be called from several engine threads at once (a partitioned query); the
 * connector serializes or pools as it needs to.
 */
public interface LookupConnector extends AutoCloseable {

    /**
     * The row whose primary key is {@code key}, or null when there is none.
     *
     * @param key the key columns' values in key order, in SQL form ({@code Long} for {@code BIGINT}, {@code Instant}
     *     for {@code TIMESTAMP}, ...; see {@code docs/sql.md}), none null
     * @return the row's values in column order of the table's schema, in SQL form or a Java type that widens to it
     *     without loss (an {@code Integer} for a {@code BIGINT} column); the database checks each value
     * @throws Exception when the external system could not answer; the call is retried with backoff
     */
    Object[] lookup(List<Object> key) throws Exception;

    /** How the connector is doing, for the health indicator. */
    default ConnectorHealth health() {
        return ConnectorHealth.up("ready");
    }

    /** Releases every resource; a later {@link #lookup} connects again. */
    @Override
    void close();
}
