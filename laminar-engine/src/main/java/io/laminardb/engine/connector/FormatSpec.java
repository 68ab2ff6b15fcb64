package io.laminardb.engine.connector;

import io.laminardb.engine.Row;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What a format needs to decode or encode rows of one object.
 *
 * @param object the source's or sink's name, for messages
 * @param schema the columns rows are decoded to or encoded from
 * @param layout the row layout of {@code schema}
 * @param options the object's checked options (the format's among them)
 */
public record FormatSpec(String object, Schema schema, Row.Layout layout, ConnectorOptions options) {}
