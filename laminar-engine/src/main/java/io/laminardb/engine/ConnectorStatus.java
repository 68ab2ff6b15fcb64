package io.laminardb.engine;

import io.laminardb.engine.connector.ConnectorHealth;
import io.laminardb.engine.connector.ConnectorMetrics;

/**
 * A connector at run time: what it reads or writes, its health and its counters.
 *
 * @param name the source, sink or connector-backed table
 * @param kind whether it reads, writes or looks rows up
 * @param connector the connector's name ({@code kafka})
 * @param health up or down, and why
 * @param metrics records, bytes, errors, dead letters, retries, the last error
 */
public record ConnectorStatus(
        String name, Kind kind, String connector, ConnectorHealth health, ConnectorMetrics metrics) {

    /** Whether a connector reads into a source, writes a sink or looks up the rows of a table. */
    public enum Kind {
        SOURCE,
        SINK,
        TABLE
    }
}
