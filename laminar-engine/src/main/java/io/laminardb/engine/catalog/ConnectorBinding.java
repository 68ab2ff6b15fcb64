package io.laminardb.engine.catalog;

import io.laminardb.engine.connector.ConnectorFactory;
import io.laminardb.engine.connector.ConnectorOptions;
import io.laminardb.engine.connector.FormatFactory;

/**
 * The connector behind a source or sink, as the statement declared it: the factory, the format (null for a connector
 * without one) and the checked options.
 */
public record ConnectorBinding(ConnectorFactory factory, FormatFactory format, ConnectorOptions options) {

    public String name() {
        return factory.name();
    }

    /** Whether rows read through this binding are a changelog (its format says so). */
    public boolean changelog() {
        return format != null && format.changelog();
    }
}
