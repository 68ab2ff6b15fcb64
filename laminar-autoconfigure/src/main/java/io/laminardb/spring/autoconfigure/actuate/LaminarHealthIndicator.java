package io.laminardb.spring.autoconfigure.actuate;

import io.laminardb.engine.ConnectorStatus;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.PipelineMetrics;
import io.laminardb.engine.PipelineState;
import io.laminardb.engine.SourceMetrics;
import io.laminardb.spring.autoconfigure.sink.LaminarSinks;
import io.laminardb.spring.autoconfigure.sink.SinkInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code laminar} health: whether the pipeline runs and every {@code @LaminarSink} method still receives rows.
 *
 * <ul>
 *   <li>{@code DOWN} when the pipeline failed (the detail {@code reason} is the engine's failure), or when a sink method
 *       was stopped by the {@code stop} error policy ({@code reason} names each stopped sink, its stream and its last
 *       error). Faults win over the life-cycle states below.
 *   <li>{@code DOWN} when a connector failed or its circuit breaker is open ({@code reason} names the connector,
 *       its source or sink, and why).
 *   <li>{@code UP} when the pipeline is {@code RUNNING}.
 *   <li>{@code OUT_OF_SERVICE} when it is {@code CREATED} or {@code STARTING} (not processing yet) or {@code STOPPING}
 *       or {@code STOPPED} (shut down with the application): events pushed now are not processed, but nothing is
 *       broken.
 *   <li>{@code UNKNOWN} when the database did not answer within the timeout (see the package documentation).
 * </ul>
 *
 * <p>Details: {@code state}, then per source {@code backpressured}, {@code pending}, {@code utilization} and, once the
 * source has a watermark, {@code watermarkLagMillis} (wall clock minus watermark); then per sink method its {@code
 * stream}, {@code state} and {@code lastError}, if any.
 *
 * <p>Thread-safe. A check never blocks longer than the timeout: the counters are read on a daemon thread of the
 * indicator's own, and a check that finds that thread still busy with an earlier read waits for nothing.
 */
public final class LaminarHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private final Supplier<Snapshot> snapshots;
    private final Supplier<List<SinkInfo>> sinks;
    private final Duration timeout;
    private final Clock clock;
    private final ThreadPoolExecutor reader;

    /**
     * @param db the database
     * @param sinks the application's sink methods; null when there are none to watch
     * @param timeout how long a check waits for the database's counters
     */
    public LaminarHealthIndicator(LaminarDB db, LaminarSinks sinks, Duration timeout) {
        this(() -> Snapshot.of(db), sinks == null ? List::of : sinks::sinks, timeout, Clock.systemUTC());
    }

    LaminarHealthIndicator(
            Supplier<Snapshot> snapshots, Supplier<List<SinkInfo>> sinks, Duration timeout, Clock clock) {
        super("LaminarDB health check failed");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("management.health.laminar.timeout must be positive, not " + timeout);
        }
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.sinks = Objects.requireNonNull(sinks, "sinks");
        this.timeout = timeout;
        this.clock = Objects.requireNonNull(clock, "clock");
        // One reader thread, one read waiting behind it; a check beyond that is discarded and times out by itself.
        this.reader = new ThreadPoolExecutor(
                0,
                1,
                10,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1),
                task -> {
                    Thread thread = new Thread(task, "laminar-health");
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.DiscardPolicy());
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        Future<Snapshot> read = reader.submit(snapshots::get);
        Snapshot snapshot;
        try {
            snapshot = read.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            read.cancel(false);
            builder.unknown()
                    .withDetail(
                            "reason",
                            "LaminarDB did not answer within " + timeout.toMillis() + " ms (it may be starting or"
                                    + " running DDL); see management.health.laminar.timeout");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.unknown().withDetail("reason", "interrupted while reading LaminarDB's counters");
            return;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        List<SinkInfo> sinkInfos = sinks.get();
        status(builder, snapshot.pipeline(), sinkInfos);
        connectorStatus(builder, snapshot.pipeline(), snapshot.connectors());
        builder.withDetail("state", snapshot.pipeline().state().name());
        builder.withDetail("sources", sourceDetails(snapshot.sources(), clock.millis()));
        if (!sinkInfos.isEmpty()) {
            builder.withDetail("sinks", sinkDetails(sinkInfos));
        }
        if (!snapshot.connectors().isEmpty()) {
            builder.withDetail("connectors", connectorDetails(snapshot.connectors()));
        }
    }

    /** A connector that failed or whose circuit is open turns a running pipeline DOWN, naming it and why. */
    private static void connectorStatus(
            Health.Builder builder, PipelineMetrics pipeline, Map<String, ConnectorStatus> connectors) {
        if (pipeline.state() != PipelineState.RUNNING) {
            return;
        }
        String down = connectors.values().stream()
                .filter(c -> !c.health().up())
                .map(c -> "connector '" + c.connector() + "' of "
                        + c.kind().name().toLowerCase(java.util.Locale.ROOT) + " '" + c.name() + "' is down: "
                        + c.health().detail())
                .collect(Collectors.joining("; "));
        if (!down.isEmpty()) {
            builder.down().withDetail("reason", down);
        }
    }

    private static Map<String, Object> connectorDetails(Map<String, ConnectorStatus> connectors) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (ConnectorStatus c : connectors.values()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("kind", c.kind().name());
            detail.put("connector", c.connector());
            detail.put("status", c.health().up() ? "UP" : "DOWN");
            detail.put("detail", c.health().detail());
            detail.putAll(c.health().details());
            detail.put("records", c.metrics().records());
            detail.put("errors", c.metrics().errors());
            detail.put("deadLetters", c.metrics().deadLetters());
            detail.put("retries", c.metrics().retries());
            c.metrics().lastError().ifPresent(error -> detail.put("lastError", error));
            details.put(c.name(), detail);
        }
        return details;
    }

    private static void status(Health.Builder builder, PipelineMetrics pipeline, List<SinkInfo> sinks) {
        List<SinkInfo> stopped =
                sinks.stream().filter(s -> s.state() == SinkInfo.State.STOPPED).toList();
        if (pipeline.state() == PipelineState.FAILED) {
            builder.down()
                    .withDetail(
                            "reason",
                            "the pipeline failed: " + pipeline.failure().orElse("unknown error"));
        } else if (!stopped.isEmpty()) {
            builder.down().withDetail("reason", stoppedReason(stopped));
        } else if (pipeline.state() == PipelineState.RUNNING) {
            builder.up();
        } else {
            builder.outOfService();
        }
    }

    private static String stoppedReason(List<SinkInfo> stopped) {
        return stopped.stream()
                .map(s -> "@LaminarSink " + s.name() + " on '" + s.stream() + "' stopped"
                        + s.lastError().map(error -> " after " + error).orElse(""))
                .collect(Collectors.joining("; "));
    }

    private static Map<String, Object> sourceDetails(List<SourceMetrics> sources, long now) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (SourceMetrics source : sources) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("backpressured", source.backpressured());
            detail.put("pending", source.pending());
            detail.put("utilization", source.utilization());
            if (source.watermark() != Long.MIN_VALUE) {
                detail.put("watermarkLagMillis", now - source.watermark());
            }
            details.put(source.name(), detail);
        }
        return details;
    }

    private static Map<String, Object> sinkDetails(List<SinkInfo> sinks) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (SinkInfo sink : sinks) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("stream", sink.stream());
            detail.put("state", sink.state().name());
            sink.lastError().ifPresent(error -> detail.put("lastError", error));
            details.put(sink.name(), detail);
        }
        return details;
    }

    /** Ends the reader thread. */
    @Override
    public void destroy() {
        reader.shutdownNow();
    }

    /**
     * What a check reads from the database, in one go on the reader thread.
     *
     * @param pipeline the database's counters and state
     * @param sources each source's counters
     * @param connectors each connector's health and counters, by source or sink
     */
    record Snapshot(PipelineMetrics pipeline, List<SourceMetrics> sources, Map<String, ConnectorStatus> connectors) {

        Snapshot(PipelineMetrics pipeline, List<SourceMetrics> sources) {
            this(pipeline, sources, Map.of());
        }

        static Snapshot of(LaminarDB db) {
            return new Snapshot(db.metrics(), db.allSourceMetrics(), db.connectors());
        }
    }
}
