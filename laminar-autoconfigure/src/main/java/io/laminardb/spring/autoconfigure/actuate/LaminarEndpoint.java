package io.laminardb.spring.autoconfigure.actuate;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.PipelineMetrics;
import io.laminardb.engine.SourceConfig;
import io.laminardb.engine.SourceInfo;
import io.laminardb.engine.SourceMetrics;
import io.laminardb.engine.StreamInfo;
import io.laminardb.engine.Topology;
import io.laminardb.engine.WatermarkStatus;
import io.laminardb.spring.autoconfigure.sink.LaminarSinks;
import io.laminardb.spring.autoconfigure.sink.SinkInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code laminar} Actuator endpoint: what the database holds and how it is doing, read-only. {@code
 * /actuator/laminar} describes the pipeline, sources, sink methods, streams, materialized views, tables, watermarks and
 * topology; {@code /actuator/laminar/{name}} one source, stream, view or sink method by name (ignoring case).
 *
 * <p>Option values whose keys look like secrets ({@link SecretOptions}) are masked, and the statement that created a
 * source is left out because its {@code WITH} clause may hold them. Each call reads the database's catalog and counters
 * afresh (no caching beyond Actuator's {@code management.endpoint.laminar.cache.time-to-live}); the reads take the
 * catalog lock for a moment, as DDL does.
 */
@Endpoint(id = "laminar")
public final class LaminarEndpoint {

    private final LaminarDB db;
    private final Supplier<List<SinkInfo>> sinks;

    /**
     * @param db the database
     * @param sinks the application's sink methods; null when there are none
     */
    public LaminarEndpoint(LaminarDB db, LaminarSinks sinks) {
        this.db = Objects.requireNonNull(db, "db");
        this.sinks = sinks == null ? List::of : sinks::sinks;
    }

    /** Everything, as one document. */
    @ReadOperation
    public LaminarDescriptor laminar() {
        List<SinkInfo> sinkInfos = sinks.get();
        Topology topology = db.topology();
        return new LaminarDescriptor(
                PipelineDescriptor.of(db.metrics()),
                db.sources().stream().map(this::source).toList(),
                sinkInfos.stream().map(SinkDescriptor::of).toList(),
                db.streams().stream().map(StreamDescriptor::of).toList(),
                db.materializedViews().stream().map(StreamDescriptor::of).toList(),
                topology.nodes().stream()
                        .filter(n -> n.type() == Topology.NodeType.TABLE)
                        .map(n -> new TableDescriptor(n.name()))
                        .toList(),
                db.watermarks().stream().map(WatermarkDescriptor::of).toList(),
                TopologyDescriptor.of(topology, sinkInfos));
    }

    /**
     * One source ({@link SourceDescriptor}), stream or view ({@link StreamDescriptor}), or sink method ({@link
     * SinkDescriptor}, by its {@code Class.method} name); null (HTTP 404) when nothing has that name.
     */
    @ReadOperation
    public Object object(@Selector String name) {
        Optional<Object> found = db.sources().stream()
                .filter(s -> s.name().equalsIgnoreCase(name))
                .findFirst()
                .map(this::source);
        if (found.isEmpty()) {
            found = Stream.concat(db.streams().stream(), db.materializedViews().stream())
                    .filter(s -> s.name().equalsIgnoreCase(name))
                    .findFirst()
                    .map(StreamDescriptor::of);
        }
        if (found.isEmpty()) {
            found = sinks.get().stream()
                    .filter(s -> s.name().equalsIgnoreCase(name))
                    .findFirst()
                    .map(SinkDescriptor::of);
        }
        return found.orElse(null);
    }

    private SourceDescriptor source(SourceInfo info) {
        return SourceDescriptor.of(
                info,
                db.sourceMetrics(info.name()).map(SourceMetricsDescriptor::of).orElse(null));
    }

    private static String instant(long epochMillis) {
        return epochMillis == Long.MIN_VALUE
                ? null
                : Instant.ofEpochMilli(epochMillis).toString();
    }

    /**
     * The whole database.
     *
     * @param pipeline its state and counters
     * @param sources its sources, in creation order
     * @param sinks the application's {@code @LaminarSink} methods
     * @param streams its streams (late-data streams are in the topology only)
     * @param views its materialized views
     * @param tables its tables (none until the engine has tables)
     * @param watermarks where event time stands at each source, producer, stream and window
     * @param topology every object and what feeds what, sink methods included
     */
    public record LaminarDescriptor(
            PipelineDescriptor pipeline,
            List<SourceDescriptor> sources,
            List<SinkDescriptor> sinks,
            List<StreamDescriptor> streams,
            List<StreamDescriptor> views,
            List<TableDescriptor> tables,
            List<WatermarkDescriptor> watermarks,
            TopologyDescriptor topology) {}

    /**
     * The pipeline's state and counters ({@link PipelineMetrics}).
     *
     * @param failure why it failed, when {@code state} is {@code FAILED}; otherwise null
     * @param uptimeMillis time since it started, 0 before
     */
    public record PipelineDescriptor(
            String state,
            String failure,
            long uptimeMillis,
            int cores,
            int sources,
            int streams,
            int subscriptions,
            long eventsIngested,
            long eventsEmitted,
            long lateEvents) {

        static PipelineDescriptor of(PipelineMetrics m) {
            return new PipelineDescriptor(
                    m.state().name(),
                    m.failure().orElse(null),
                    m.uptime().toMillis(),
                    m.cores(),
                    m.sources(),
                    m.streams(),
                    m.subscriptions(),
                    m.totalEventsIngested(),
                    m.totalEventsEmitted(),
                    m.totalLateEvents());
        }
    }

    /**
     * One source.
     *
     * @param columns its columns in order
     * @param watermarkColumn the column of its {@code WATERMARK FOR} clause; null without one
     * @param watermarkDelayMillis how far the automatic watermark trails the largest event time seen
     * @param config its buffering and backpressure
     * @param options its {@code WITH} options as written, secret-looking values masked
     * @param metrics its counters; null if it was dropped while being described
     */
    public record SourceDescriptor(
            String name,
            List<ColumnDescriptor> columns,
            String watermarkColumn,
            long watermarkDelayMillis,
            SourceConfigDescriptor config,
            Map<String, String> options,
            SourceMetricsDescriptor metrics) {

        static SourceDescriptor of(SourceInfo info, SourceMetricsDescriptor metrics) {
            SourceConfig config = info.config();
            return new SourceDescriptor(
                    info.name(),
                    ColumnDescriptor.of(info.schema().getFields()),
                    info.watermarkColumn().orElse(null),
                    info.watermarkDelayMillis(),
                    new SourceConfigDescriptor(
                            config.bufferSize(),
                            config.backpressure().name(),
                            config.waitStrategy().name()),
                    SecretOptions.mask(info.options()),
                    metrics);
        }
    }

    /** A source's buffering: ring slots, what a push does when it is full, how a blocked push waits. */
    public record SourceConfigDescriptor(int bufferSize, String backpressure, String waitStrategy) {}

    /**
     * A source's counters ({@link SourceMetrics}).
     *
     * @param events events taken by the engine, plus those pending
     * @param watermark the current watermark as an ISO-8601 instant; null before the first
     * @param watermarkLagMillis wall clock minus watermark; null before the first
     * @param producers threads that have pushed into the source
     * @param multiProducer whether its buffer has switched to multi-producer mode
     */
    public record SourceMetricsDescriptor(
            long events,
            long pending,
            long capacity,
            double utilization,
            boolean backpressured,
            String watermark,
            Long watermarkLagMillis,
            long dropped,
            long rejected,
            int producers,
            boolean multiProducer) {

        static SourceMetricsDescriptor of(SourceMetrics m) {
            boolean hasWatermark = m.watermark() != Long.MIN_VALUE;
            return new SourceMetricsDescriptor(
                    m.totalEvents(),
                    m.pending(),
                    m.capacity(),
                    m.utilization(),
                    m.backpressured(),
                    instant(m.watermark()),
                    hasWatermark ? System.currentTimeMillis() - m.watermark() : null,
                    m.dropped(),
                    m.rejected(),
                    m.producerCount(),
                    m.mpsc());
        }
    }

    /**
     * One {@code @LaminarSink} method ({@link SinkInfo}).
     *
     * @param name {@code Class.method}
     * @param state {@code CREATED}, {@code RUNNING}, {@code COMPLETED} or {@code STOPPED}
     * @param lastError the last exception's class and message; null if none
     */
    public record SinkDescriptor(
            String name,
            String bean,
            String stream,
            String parameter,
            String state,
            long rows,
            long failedRows,
            long deadLetteredRows,
            String lastError) {

        static SinkDescriptor of(SinkInfo s) {
            return new SinkDescriptor(
                    s.name(),
                    s.bean(),
                    s.stream(),
                    s.parameter(),
                    s.state().name(),
                    s.rows(),
                    s.failedRows(),
                    s.deadLetteredRows(),
                    s.lastError().orElse(null));
        }
    }

    /**
     * One stream or materialized view ({@link StreamInfo}).
     *
     * @param input the source, stream or view its query reads
     * @param emit its emit mode as SQL
     * @param changelog whether its rows may be retracted or updated
     * @param rowsEmitted rows (changes included) it has carried
     * @param rows rows a materialized view holds now; 0 for a stream
     * @param sql the statement that created it
     */
    public record StreamDescriptor(
            String name,
            List<ColumnDescriptor> columns,
            String input,
            String emit,
            boolean changelog,
            long rowsEmitted,
            long rows,
            String sql) {

        static StreamDescriptor of(StreamInfo s) {
            return new StreamDescriptor(
                    s.name(),
                    ColumnDescriptor.of(s.schema().getFields()),
                    s.input(),
                    s.emit(),
                    s.changelog(),
                    s.rowsEmitted(),
                    s.rows(),
                    s.sql());
        }
    }

    /** One table. */
    public record TableDescriptor(String name) {}

    /**
     * Where event time stands at one point of the pipeline ({@link WatermarkStatus}); instants as ISO-8601, absent
     * values null.
     */
    public record WatermarkDescriptor(
            String name,
            String kind,
            String watermark,
            Long lagMillis,
            boolean idle,
            Long openWindows,
            String oldestOpenWindowEnd,
            String heldBackBy) {

        static WatermarkDescriptor of(WatermarkStatus w) {
            return new WatermarkDescriptor(
                    w.name(),
                    w.kind(),
                    w.watermark().map(Instant::toString).orElse(null),
                    w.lagMillis().orElse(null),
                    w.idle(),
                    w.openWindows().orElse(null),
                    w.oldestOpenWindowEnd().map(Instant::toString).orElse(null),
                    w.heldBackBy().orElse(null));
        }
    }

    /**
     * Every object and what feeds what.
     *
     * @param nodes sources, streams, views and tables from the engine, then the sink methods
     * @param edges {@code from} feeds {@code to}
     */
    public record TopologyDescriptor(List<NodeDescriptor> nodes, List<EdgeDescriptor> edges) {

        static TopologyDescriptor of(Topology topology, List<SinkInfo> sinks) {
            List<NodeDescriptor> nodes = new ArrayList<>();
            List<EdgeDescriptor> edges = new ArrayList<>();
            for (Topology.Node node : topology.nodes()) {
                nodes.add(new NodeDescriptor(node.type().name(), node.name()));
            }
            for (Topology.Edge edge : topology.edges()) {
                edges.add(new EdgeDescriptor(edge.from(), edge.to()));
            }
            for (SinkInfo sink : sinks) {
                nodes.add(new NodeDescriptor(Topology.NodeType.SINK.name(), sink.name()));
                String from = topology.nodes().stream()
                        .map(Topology.Node::name)
                        .filter(name -> name.equalsIgnoreCase(sink.stream()))
                        .findFirst()
                        .orElse(sink.stream());
                edges.add(new EdgeDescriptor(from, sink.name()));
            }
            return new TopologyDescriptor(nodes, edges);
        }
    }

    /** One object: {@code SOURCE}, {@code STREAM}, {@code MATERIALIZED_VIEW}, {@code TABLE} or {@code SINK}. */
    public record NodeDescriptor(String type, String name) {}

    /** Data flows from {@code from} to {@code to}. */
    public record EdgeDescriptor(String from, String to) {}
}
