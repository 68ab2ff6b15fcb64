package io.laminardb.engine.connector;

import io.laminardb.engine.ConnectorException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entry point of a connector module: names the connector, describes its options, and makes its sources and sinks.
 * Found through {@link java.util.ServiceLoader}: a module lists its factory in {@code
 * META-INF/services/io.laminardb.engine.connector.ConnectorFactory}, so that putting the jar on the class path is all
 * it takes to use {@code WITH (connector = 'name')}.
 *
 * <p>Options are checked when the statement runs, before anything connects: the connector's own options (from {@link
 * #sourceOptions()}, {@link #sinkOptions()} or {@link #lookupOptions()}), {@code format} and the chosen format's options, and the engine's
 * options of a source ({@code buffer_size}, {@code backpressure}, {@code idle_timeout}, ...).
 */
public interface ConnectorFactory {

    /** The value of {@code connector} that selects this factory, in lower case ({@code kafka}). */
    String name();

    /** The Maven coordinates of the module, for messages: {@code io.laminardb:laminar-connector-kafka}. */
    default String artifact() {
        return "io.laminardb:laminar-connector-" + name();
    }

    /** The options of a source; empty when the connector cannot read. */
    List<ConnectorOption> sourceOptions();

    /** The options of a sink; empty when the connector cannot write. */
    List<ConnectorOption> sinkOptions();

    /**
     * The options of a table backed by this connector ({@code CREATE TABLE ... WITH (connector = ...)}), whose rows
     * lookup joins read by primary key; empty when the connector cannot look rows up.
     */
    default List<ConnectorOption> lookupOptions() {
        return List.of();
    }

    /** The format used when {@code format} is not given; null when the connector reads and writes rows itself. */
    default String defaultFormat() {
        return "json";
    }

    /** URI schemes of the URI form ({@code FROM 'kafka://host:9092/topic?format=json'}) this connector takes. */
    default Set<String> uriSchemes() {
        return Set.of(name());
    }

    /**
     * The options a URI stands for: {@code kafka://b1:9092,b2:9092/orders?group.id=g} gives {@code bootstrap.servers},
     * {@code topic} and {@code group.id}. Options in {@code WITH (...)} come on top and win.
     *
     * @throws ConnectorException when the URI does not fit the connector
     */
    default Map<String, String> optionsFromUri(URI uri) {
        throw new ConnectorException(
                "Connector '" + name() + "' has no URI form; write WITH (connector = '" + name() + "', ...) instead.");
    }

    /**
     * Checks what {@link ConnectorOption}s cannot say alone (options that need each other); called at DDL time after
     * every option was checked on its own.
     *
     * @throws ConnectorException naming each problem
     */
    default void validateSource(SourceSpec spec) {}

    /** As {@link #validateSource}, for a sink. */
    default void validateSink(SinkSpec spec) {}

    /**
     * Whether reading again from a position gives the same records (Kafka, files, a database's log). Such a source is
     * not written to the write-ahead log: after a crash its connector reads again from the checkpoint's position. A
     * source that is not replayable (a WebSocket feed) has every record logged before the engine takes it.
     */
    default boolean replayableSources() {
        return true;
    }

    /** Makes the reading side of a source; it starts when the database starts. */
    SourceConnector createSource(SourceSpec spec);

    /** Makes the writing side of a sink; it opens when the database starts. */
    SinkConnector createSink(SinkSpec spec);

    /**
     * Makes the reading side of a connector-backed table; it connects on the first lookup. Called only when {@link
     * #lookupOptions()} is not empty.
     */
    default LookupConnector createLookup(LookupSpec spec) {
        throw new ConnectorException("Connector '" + name() + "' cannot back a table.");
    }
}
