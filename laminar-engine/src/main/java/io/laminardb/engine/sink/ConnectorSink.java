package io.laminardb.engine.sink;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;
import io.laminardb.engine.TwoPhaseCommitSink;
import io.laminardb.engine.catalog.CatalogSink;
import io.laminardb.engine.connector.ConnectorHealth;
import io.laminardb.engine.connector.ConnectorMetrics;
import io.laminardb.engine.connector.ExternalCalls;
import io.laminardb.engine.connector.FormatSpec;
import io.laminardb.engine.connector.RowEncoder;
import io.laminardb.engine.connector.SinkConnector;
import io.laminardb.engine.connector.SinkContext;
import io.laminardb.engine.connector.SinkSpec;

/**
 * A sink written by a connector: the {@link SinkContext} it is opened with, and the {@link TwoPhaseCommitSink} through
 * which checkpoints drive it (with a data directory) — the same path as a sink added with {@code LaminarDB.addSink}.
 * Without a data directory the database flushes it every checkpoint interval and at shutdown instead.
 */
public final class ConnectorSink implements SinkContext, TwoPhaseCommitSink {

    private final CatalogSink definition;
    private final SinkConnector connector;
    private final ConnectorMetrics metrics;
    private final ExternalCalls calls;
    private volatile boolean opened;

    public ConnectorSink(CatalogSink definition) {
        this.definition = definition;
        this.metrics =
                new ConnectorMetrics(definition.name(), definition.binding().name());
        this.calls = new ExternalCalls(definition.name(), definition.binding().options(), metrics);
        this.connector = definition.binding().factory().createSink(definition.spec());
    }

    public CatalogSink definition() {
        return definition;
    }

    public SinkConnector connector() {
        return connector;
    }

    /** Connects the connector; once, before the first row. */
    public synchronized void open() throws Exception {
        if (!opened) {
            connector.open(this);
            opened = true;
        }
    }

    /** The connector's health, DOWN when its circuit is open. */
    public ConnectorHealth health() {
        if (calls.isOpen()) {
            return ConnectorHealth.down("circuit open after repeated failures: "
                    + metrics.lastError().orElse("?"));
        }
        try {
            return connector.health();
        } catch (RuntimeException e) {
            return ConnectorHealth.down("health check failed: " + e);
        }
    }

    // ---- SinkContext
    // -------------------------------------------------------------------------------------------------

    @Override
    public SinkSpec spec() {
        return definition.spec();
    }

    @Override
    public RowEncoder encoder() {
        if (definition.binding().format() == null) {
            throw new IllegalStateException("Connector '" + definition.binding().name() + "' has no format");
        }
        SinkSpec spec = definition.spec();
        return definition
                .binding()
                .format()
                .encoder(new FormatSpec(spec.name(), spec.schema(), spec.layout(), spec.options()));
    }

    @Override
    public ExternalCalls calls() {
        return calls;
    }

    @Override
    public ConnectorMetrics metrics() {
        return metrics;
    }

    // ---- TwoPhaseCommitSink: how checkpoints and the stream drive the connector
    // ---------------------------------------

    @Override
    public String id() {
        return definition.name();
    }

    @Override
    public void recover(long checkpointId, byte[] handle) throws Exception {
        open();
        connector.recover(checkpointId, handle);
    }

    @Override
    public void write(Row row, ChangeEvent.Op op) throws Exception {
        connector.write(row, op);
        metrics.recordsIn(1, 0);
    }

    @Override
    public byte[] preCommit(long checkpointId) throws Exception {
        return connector.preCommit(checkpointId);
    }

    @Override
    public void commit(long checkpointId, byte[] handle) throws Exception {
        connector.commit(checkpointId, handle);
    }

    /** Without a data directory: sends what is buffered. */
    public void flush() throws Exception {
        connector.flush();
    }

    @Override
    public void close() throws Exception {
        connector.close();
    }
}
