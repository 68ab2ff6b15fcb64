package io.laminardb.spring.autoconfigure.actuate;

import io.laminardb.engine.DurabilityMetrics;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.SourceInfo;
import io.laminardb.engine.SourceMetrics;
import io.laminardb.engine.StreamInfo;
import io.laminardb.spring.autoconfigure.sink.LaminarSinks;
import io.laminardb.spring.autoconfigure.sink.SinkInfo;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The Micrometer meters of a {@link LaminarDB} (DESIGN 7). Every value is read from the engine's counters when the
 * registry asks for it; nothing is counted on the hot path.
 *
 * <ul>
 *   <li>per source (tag {@code source}): {@code laminar.source.events} (function counter), {@code
 *       laminar.source.dropped} and {@code laminar.source.rejected} (function counters: events shed by the {@code
 *       drop-oldest} and {@code reject} policies), and the gauges {@code laminar.source.pending}, {@code
 *       laminar.source.capacity}, {@code laminar.source.utilization}, {@code laminar.source.backpressured} (1 or 0) and
 *       {@code laminar.source.watermark} (epoch milliseconds; NaN before the first watermark);
 *   <li>for the pipeline: {@code laminar.pipeline.events.ingested} and {@code laminar.pipeline.events.emitted}
 *       (function counters);
 *   <li>per stream or materialized view (tag {@code stream}): {@code laminar.stream.rows} (function counter of the
 *       rows, changes included, it carried) and {@code laminar.stream.state.rows} (gauge of the rows its joins hold);
 *   <li>per {@code @LaminarSink} method (tags {@code sink} = {@code Class.method}, {@code stream}, {@code outcome} =
 *       {@code success} or {@code failed}): {@code laminar.sink.events} (function counter of the rows handed to calls
 *       that returned normally or threw), and for a sink written by a connector the rows it wrote;
 *   <li>per connector (tag {@code source}, {@code sink} or {@code table}, and {@code connector}): {@code laminar.connector.records},
 *       {@code laminar.connector.errors}, {@code laminar.connector.dead.letters}, {@code laminar.connector.retries}
 *       (function counters) and {@code laminar.connector.up} (gauge, 1 or 0).
 * </ul>
 *
 * <p>Meters of sources, streams and views created after binding are registered, and those of dropped ones removed,
 * when {@code laminar.pipeline.events.ingested} is read: at each scrape or publication (see the package
 * documentation).
 *
 * <p>Thread-safe.
 */
public final class LaminarMetrics implements MeterBinder {

    private final LaminarDB db;
    private final Supplier<List<SinkInfo>> sinks;
    private final List<Bound> bound = new CopyOnWriteArrayList<>();

    /**
     * @param db the database
     * @param sinks the application's sink methods; null when there are none
     */
    public LaminarMetrics(LaminarDB db, LaminarSinks sinks) {
        this.db = Objects.requireNonNull(db, "db");
        this.sinks = sinks == null ? List::of : sinks::sinks;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("laminar.pipeline.events.ingested", this, LaminarMetrics::ingestedAndRefresh)
                .description("Events accepted by all sources")
                .register(registry);
        FunctionCounter.builder(
                        "laminar.pipeline.events.emitted", db, d -> d.metrics().totalEventsEmitted())
                .description("Rows handed to subscribers and sink methods")
                .register(registry);
        if (db.durabilityMetrics().isPresent()) {
            bindDurability(registry);
        }
        Bound meters = new Bound(registry);
        bound.add(meters);
        refresh(meters);
    }

    /** The meters of a database with a data directory: log forces and checkpoints. */
    private void bindDurability(MeterRegistry registry) {
        FunctionTimer.builder(
                        "laminar.wal.fsync",
                        db,
                        d -> (long) durability(d, DurabilityMetrics::fsyncs),
                        d -> durability(d, m -> m.fsyncTime().toNanos()),
                        TimeUnit.NANOSECONDS)
                .description("Forces of the write-ahead log to disk")
                .register(registry);
        FunctionTimer.builder(
                        "laminar.checkpoint.duration",
                        db,
                        d -> (long) durability(d, DurabilityMetrics::checkpoints),
                        d -> durability(d, m -> m.checkpointTime().toNanos()),
                        TimeUnit.NANOSECONDS)
                .description("Checkpoints taken, and the time they took from start to written")
                .register(registry);
        Gauge.builder("laminar.checkpoint.size", db, d -> durability(d, DurabilityMetrics::lastCheckpointBytes))
                .description("The size of the newest checkpoint's state")
                .baseUnit("bytes")
                .register(registry);
        FunctionCounter.builder(
                        "laminar.checkpoint.failures", db, d -> durability(d, DurabilityMetrics::checkpointFailures))
                .description("Checkpoints that failed or were skipped")
                .register(registry);
    }

    private static double durability(LaminarDB db, java.util.function.ToLongFunction<DurabilityMetrics> value) {
        return db.durabilityMetrics().map(value::applyAsLong).orElse(0L);
    }

