package io.laminardb.engine.source;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.catalog.CatalogSource;
import io.laminardb.engine.catalog.ConnectorBinding;
import io.laminardb.engine.connector.ConnectorHealth;
import io.laminardb.engine.connector.ConnectorMetrics;
import io.laminardb.engine.connector.DeadLetter;
import io.laminardb.engine.connector.ExternalCalls;
import io.laminardb.engine.connector.FormatSpec;
import io.laminardb.engine.connector.RowDecoder;
import io.laminardb.engine.connector.SourceConnector;
import io.laminardb.engine.connector.SourceContext;
import io.laminardb.engine.connector.SourceSpec;
import io.laminardb.engine.connector.SplitWatermarks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source read by a connector: the connector, and the {@link SourceContext} through which it hands rows to the
 * source's channel. Made when the database starts; closed at shutdown before the source's buffer is drained.
 */
public final class ConnectorSource implements SourceContext, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectorSource.class);

    private final SourceRuntime source;
    private final ConnectorBinding binding;
    private final SourceSpec spec;
    private final SourceConnector connector;
    private final byte[] restored;
    private final ConnectorMetrics metrics;
    private final ExternalCalls calls;
    private final Consumer<Throwable> onFailure;
    private final boolean durable;
    private volatile Throwable failure;
    private volatile byte[] committed;

    /**
     * @param restored the position the newest checkpoint holds for this source, null for none
     * @param durable whether the database checkpoints
     * @param onFailure told when the connector gives up; fails the pipeline
     */
    public ConnectorSource(SourceRuntime source, byte[] restored, boolean durable, Consumer<Throwable> onFailure) {
        this.durable = durable;
        CatalogSource definition = source.definition();
        this.source = source;
        this.binding = definition.connector();
        this.spec = definition.connectorSpec();
        this.restored = restored;
        this.onFailure = onFailure;
        this.metrics = new ConnectorMetrics(definition.name(), binding.name());
        this.calls = new ExternalCalls(definition.name(), binding.options(), metrics);
        if (definition.watermarkColumn() >= 0) {
            source.useConnectorWatermarks();
        }
        if (restored != null) {
            source.restorePosition(restored);
        }
        this.connector = binding.factory().createSource(spec);
    }

    /** Starts the connector reading. */
    public void start() throws Exception {
        connector.start(this);
    }

    /** Hands the position of the rows the engine has taken (and a checkpoint holds) to the connector to record. */
    public void commit(byte[] position) {
        if (position == null || position == committed) {
            return;
        }
        try {
            connector.commit(position);
            committed = position;
        } catch (Exception e) {
            metrics.error("commit: " + e);
            log.warn("Source {}: the connector could not record its position; it is tried again", spec.name(), e);
        }
    }

    public SourceRuntime runtime() {
        return source;
    }

    public SourceConnector connector() {
        return connector;
    }

    /** The connector's health, DOWN when it failed or its circuit is open. */
    public ConnectorHealth health() {
        Throwable failed = failure;
        if (failed != null) {
            return ConnectorHealth.down("failed: " + failed.getMessage());
        }
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

    // ---- SourceContext ----------------------------------------------------------------------------------------------

    @Override
    public SourceSpec spec() {
        return spec;
    }

    @Override
    public Optional<byte[]> restoredPosition() {
        return Optional.ofNullable(restored);
    }

    @Override
    public RowDecoder decoder() {
        if (binding.format() == null) {
            throw new IllegalStateException("Connector '" + binding.name() + "' has no format");
        }
        return binding.format().decoder(new FormatSpec(spec.name(), spec.schema(), spec.layout(), spec.options()));
    }

    @Override
    public boolean emit(List<Object[]> rows, List<ChangeEvent.Op> ops, byte[] position, Duration timeout)
            throws InterruptedException {
        if (rows.isEmpty() && position == null) {
            return true;
        }
        boolean taken = source.offerRows(rows, ops, position, timeout.toNanos());
        if (taken) {
            metrics.recordsIn(rows.size(), 0);
        }
        return taken;
    }

    @Override
    public boolean hasCapacity() {
        return source.hasCapacity();
    }

    @Override
    public void watermark(long epochMillis) {
        if (epochMillis != Long.MIN_VALUE) {
            source.watermark(epochMillis);
        }
    }

    @Override
    public SplitWatermarks splitWatermarks() {
        return new SplitWatermarks(spec.watermarkDelayMillis(), spec.idleTimeoutMillis());
    }

    @Override
    public void deadLetter(DeadLetter letter) {
        metrics.deadLettered();
        metrics.error("undecodable message " + letter.origin() + ": " + letter.error());
        log.warn(
                "Source {}: message {} could not be decoded ({}); sent to the dead-letter destination",
                spec.name(),
                letter.origin(),
                letter.error());
    }

    @Override
    public ExternalCalls calls() {
        return calls;
    }

    @Override
    public ConnectorMetrics metrics() {
        return metrics;
    }

    @Override
    public void fail(Throwable error) {
        if (failure != null) {
            return;
        }
        failure = error;
        metrics.error(error.toString());
        log.error("Source {}: connector '{}' failed; the pipeline stops", spec.name(), binding.name(), error);
        onFailure.accept(error);
    }

    @Override
    public boolean durable() {
        return durable;
    }

    /** Stops the connector; the rows it handed over stay in the buffer for the engine. */
    @Override
    public void close() {
        try {
            connector.close();
        } catch (Exception e) {
            log.warn("Source {}: closing connector '{}' failed", spec.name(), binding.name(), e);
        }
    }
}
