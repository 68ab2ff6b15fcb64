package io.laminardb.engine.connector;

/** What the database gives a {@link SinkConnector}. */
public interface SinkContext {

    /** The sink: name, input, schema, options. */
    SinkSpec spec();

    /**
     * An encoder of the sink's {@code format}, made for its schema.
     *
     * @throws IllegalStateException when the connector has no format
     */
    RowEncoder encoder();

    /** Retry with backoff and a circuit breaker for calls to the external system, configured by the sink's options. */
    ExternalCalls calls();

    /** Counters shown in metrics and health. */
    ConnectorMetrics metrics();
}