    /**
     * Registers the meters of sources, streams, views and sink methods that have none yet, and removes those of
     * objects dropped since. Called on binding and whenever {@code laminar.pipeline.events.ingested} is read; an
     * application may call it after DDL to see the new meters at once.
     */
    public void refresh() {
        for (Bound meters : bound) {
            refresh(meters);
        }
    }

    private double ingestedAndRefresh() {
        refresh();
        return db.metrics().totalEventsIngested();
    }

    private void refresh(Bound meters) {
        synchronized (meters) {
            Map<String, String> sources = names(db.sources().stream().map(SourceInfo::name));
            Map<String, String> streams = names(Stream.concat(db.streams().stream(), db.materializedViews().stream())
                    .map(StreamInfo::name));
            meters.sync(meters.sources, sources, this::sourceMeters);
            meters.sync(meters.streams, streams, this::streamMeters);
            meters.sync(meters.connectors, names(db.connectors().keySet().stream()), this::connectorMeters);
            for (SinkInfo sink : sinks.get()) {
                if (meters.sinks.add(sink.name())) {
                    sinkMeters(meters.registry, sink);
                }
            }
        }
    }

    /** Lower-case name to name as declared, in catalog order. */
    private static Map<String, String> names(Stream<String> names) {
        Map<String, String> byKey = new LinkedHashMap<>();
        names.forEach(name -> byKey.put(name.toLowerCase(Locale.ROOT), name));
        return byKey;
    }

    /**
     * A connector's counters, tagged with the source, sink or connector-backed table it serves ({@code source}, {@code
     * sink} or {@code table}) and {@code connector}; a connector sink's rows also count in {@code laminar.sink.events} (outcome {@code success}).
     */
    private List<Meter> connectorMeters(MeterRegistry registry, String name) {
        io.laminardb.engine.ConnectorStatus status = db.connectors().get(name);
        if (status == null) {
            return List.of();
        }
        String role = switch (status.kind()) {
            case SOURCE -> "source";
            case SINK -> "sink";
            case TABLE -> "table";
        };
        Tags tags = Tags.of(role, name, "connector", status.connector());
        List<Meter> meters = new ArrayList<>();
        meters.add(connectorCounter(
                registry,
                "laminar.connector.records",
                name,
                tags,
                m -> m.records(),
                "Records the connector read or wrote"));
        meters.add(connectorCounter(
                registry,
                "laminar.connector.errors",
                name,
                tags,
                m -> m.errors(),
                "Errors the connector met (retried, dead-lettered or fatal)"));
        meters.add(connectorCounter(
                registry,
                "laminar.connector.dead.letters",
                name,
                tags,
                m -> m.deadLetters(),
                "Undecodable messages sent to the dead-letter destination"));
        meters.add(connectorCounter(
                registry,
                "laminar.connector.retries",
                name,
                tags,
                m -> m.retries(),
                "Calls to the external system tried again"));
        meters.add(Gauge.builder("laminar.connector.up", db, d -> {
                    io.laminardb.engine.ConnectorStatus now = d.connectors().get(name);
                    return now != null && now.health().up() ? 1 : 0;
                })
                .tags(tags)
                .description("1 while the connector is healthy, 0 when it failed or its circuit is open")
                .register(registry));
        if (status.kind() == io.laminardb.engine.ConnectorStatus.Kind.SINK) {
            meters.add(connectorCounter(
                    registry,
                    "laminar.sink.events",
                    name,
                    Tags.of(
                            "sink",
                            name,
                            "stream",
                            db.sinks().stream()
                                    .filter(s -> s.name().equals(name))
                                    .map(io.laminardb.engine.SinkInfo::input)
                                    .findFirst()
                                    .orElse(""),
                            "outcome",
                            "success"),
                    m -> m.records(),
                    "Rows written by the sink's connector"));
        }
        return meters;
    }

    private Meter connectorCounter(
            MeterRegistry registry,
            String meter,
            String name,
            Tags tags,
            java.util.function.ToLongFunction<io.laminardb.engine.connector.ConnectorMetrics> value,
            String description) {
        return FunctionCounter.builder(meter, db, d -> {
                    io.laminardb.engine.ConnectorStatus status = d.connectors().get(name);
                    return status == null ? 0 : value.applyAsLong(status.metrics());
                })
                .tags(tags)
                .description(description)
                .register(registry);
    }

