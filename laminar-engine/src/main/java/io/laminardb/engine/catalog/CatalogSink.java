package io.laminardb.engine.catalog;

import io.laminardb.engine.SinkInfo;
import io.laminardb.engine.connector.SinkSpec;

/**
 * A sink as the catalog holds it.
 *
 * @param name as declared
 * @param input the stream, view or source it writes
 * @param ownQuery the stream made for its {@code AS <query>}, dropped with it; null when it reads {@code FROM} an
 *     existing object
 * @param binding its connector, format and checked options
 * @param spec the sink as its connector sees it
 * @param sql the statement that created it, secrets masked
 */
public record CatalogSink(
        String name, String input, String ownQuery, ConnectorBinding binding, SinkSpec spec, String sql) {

    public SinkInfo info() {
        return new SinkInfo(name, input, binding.name(), binding.options().masked(), sql);
    }
}
