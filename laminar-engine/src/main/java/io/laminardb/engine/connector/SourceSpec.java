package io.laminardb.engine.connector;

import io.laminardb.engine.Row;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A source as a connector sees it.
 *
 * @param name the source's name
 * @param schema its columns
 * @param layout the row layout of {@code schema}
 * @param watermarkColumn the index of the {@code WATERMARK FOR} column, -1 without one
 * @param watermarkDelayMillis how far the watermark trails the largest event time
 * @param idleTimeoutMillis after how long without a record a partition stops holding the watermark back; 0 never
 * @param options the connector's and format's options, checked
 */
public record SourceSpec(
        String name,
        Schema schema,
        Row.Layout layout,
        int watermarkColumn,
        long watermarkDelayMillis,
        long idleTimeoutMillis,
        ConnectorOptions options) {}