    private List<Meter> sourceMeters(MeterRegistry registry, String source) {
        Tags tags = Tags.of("source", source);
        List<Meter> meters = new ArrayList<>();
        meters.add(
                FunctionCounter.builder("laminar.source.events", db, d -> source(d, source, SourceMetrics::totalEvents))
                        .tags(tags)
                        .baseUnit("events")
                        .description("Events accepted by the source (taken by the engine or pending)")
                        .register(registry));
        meters.add(FunctionCounter.builder("laminar.source.dropped", db, d -> source(d, source, SourceMetrics::dropped))
                .tags(tags)
                .description("Events discarded to make room under the drop-oldest backpressure policy")
                .register(registry));
        meters.add(
                FunctionCounter.builder("laminar.source.rejected", db, d -> source(d, source, SourceMetrics::rejected))
                        .tags(tags)
                        .description("Pushes refused under the reject backpressure policy")
                        .register(registry));
        meters.add(Gauge.builder("laminar.source.pending", db, d -> source(d, source, SourceMetrics::pending))
                .tags(tags)
                .description("Buffer slots in use: events not yet taken by the engine")
                .register(registry));
        meters.add(Gauge.builder("laminar.source.capacity", db, d -> source(d, source, SourceMetrics::capacity))
                .tags(tags)
                .description("Slots in the source's buffer")
                .register(registry));
        meters.add(Gauge.builder("laminar.source.utilization", db, d -> source(d, source, SourceMetrics::utilization))
                .tags(tags)
                .description("Pending over capacity, from 0 to 1")
                .register(registry));
        meters.add(Gauge.builder(
                        "laminar.source.backpressured", db, d -> source(d, source, m -> m.backpressured() ? 1 : 0))
                .tags(tags)
                .description("1 while producers wait for room or the buffer is full, else 0")
                .register(registry));
        meters.add(Gauge.builder("laminar.source.watermark", db, d -> source(d, source, LaminarMetrics::watermark))
                .tags(tags)
                .baseUnit("milliseconds")
                .description("The source's watermark in epoch milliseconds; NaN before the first")
                .register(registry));
        return meters;
    }

    private static double source(LaminarDB db, String source, ToDoubleFunction<SourceMetrics> value) {
        return db.sourceMetrics(source).map(value::applyAsDouble).orElse(Double.NaN);
    }

    private static double watermark(SourceMetrics metrics) {
        return metrics.watermark() == Long.MIN_VALUE ? Double.NaN : metrics.watermark();
    }

    private List<Meter> streamMeters(MeterRegistry registry, String stream) {
        return List.of(
                FunctionCounter.builder("laminar.stream.rows", db, d -> streamValue(d, stream, StreamInfo::rowsEmitted))
                        .tags("stream", stream)
                        .description("Rows, changes included, the stream or materialized view has carried")
                        .register(registry),
                Gauge.builder("laminar.stream.state.rows", db, d -> streamValue(d, stream, StreamInfo::stateRows))
                        .tags("stream", stream)
                        .description("Rows the query's joins hold for the rows still to come")
                        .register(registry));
    }

    private static double streamValue(LaminarDB db, String stream, ToDoubleFunction<StreamInfo> value) {
        return Stream.concat(db.streams().stream(), db.materializedViews().stream())
                .filter(s -> s.name().equalsIgnoreCase(stream))
                .mapToDouble(value)
                .findFirst()
                .orElse(Double.NaN);
    }

    private void sinkMeters(MeterRegistry registry, SinkInfo sink) {
        String name = sink.name();
        Tags tags = Tags.of("sink", name, "stream", sink.stream());
        FunctionCounter.builder("laminar.sink.events", this, m -> m.sink(name, SinkInfo::rows))
                .tags(tags.and("outcome", "success"))
                .description("Rows handed to the @LaminarSink method, by whether the call returned or threw")
                .register(registry);
        FunctionCounter.builder("laminar.sink.events", this, m -> m.sink(name, SinkInfo::failedRows))
                .tags(tags.and("outcome", "failed"))
                .description("Rows handed to the @LaminarSink method, by whether the call returned or threw")
                .register(registry);
    }

    private double sink(String name, ToDoubleFunction<SinkInfo> value) {
        return sinks.get().stream()
                .filter(s -> s.name().equals(name))
                .mapToDouble(value)
                .findFirst()
                .orElse(Double.NaN);
    }

    /** The meters registered in one registry, by lower-case object name. Guarded by its own monitor. */
    private static final class Bound {

        final MeterRegistry registry;
        final Map<String, List<Meter>> sources = new HashMap<>();
        final Map<String, List<Meter>> streams = new HashMap<>();
        final Set<String> sinks = new HashSet<>();
        final Map<String, List<Meter>> connectors = new HashMap<>();

        Bound(MeterRegistry registry) {
            this.registry = registry;
        }

        /** Registers meters for the objects in {@code current} that have none; removes those of the others. */
        void sync(
                Map<String, List<Meter>> registered,
                Map<String, String> current,
                BiFunction<MeterRegistry, String, List<Meter>> meters) {
            registered.entrySet().removeIf(entry -> {
                if (current.containsKey(entry.getKey())) {
                    return false;
                }
                entry.getValue().forEach(registry::remove);
                return true;
            });
            current.forEach((key, name) -> registered.computeIfAbsent(key, k -> meters.apply(registry, name)));
        }
    }
}
