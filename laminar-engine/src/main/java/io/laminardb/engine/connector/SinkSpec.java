package io.laminardb.engine.connector;

import io.laminardb.engine.Row;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A sink as a connector sees it.
 *
 * @param name the sink's name
 * @param input the stream, view or source it writes
 * @param schema the columns of its rows
 * @param layout the row layout of {@code schema}
 * @param changelog whether its input retracts rows (a view or a non-windowed aggregate), not only inserts them
 * @param durable whether the database checkpoints (has a data directory): exactly-once delivery needs it
 * @param options the connector's and format's options, checked
 */
public record SinkSpec(
        String name,
        String input,
        Schema schema,
        Row.Layout layout,
        boolean changelog,
        boolean durable,
        ConnectorOptions options) {}
