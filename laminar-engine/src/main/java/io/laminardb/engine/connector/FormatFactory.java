package io.laminardb.engine.connector;

import java.util.List;

/**
 * A data format shared by connectors ({@code json}, {@code csv}, {@code avro}, {@code raw}, {@code debezium}): turns
 * the bytes of a message into rows of a source, and rows of a sink into bytes. Found through {@link
 * java.util.ServiceLoader}: list the implementation in {@code
 * META-INF/services/io.laminardb.engine.connector.FormatFactory}.
 * A connector picks the format named by its {@code format} option; the format's own options (say {@code
 * csv.delimiter}) are accepted in the same {@code WITH (...)} and checked with the connector's.
 */
public interface FormatFactory {

    /** The value of {@code format} that selects this format, in lower case. */
    String name();

    /** The options this format takes, besides the connector's. */
    default List<ConnectorOption> options() {
        return List.of();
    }

    /**
     * Whether rows read in this format are a changelog (inserts, updates as retraction + insert, deletes), as with
     * Debezium's envelopes; the source then feeds queries that retract.
     */
    default boolean changelog() {
        return false;
    }

    /** A decoder for a source's schema; each source gets its own, used by one thread at a time. */
    RowDecoder decoder(FormatSpec spec);

    /** An encoder for a sink's schema; each sink gets its own, used by one thread at a time. */
    RowEncoder encoder(FormatSpec spec);
}
