package io.laminardb.engine.runtime;

import io.laminardb.engine.DurabilityException;
import io.laminardb.engine.Incompatible;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.PipelineMetrics;
import io.laminardb.engine.PipelineState;
import io.laminardb.engine.SourceNotFoundException;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.SubscriptionConfig;
import io.laminardb.engine.Topology;
import io.laminardb.engine.TwoPhaseCommitSink;
import io.laminardb.engine.WalMode;
import io.laminardb.engine.catalog.CatalogSink;
import io.laminardb.engine.catalog.CatalogSource;
import io.laminardb.engine.connector.Connectors;
import io.laminardb.engine.durability.Checkpointer;
import io.laminardb.engine.durability.Durability;
import io.laminardb.engine.exchange.MergeTask;
import io.laminardb.engine.exchange.PartitionTask;
import io.laminardb.engine.sink.ConnectorSink;
import io.laminardb.engine.sink.SinkBinding;
import io.laminardb.engine.source.ConnectorSource;
import io.laminardb.engine.source.EventPublisher;
import io.laminardb.engine.source.SourceRuntime;
import io.laminardb.engine.sql.parser.SqlObjectKind;
import io.laminardb.engine.state.IncompatibleStateException;
import io.laminardb.engine.state.OwnerKind;
import io.laminardb.engine.state.OwnerState;
import io.laminardb.engine.state.RestoreReport;
import io.laminardb.engine.state.StateSink;
import io.laminardb.engine.state.StateSnapshot;
import io.laminardb.engine.stream.ContinuousQuery;
import io.laminardb.engine.stream.QueryInput;
import io.laminardb.engine.stream.StreamRuntime;
import io.laminardb.engine.subscription.SubscriptionImpl;
import io.laminardb.engine.table.TableRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live state of one database: its sources, subscriptions, engine threads and life cycle. Names are matched
 * ignoring case. Thread-safe; catalog changes are serialised on this object.
 */
public final class DatabaseRuntime {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRuntime.class);
    private static final long STOP_TIMEOUT_MILLIS = 30_000;

    private final LaminarConfig config;
    private final Engine engine;
    private final BufferAllocator allocator = new RootAllocator();
    private final Map<String, SourceRuntime> sources = new LinkedHashMap<>();
    private final Map<String, ContinuousQuery> queries = new LinkedHashMap<>();
    private final Map<String, TableRuntime> tables = new LinkedHashMap<>();
    private final Set<SubscriptionImpl<?>> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile PipelineState state = PipelineState.CREATED;
    private volatile String failure;
    private volatile long startedNanos;
    private long retiredIngested;
    private long retiredLate;
    /** Rows delivered by subscriptions that have been closed; added to from whichever thread closes one. */
    private final LongAdder retiredEmitted = new LongAdder();

    /** The data directory, logs and recovery of a durable database; null in memory. */
    private final Durability durability;

    /** The two-phase-commit sinks, in the order they were added. */
    private final List<SinkBinding> sinks = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The connectors and formats on the class path. */
    private final Connectors connectors = Connectors.load();

    /** The sinks written by connectors, by lower-case name, with the binding that feeds each its stream's rows. */
    private final Map<String, SinkEntry> connectorSinks = new LinkedHashMap<>();

    private record SinkEntry(ConnectorSink sink, SinkBinding binding) {}

    /** The connectors reading sources, by lower-case source name; made when the database starts. */
    private final Map<String, ConnectorSource> connectorSources = new ConcurrentHashMap<>();

    /** Without a data directory: records the connectors' positions and flushes the sinks every checkpoint interval. */
    private java.util.concurrent.ScheduledExecutorService connectorTimer;

    /** Takes checkpoints of a durable database once it has started; null otherwise. */
    private volatile Checkpointer checkpointer;

    public DatabaseRuntime(LaminarConfig config) {
        this.config = config;
        this.engine = new Engine(config.cores(), config.cpuAffinity(), this::fail);
        this.durability = config.isDurable() ? Durability.open(config) : null;
    }

    public LaminarConfig config() {
        return config;
    }

    /** The connectors and formats on the class path. */
    public Connectors connectors() {
        return connectors;
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    // ---- catalog ----------------------------------------------------------------------------------------------------

    /**
     * Creates a source. An existing source with an identical definition is kept (so a schema script can run at every
     * start); a different one is an error unless {@code orReplace}, and is kept as it is with {@code ifNotExists}.
     *
     * @return whether a new source was created
     */
    public synchronized boolean createSource(CatalogSource definition, boolean ifNotExists, boolean orReplace) {
        checkOpen();
        String key = key(definition.name());
        checkNameFree(definition.name(), "source");
        SourceRuntime existing = sources.get(key);
        if (existing != null) {
            CatalogSource old = existing.definition();
            if (ifNotExists || sameDefinition(old, definition)) {
                return false;
            }
            if (!orReplace) {
                throw new SqlValidationException("Source '" + definition.name() + "' already exists with another"
                        + " definition (" + difference(old, definition) + "). Use CREATE OR REPLACE SOURCE to replace"
                        + " it, or DROP SOURCE " + definition.name() + " first.");
            }
            refuseIfRead(definition.name(), "SOURCE", "replace");
            retire(existing);
        }
        SourceRuntime runtime = new SourceRuntime(definition);
        sources.put(key, runtime);
        engine.assign(runtime);
        boolean replayable = definition.connector() != null
                && definition.connector().factory().replayableSources();
        if (durability != null && config.walMode() != WalMode.NONE && !replayable) {
            runtime.attachLog(durability.sourceLog(definition, engine.coreOf(runtime)));
        }
        if (definition.connector() != null && state == PipelineState.RUNNING) {
            startConnector(runtime, null);
        }
        return true;
    }

    /**
     * Drops a source; refused while a stream or view reads it, unless {@code cascade}, which drops those first.
     *
     * @return whether a source was dropped
     */
    public synchronized boolean dropSource(String name, boolean ifExists, boolean cascade) {
        SourceRuntime runtime = sources.get(key(name));
        if (runtime == null) {
            if (ifExists) {
                return false;
            }
            throw notFound(name);
        }
        if (cascade) {
            dropDependents(runtime.name());
        } else {
            refuseIfRead(runtime.name(), "SOURCE", "drop");
        }
        retire(runtime);
        return true;
    }

    // ---- tables -----------------------------------------------------------------------------------------------------

    /**
     * Creates a table. An existing table with an identical definition is kept; a different one is an error unless
     * {@code orReplace} (when nothing reads it: the new table starts empty), and is kept as it is with {@code
     * ifNotExists}.
     *
     * @return whether a new table was created
     */
    public synchronized boolean createTable(TableRuntime table, boolean ifNotExists, boolean orReplace) {
        checkOpen();
        checkNameFree(table.name(), "table");
        TableRuntime existing = tables.get(key(table.name()));
        if (existing != null) {
            boolean same = existing.schema().equals(table.schema())
                    && existing.primaryKey().equals(table.primaryKey());
            if (ifNotExists || same) {
                return false;
            }
            if (!orReplace) {
                throw new SqlValidationException("Table '" + table.name() + "' already exists with another"
                        + " definition (" + existing.sql() + "). Use CREATE OR REPLACE TABLE to replace it, or DROP"
                        + " TABLE " + table.name() + " first.");
            }
            refuseIfRead(table.name(), "TABLE", "replace");
            retire(existing);
        }
        tables.put(key(table.name()), table);
        engine.assign(table);
        if (durability != null) {
            // Its rows come back now, before any statement of this run changes it: from the checkpoint, then the log.
            durability.recoveredState().ifPresent(snapshot -> {
                StateSnapshot own = snapshot.filter(
                        owner -> owner.kind() == OwnerKind.TABLE && owner.name().equalsIgnoreCase(table.name()));
                restoreState(own, resetPolicy(checkState(own)));
            });
            durability.recoverTable(table);
            if (config.walMode() != WalMode.NONE) {
                table.attachLog(durability.tableLog(table, engine.coreOf(table)));
            }
        }
        return true;
    }

    /**
     * Drops a table; refused while a stream or view reads it, unless {@code cascade}, which drops those first.
     *
     * @return whether a table was dropped
     */
    public synchronized boolean dropTable(String name, boolean ifExists, boolean cascade) {
        TableRuntime table = tables.get(key(name));
        if (table == null) {
            if (ifExists) {
                return false;
            }
            throw new SourceNotFoundException(
                    "table",
                    name,
                    tables.values().stream().map(TableRuntime::name).toList());
        }
        if (cascade) {
            dropDependents(table.name());
        } else {
            refuseIfRead(table.name(), "TABLE", "drop");
        }
        retire(table);
        return true;
    }

    /** Closes a table to changes and removes it from the catalog; its queued changes still reach its readers. */
    private void retire(TableRuntime table) {
        tables.remove(key(table.name()));
        if (durability != null) {
            table.delete(row -> true); // logged: a table declared again after a restart starts empty, as now
        }
        table.close();
        table.closeConnector(); // the queries that looked rows up in it are gone
        if (state == PipelineState.CREATED || state == PipelineState.STOPPED) {
            engine.drainInline(task -> task == table);
        }
    }

    public synchronized Optional<TableRuntime> findTable(String name) {
        return Optional.ofNullable(tables.get(key(name)));
    }

    public synchronized List<TableRuntime> tables() {
        return List.copyOf(tables.values());
    }

    // ---- streams and views ------------------------------------------------------------------------------------------

    /**
     * Registers a running query. An existing one with the same definition is kept; another is an error unless {@code
     * orReplace} (when nothing reads it) or {@code ifNotExists}.
     *
     * @param start attaches the query to its input: called only if the query is registered
     * @return whether the query was registered
     */
    public synchronized boolean createQuery(
            ContinuousQuery query, boolean ifNotExists, boolean orReplace, Runnable start) {
        checkOpen();
        String key = key(query.name());
        ContinuousQuery existing = queries.get(key);
        checkNameFree(query.name(), query.kind().displayName());
        if (existing != null) {
            if (existing.kind() != query.kind()) {
                throw new SqlValidationException(
                        "'" + query.name() + "' is a " + existing.kind().displayName() + ", not a "
                                + query.kind().displayName() + ".");
            }
            if (ifNotExists || existing.definition().equals(query.definition())) {
                return false;
            }
            if (!orReplace) {
                throw new SqlValidationException(existing.kind().displayName() + " '" + query.name() + "' already"
                        + " exists with another query. Use CREATE OR REPLACE "
                        + query.kind().keyword() + " to"
                        + " replace it, or DROP " + query.kind().keyword() + " " + query.name() + " first.");
            }
            refuseIfRead(query.name(), query.kind().keyword(), "replace");
            stop(existing);
        }
        queries.put(key, query);
        start.run();
        return true;
    }

    /** Drops a stream or view; refused while another reads it, unless {@code cascade}. */
    public synchronized boolean dropQuery(SqlObjectKind kind, String name, boolean ifExists, boolean cascade) {
        ContinuousQuery query = queries.get(key(name));
        if (query == null || query.kind() != kind) {
            if (ifExists) {
                return false;
            }
            throw new SourceNotFoundException(
                    kind.displayName(),
                    name,
                    queries.values().stream()
                            .filter(q -> q.kind() == kind)
                            .map(ContinuousQuery::name)
                            .toList());
        }
        if (cascade) {
            dropDependents(query.name());
        } else {
            refuseIfRead(query.name(), kind.keyword(), "drop");
        }
        stop(query);
        queries.remove(key(name));
        return true;
    }

    private void stop(ContinuousQuery query) {
        retiredLate += query.lateRows().count();
        query.detach().run();
        query.output().complete();
        query.lateStream().ifPresent(StreamRuntime::complete);
    }

    /**
     * Runs the partitions of a query's keyed operators on the engine threads (partition {@code p} of each on core {@code
     * p}) and their merges on the core of the source the query's input comes from, where the stream's readers expect
     * rows.
     *
     * @return stops them, for when the query is dropped
     */
    public Runnable runTasks(List<PartitionTask> partitions, List<MergeTask> merges, String input) {
        if (merges.isEmpty()) {
            return () -> {};
        }
        // Partition p of every exchange runs on engine thread p (the list holds each exchange's partitions in turn).
        for (int p = 0; p < partitions.size(); p++) {
            engine.assign(partitions.get(p), p);
        }
        int root = engine.coreOf(rootTask(input));
        merges.forEach(merge -> engine.assign(merge, root));
        return () -> {
            partitions.forEach(PartitionTask::cancel);
            merges.forEach(MergeTask::cancel);
            partitions.forEach(engine::unassign);
            merges.forEach(engine::unassign);
        };
    }

    /** The source or table whose engine thread runs everything downstream of {@code name}. */
    public synchronized EngineTask rootTask(String name) {
        SourceRuntime source = sources.get(key(name));
        if (source != null) {
            return source;
        }
        TableRuntime table = tables.get(key(name));
        if (table != null) {
            return table;
        }
        ContinuousQuery query = queries.get(key(name));
        if (query == null) {
            for (ContinuousQuery q : queries.values()) {
                if (q.lateStream().isPresent() && q.lateStream().get().name().equalsIgnoreCase(name)) {
                    query = q;
                }
            }
        }
        return query == null ? null : rootTask(query.input());
    }

    /** The streams and views that read {@code name} directly, as their input or a table they look up. */
    public synchronized List<ContinuousQuery> dependents(String name) {
        return queries.values().stream()
                .filter(q -> q.input().equalsIgnoreCase(name)
                        || q.input().equalsIgnoreCase(name + "_late")
                        || q.lookups().stream().anyMatch(name::equalsIgnoreCase))
                .toList();
    }

    /** The connector sinks that write {@code name}. */
    private List<CatalogSink> sinksOf(String name) {
        return connectorSinks.values().stream()
                .map(e -> e.sink().definition())
                .filter(d -> d.input().equalsIgnoreCase(name))
                .toList();
    }

    private void dropDependents(String name) {
        for (CatalogSink sink : sinksOf(name)) {
            dropSink(sink.name(), true);
        }
        for (ContinuousQuery dependent : dependents(name)) {
            dropDependents(dependent.name());
            stop(dependent);
            queries.remove(key(dependent.name()));
        }
    }

    private void refuseIfRead(String name, String keyword, String verb) {
        List<String> readers = new ArrayList<>();
        dependents(name).forEach(q -> readers.add(q.kind().displayName() + " '" + q.name() + "'"));
        sinksOf(name).forEach(sink -> readers.add("sink '" + sink.name() + "'"));
        if (!readers.isEmpty()) {
            throw new SqlValidationException("Cannot " + verb + " " + keyword.toLowerCase(Locale.ROOT) + " '" + name
                    + "': "
                    + String.join(", ", readers)
                    + (readers.size() == 1 ? " reads" : " read") + " from it. Drop "
                    + (readers.size() == 1 ? "it" : "them") + " first, or use DROP " + keyword + " " + name
                    + " CASCADE.");
        }
    }

    /**
     * Refuses {@code name} for a new object of {@code kind} ({@code "source"}, {@code "table"}, or a query kind's
     * display name) when an object of another kind holds it. A stream and a view may meet here: the caller tells them
     * apart.
     */
    private void checkNameFree(String name, String kind) {
        String key = key(name);
        boolean query = !kind.equals("source") && !kind.equals("table");
        String taken = null;
        if (sources.containsKey(key)) {
            taken = kind.equals("source") ? null : "source";
        } else if (tables.containsKey(key)) {
            taken = kind.equals("table") ? null : "table";
        } else if (queries.containsKey(key)) {
            taken = query ? null : queries.get(key).kind().displayName();
        } else {
            for (ContinuousQuery q : queries.values()) {
                if (q.lateStream().isPresent() && q.lateStream().get().name().equalsIgnoreCase(name)) {
                    taken = "late-data stream of '" + q.name() + "'";
                }
            }
        }
        if (taken != null) {
            throw new SqlValidationException("The name '" + name + "' is taken by a " + taken
                    + ": sources, tables, streams and views share one namespace.");
        }
    }

    public synchronized List<ContinuousQuery> queries() {
        return List.copyOf(queries.values());
    }

    public synchronized Optional<ContinuousQuery> findQuery(String name) {
        return Optional.ofNullable(queries.get(key(name)));
    }

    /**
     * The source, table, stream or view called {@code name}.
     *
     * @throws SourceNotFoundException naming what exists
     */
    public synchronized EventPublisher publisher(String name) {
        SourceRuntime source = sources.get(key(name));
        if (source != null) {
            return source;
        }
        TableRuntime table = tables.get(key(name));
        if (table != null) {
            return table;
        }
        ContinuousQuery query = queries.get(key(name));
        if (query != null) {
            return query.output();
        }
        for (ContinuousQuery q : queries.values()) {
            if (q.lateStream().isPresent() && q.lateStream().get().name().equalsIgnoreCase(name)) {
                return q.lateStream().get();
            }
        }
        List<String> names = new ArrayList<>();
        sources.values().forEach(s -> names.add(s.name()));
        tables.values().forEach(t -> names.add(t.name()));
        queries.values().forEach(q -> names.add(q.name()));
        throw new SourceNotFoundException("source, table, stream or view", name, names);
    }

    /** Every source, table, stream, view and late-data stream, as the planner's catalog. */
    public synchronized List<EventPublisher> publishers() {
        List<EventPublisher> all = new ArrayList<>(sources.values());
        all.addAll(tables.values());
        for (ContinuousQuery query : queries.values()) {
            all.add(query.output());
            query.lateStream().ifPresent(all::add);
        }
        return all;
    }

    /** Closes a source to pushes and removes it from the catalog; its buffered events still reach its subscribers. */
    private void retire(SourceRuntime runtime) {
        sources.remove(key(runtime.name()));
        runtime.close();
        if (state == PipelineState.CREATED || state == PipelineState.STOPPED) {
            // No engine thread will drain it: its subscribers end now. Sources still open keep their events for
            // start().
            engine.drainInline(task -> !(task instanceof SourceRuntime source) || source.isClosed());
        }
        retiredIngested += runtime.consumed();
    }

    public synchronized SourceRuntime source(String name) {
        SourceRuntime runtime = sources.get(key(name));
        if (runtime == null) {
            throw notFound(name);
        }
        return runtime;
    }

    /**
     * The source {@code name}, for the application to push into.
     *
     * @throws SourceNotFoundException if there is no such source
     * @throws LaminarException if a connector reads it: its rows come from there, and pushes would mix in rows the
     *     connector's positions do not account for
     */
    public synchronized SourceRuntime pushTarget(String name) {
        SourceRuntime source = source(name);
        if (source.definition().connector() != null) {
            throw new io.laminardb.engine.LaminarException("Source '" + source.name() + "' is read by connector '"
                    + source.definition().connector().name() + "': the application cannot push into it. Declare a"
                    + " source without a connector to push into, and read both in the query (UNION ALL).");
        }
        return source;
    }

    public synchronized Optional<SourceRuntime> findSource(String name) {
        return Optional.ofNullable(sources.get(key(name)));
    }

    public synchronized List<SourceRuntime> sources() {
        return List.copyOf(sources.values());
    }

    private SourceNotFoundException notFound(String name) {
        return new SourceNotFoundException(
                "source",
                name,
                sources.values().stream().map(SourceRuntime::name).toList());
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static boolean sameDefinition(CatalogSource a, CatalogSource b) {
        return a.schema().equals(b.schema())
                && a.watermarkColumn() == b.watermarkColumn()
                && a.watermarkDelayMillis() == b.watermarkDelayMillis()
                && a.config().equals(b.config())
                && a.options().equals(b.options());
    }

    private static String difference(CatalogSource old, CatalogSource now) {
        if (!old.schema().equals(now.schema())) {
            return "columns were " + old.schema().getFields() + ", now "
                    + now.schema().getFields();
        }
        if (old.watermarkColumn() != now.watermarkColumn()
                || old.watermarkDelayMillis() != now.watermarkDelayMillis()) {
            return "the WATERMARK clause differs";
        }
        return "options were " + old.info().options() + ", now " + now.info().options();
    }

    // ---- connector sinks --------------------------------------------------------------------------------------------

    /**
     * Creates a sink written by a connector. An existing sink with the same statement is kept; another is an error
     * unless {@code orReplace}, and kept as it is with {@code ifNotExists}. On a running database the sink opens at
     * once and receives the rows its input produces from now on.
     *
     * @return whether a new sink was created
     */
    public synchronized boolean createSink(CatalogSink definition, boolean ifNotExists, boolean orReplace) {
        checkOpen();
        SinkEntry existing = connectorSinks.get(key(definition.name()));
        if (existing != null) {
            if (ifNotExists || existing.sink().definition().sql().equals(definition.sql())) {
                return false;
            }
            if (!orReplace) {
                throw new SqlValidationException("Sink '" + definition.name() + "' already exists with another"
                        + " definition. Use CREATE OR REPLACE SINK to replace it, or DROP SINK " + definition.name()
                        + " first.");
            }
            dropSink(definition.name(), false);
        }
        EventPublisher publisher = publisher(definition.input());
        ConnectorSink sink = new ConnectorSink(definition);
        SinkBinding binding = new SinkBinding(publisher.name(), publisher.layout(), sink);
        connectorSinks.put(key(definition.name()), new SinkEntry(sink, binding));
        if (durability != null) {
            sinks.add(binding); // checkpoints drive it; recovery opens and settles it before start() replays
        }
        if (state == PipelineState.RUNNING) {
            try {
                if (durability != null) {
                    sink.recover(0, null);
                } else {
                    sink.open();
                }
            } catch (Exception e) {
                connectorSinks.remove(key(definition.name()));
                sinks.remove(binding);
                throw new io.laminardb.engine.ConnectorException(
                        "Sink '" + definition.name() + "' could not open: " + e.getMessage(), e);
            }
            publisher.addListener(binding);
        }
        return true;
    }

    /**
     * Drops a sink: it stops receiving rows, what it buffered is flushed (without a data directory), and the stream
     * made for its {@code AS <query>} is dropped with it.
     *
     * @return whether a sink was dropped
     */
    public synchronized boolean dropSink(String name, boolean ifExists) {
        SinkEntry entry = connectorSinks.remove(key(name));
        if (entry == null) {
            if (ifExists) {
                return false;
            }
            throw new SourceNotFoundException(
                    "sink",
                    name,
                    connectorSinks.values().stream()
                            .map(e -> e.sink().definition().name())
                            .toList());
        }
        findPublisher(entry.binding().stream()).ifPresent(p -> p.removeListener(entry.binding()));
        sinks.remove(entry.binding());
        try {
            if (durability == null && state == PipelineState.RUNNING) {
                entry.sink().flush();
            }
            entry.sink().close();
        } catch (Exception e) {
            log.warn("Closing sink {} failed", name, e);
        }
        String own = entry.sink().definition().ownQuery();
        if (own != null && queries.containsKey(key(own))) {
            dropQuery(SqlObjectKind.STREAM, own, true, true);
        }
        return true;
    }

    /** The sinks written by connectors, in the order they were created. */
    public synchronized List<ConnectorSink> connectorSinks() {
        return connectorSinks.values().stream().map(SinkEntry::sink).toList();
    }

    /** The connectors reading sources (once started). */
    public List<ConnectorSource> connectorSources() {
        return List.copyOf(connectorSources.values());
    }

    private Optional<EventPublisher> findPublisher(String name) {
        try {
            return Optional.of(publisher(name));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Makes and starts the connector of {@code source}, from {@code position} when a checkpoint holds one. */
    private void startConnector(SourceRuntime source, byte[] position) {
        ConnectorSource connector = new ConnectorSource(source, position, durability != null, this::fail);
        connectorSources.put(key(source.name()), connector);
        try {
            connector.start();
        } catch (Exception e) {
            connector.close();
            connectorSources.remove(key(source.name()));
            throw new io.laminardb.engine.ConnectorException(
                    "Source '" + source.name() + "': connector '"
                            + source.definition().connector().name() + "' could not start: " + e.getMessage(),
                    e);
        }
    }

    /** Starts every connector: sinks first (so no row is missed), then sources from their checkpointed positions. */
    private void startConnectors() {
        if (durability == null) {
            for (SinkEntry entry : connectorSinks.values()) {
                try {
                    entry.sink().open();
                } catch (Exception e) {
                    throw new io.laminardb.engine.ConnectorException(
                            "Sink '" + entry.sink().definition().name() + "' could not open: " + e.getMessage(), e);
                }
                publisher(entry.binding().stream()).addListener(entry.binding());
            }
        }
        Map<String, byte[]> positions = durability == null
                ? Map.of()
                : durability
                        .recoveredCheckpoint()
                        .map(c -> c.manifest().positions())
                        .orElse(Map.of());
        for (SourceRuntime source : sources.values()) {
            if (source.definition().connector() != null) {
                byte[] position = null;
                for (Map.Entry<String, byte[]> e : positions.entrySet()) {
                    if (e.getKey().equalsIgnoreCase(source.name())) {
                        position = e.getValue();
                    }
                }
                startConnector(source, position);
            }
        }
        if (checkpointer != null) {
            checkpointer.onCheckpoint(manifest -> manifest.positions().forEach((name, position) -> {
                ConnectorSource connector = connectorSources.get(key(name));
                if (connector != null) {
                    connector.commit(position);
                }
            }));
        } else if (!connectorSources.isEmpty() || !connectorSinks.isEmpty()) {
            connectorTimer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "laminar-connectors");
                t.setDaemon(true);
                return t;
            });
            long every = config.checkpointInterval().toMillis();
            connectorTimer.scheduleWithFixedDelay(this::commitInMemory, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Without a data directory there are no checkpoints: what the engine has taken is all the progress there is. Sinks
     * flush, then sources record the positions of the rows taken so far.
     */
    private void commitInMemory() {
        for (ConnectorSink sink : connectorSinks()) {
            try {
                sink.flush();
            } catch (Exception e) {
                log.warn(
                        "Sink {} could not flush; it is tried again",
                        sink.definition().name(),
                        e);
            }
        }
        for (ConnectorSource connector : connectorSources.values()) {
            connector.commit(connector.runtime().consumedPosition());
        }
    }

    /** Stops the connectors: the periodic commits, then every source's reading and every sink's connection. */
    private void closeConnectors() {
        if (connectorTimer != null) {
            connectorTimer.shutdownNow();
            connectorTimer = null;
        }
        connectorSources.values().forEach(ConnectorSource::close);
        connectorSources.clear();
        tables.values().forEach(TableRuntime::closeConnector);
    }

    // ---- subscriptions ----------------------------------------------------------------------------------------------

    /**
     * Subscribes to the source, stream or view {@code name} with the given conversion.
     *
     * @param changes whether the subscriber takes retractions too
     */
    public synchronized <T> SubscriptionImpl<T> subscribe(
            String name,
            SubscriptionConfig subscriptionConfig,
            SubscriptionImpl.Converter<T> converter,
            SubscriptionImpl.BatchWriter<T> batchWriter,
            boolean changes) {
        return subscribe(name, subscriptionConfig, converter, batchWriter, null, changes);
    }

    /**
     * As {@link #subscribe(String, SubscriptionConfig, SubscriptionImpl.Converter, SubscriptionImpl.BatchWriter,
     * boolean)}, taking Arrow batches whole when {@code batchReader} is not null.
     */
    public synchronized <T> SubscriptionImpl<T> subscribe(
            String name,
            SubscriptionConfig subscriptionConfig,
            SubscriptionImpl.Converter<T> converter,
            SubscriptionImpl.BatchWriter<T> batchWriter,
            SubscriptionImpl.BatchReader<T> batchReader,
            boolean changes) {
        checkOpen();
        EventPublisher runtime = publisher(name);
        SubscriptionImpl<T> subscription = new SubscriptionImpl<>(
                runtime.name(), subscriptionConfig, converter, batchWriter, batchReader, allocator, changes, s -> {
                    runtime.removeListener(s);
                    subscriptions.remove(s);
                    retiredEmitted.add(s.delivered());
                });
        subscriptions.add(subscription);
        runtime.addListener(subscription);
        return subscription;
    }

    // ---- life cycle -------------------------------------------------------------------------------------------------

    public synchronized void start() {
        checkOpen();
        if (state != PipelineState.CREATED) {
            return;
        }
        state = PipelineState.STARTING;
        if (durability != null) {
            recover();
        }
        engine.start();
        startedNanos = System.nanoTime();
        state = PipelineState.RUNNING;
        try {
            startConnectors();
        } catch (RuntimeException e) {
            fail(e);
            closeConnectors();
            engine.stop(false, STOP_TIMEOUT_MILLIS);
            throw e;
        }
        if (checkpointer != null) {
            checkpointer.start();
        }
    }

    /**
     * Recovery, before the engine threads start: the newest checkpoint's state into every declared object (tables have
     * theirs already, from when they were declared), then the logs after it. Replayed elements reach the queries ahead
     * of anything pushed in this run, which waits in the buffers.
     */
    private void recover() {
        durability.recoveredState().ifPresent(snapshot -> {
            StateSnapshot withoutTables = snapshot.filter(owner -> owner.kind() != OwnerKind.TABLE);
            Predicate<String> reset = resetPolicy(checkState(withoutTables));
            RestoreReport report = restoreState(withoutTables, reset);
            if (!report.orphaned().isEmpty()) {
                log.warn(
                        "The checkpoint holds state of objects that are no longer declared; it is dropped at the next"
                                + " checkpoint: {}",
                        report.orphaned().stream().map(OwnerState::name).toList());
            }
            Set<String> restored = new java.util.HashSet<>();
            report.restored().forEach(name -> restored.add(key(name)));
            for (TableRuntime table : tables.values()) {
                table.promoteRestoredReaders(
                        listener -> listener instanceof QueryInput input && restored.contains(key(input.query())));
            }
        });
        // Before the replay: the sinks settle what the last run left, then take the rows computed again.
        settleSinks();
        Predicate<EngineTask> operators = task -> !(task instanceof SourceRuntime || task instanceof TableRuntime);
        engine.runInline(
                operators, () -> durability.recover(sources.values(), () -> engine.drainInline(operators, operators)));
        checkpointer = new Checkpointer(
                config, durability, engine, this, this::sources, this::tables, () -> sinks, this::snapshotState);
    }

    /** Hands each sink what the newest checkpoint pre-committed for it, then attaches it to its stream. */
    private void settleSinks() {
        long checkpointId =
                durability.recoveredCheckpoint().map(c -> c.manifest().id()).orElse(0L);
        for (SinkBinding binding : sinks) {
            byte[] handle = durability
                    .recoveredCheckpoint()
                    .map(c -> c.manifest().sinks().get(binding.key()))
                    .orElse(null);
            try {
                binding.sink().recover(handle == null ? 0 : checkpointId, handle);
            } catch (Exception e) {
                throw new DurabilityException(
                        "Sink '" + binding.sink().id() + "' of stream '" + binding.stream()
                                + "' could not recover checkpoint " + checkpointId + ": " + e.getMessage(),
                        e);
            }
            publisher(binding.stream()).addListener(binding);
        }
    }

    /**
     * Attaches a sink that commits with the checkpoints; before {@link #start()}, to a database with a data directory.
     */
    public synchronized void addSink(String stream, TwoPhaseCommitSink sink) {
        checkOpen();
        if (durability == null) {
            throw new IllegalStateException("Sink '" + sink.id() + "' commits with checkpoints, and this database has"
                    + " none: open it with a data directory (LaminarConfig.Builder.dataDir, laminar.data-dir).");
        }
        if (state != PipelineState.CREATED) {
            throw new IllegalStateException("Add sink '" + sink.id() + "' before start(): recovery settles what it"
                    + " left open before any row reaches it.");
        }
        EventPublisher publisher = publisher(stream);
        SinkBinding binding = new SinkBinding(publisher.name(), publisher.layout(), sink);
        if (sinks.stream().anyMatch(b -> b.key().equalsIgnoreCase(binding.key()))) {
            throw new IllegalArgumentException("A sink with id '" + sink.id() + "' is already attached to '" + stream
                    + "'; give each sink of a stream its own id.");
        }
        sinks.add(binding);
    }

    /**
     * The owners whose checkpointed state no longer fits their definition, to start empty under {@code
     * checkpoint.on-incompatible=reset}; with {@code fail}, refuses naming them.
     */
    private Predicate<String> resetPolicy(RestoreReport check) {
        if (check.changed().isEmpty()) {
            return name -> false;
        }
        if (config.onIncompatible() == Incompatible.FAIL) {
            throw new DurabilityException(
                    "The checkpoint in " + durability.directory().root()
                            + " holds state that does not fit what is declared now: " + check.changed()
                            + ". Declare these objects as they were, or set checkpoint.on-incompatible to reset"
                            + " (laminar.checkpoint.on-incompatible=reset) to start them empty; the others keep their state.");
        }
        log.warn("Starting with empty state (checkpoint.on-incompatible=reset): {}", check.changed());
        Set<String> reset = new java.util.HashSet<>();
        check.changedOwners().forEach(name -> reset.add(key(name)));
        return name -> reset.contains(key(name));
    }

    /**
     * Stops accepting pushes, hands every buffered event on, ends the subscriptions and stops the threads. In memory,
     * the end of input reaches the queries, which flush their open windows. With a data directory it does not: the
     * queries keep their state, a last checkpoint takes it, and the next run carries on from there.
     */
    public void shutdown() {
        if (checkpointer != null && state == PipelineState.RUNNING) {
            suspend();
            return;
        }
        List<SourceRuntime> open;
        synchronized (this) {
            if (state == PipelineState.STOPPED || state == PipelineState.STOPPING) {
                return;
            }
            boolean started = state != PipelineState.CREATED;
            state = PipelineState.STOPPING;
            open = List.copyOf(sources.values());
            open.forEach(SourceRuntime::close);
            tables.values().forEach(TableRuntime::close);
            if (!started) {
                engine.drainInline(task -> true);
            }
        }
        engine.stop(true, STOP_TIMEOUT_MILLIS);
        if (connectorTimer != null && failure == null) {
            connectorTimer.shutdownNow();
            connectorTimer = null;
            commitInMemory(); // the rows the sinks were handed, and the positions of everything read
        }
        closeConnectors();
        state = failure == null ? PipelineState.STOPPED : PipelineState.FAILED;
    }

    /** A durable database's shutdown: drain the buffers into the queries, checkpoint, stop without ending anything. */
    private void suspend() {
        synchronized (this) {
            if (state != PipelineState.RUNNING) {
                return;
            }
            state = PipelineState.STOPPING;
            sources.values().forEach(SourceRuntime::suspend);
            tables.values().forEach(TableRuntime::suspend);
        }
        checkpointer.close();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(STOP_TIMEOUT_MILLIS);
        while (sources().stream().anyMatch(s -> !s.isCompleted()) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
        if (failure == null) {
            try {
                checkpointer.checkpoint();
            } catch (RuntimeException e) {
                log.error("The checkpoint at shutdown failed; the next start replays the log from the one before", e);
            }
        }
        engine.stop(true, true, STOP_TIMEOUT_MILLIS);
        closeConnectors();
        subscriptions.forEach(SubscriptionImpl::complete);
        state = failure == null ? PipelineState.STOPPED : PipelineState.FAILED;
    }

    /** {@link #shutdown()}, then closes subscriptions and frees memory. */
    public void close() {
        shutdown();
        if (checkpointer != null) {
            checkpointer.close();
        }
        closeConnectors();
        for (SinkBinding binding : sinks) {
            try {
                binding.sink().close();
            } catch (Exception e) {
                log.warn("Closing sink {} failed", binding.key(), e);
            }
        }
        if (durability == null) {
            for (ConnectorSink sink : connectorSinks()) {
                try {
                    sink.close();
                } catch (Exception e) {
                    log.warn("Closing sink {} failed", sink.definition().name(), e);
                }
            }
        }
        if (durability != null) {
            durability.close();
        }
        subscriptions.forEach(SubscriptionImpl::close);
        try {
            allocator.close();
        } catch (IllegalStateException e) {
            log.warn("Arrow batches taken with pollBatch() were not closed: {}", e.getMessage());
        }
    }

    public PipelineState state() {
        return state;
    }

    private void fail(Throwable error) {
        failure = error.toString();
        state = PipelineState.FAILED;
        for (SourceRuntime source : sources()) {
            source.close();
        }
        for (TableRuntime table : tables()) {
            table.close();
        }
        subscriptions.forEach(SubscriptionImpl::complete);
    }

    private void checkOpen() {
        PipelineState s = state;
        if (s == PipelineState.STOPPING || s == PipelineState.STOPPED || s == PipelineState.FAILED) {
            throw new IllegalStateException("The database is " + s.name().toLowerCase(Locale.ROOT)
                    + (failure == null ? "" : " (" + failure + ")") + "; open a new one.");
        }
    }

    // ---- state, for checkpoints -------------------------------------------------------------------------------------

    /**
     * The state of every source, table, stream and view, for a checkpoint (see {@link StateSnapshot} for its parts and
     * their names). What it holds: each source's watermark, largest event time and count of events taken; each table's
     * rows; each query's operator state (groups, windows, panes, sessions, with what they last handed on), its late-row
     * and skipped-row counts, its output's counters and a view's contents. Not in it: events still in a source's buffer
     * (the count of events taken says where the state stops), rows in subscriptions' buffers, and processing time (when
     * the next {@code EMIT EVERY} period starts).
     *
     * <p>Call only while no engine thread processes: before {@link #start()}, or with the engine paused by the
     * checkpoint coordinator, and drained of what the engine took (no rows between a query's partitions, no table
     * changes on their way to readers). Nothing here synchronises with the engine threads; the pause must.
     *
     * @throws IllegalStateException if rows are in flight inside the engine
     */
    public synchronized StateSnapshot snapshotState() {
        StateSnapshot.Builder builder = StateSnapshot.builder();
        snapshotState(builder);
        return builder.build();
    }

    /** As {@link #snapshotState()}, handing each owner's entries to {@code sink} (a state backend) as they are taken. */
    public synchronized void snapshotState(StateSink sink) {
        DatabaseState.snapshot(this, sink);
    }

    /**
     * What {@link #restoreState} would do with {@code snapshot}, without doing it: which owners it would restore, which
     * changed since the snapshot (their definition, or how this release keeps their state), which are gone and which
     * are new. The checkpoint coordinator applies its {@code Incompatible} policy to the changed and orphaned ones.
     */
    public synchronized RestoreReport checkState(StateSnapshot snapshot) {
        return DatabaseState.restore(this, snapshot, name -> false, false);
    }

    /**
     * Restores the state of every source, table, stream and view of {@code snapshot} that exists with the same
     * definition (matched by name, ignoring case), except those {@code reset} accepts, which start empty. Owners in the
     * catalog without state in the snapshot start empty; state of owners that no longer exist is not restored and is
     * returned in the report, for the coordinator to drop or keep.
     *
     * <p>Call once, after the application has declared its objects (the same {@code CREATE} statements) and before
     * {@link #start()}, before anything is pushed into a source or written to a table, and with no engine thread
     * running. A keyed operator's groups go to the partitions that own their keys under the current number of engine
     * threads, whatever number the snapshot was taken with.
     *
     * @param reset the owners (by name as declared) whose state is not to be restored
     * @throws IncompatibleStateException if an owner's definition changed and {@code reset} does not accept it;
     *     nothing is restored then
     * @throws io.laminardb.engine.state.StateFormatException if an entry cannot be read
     */
    public synchronized RestoreReport restoreState(StateSnapshot snapshot, Predicate<String> reset) {
        checkOpen();
        return DatabaseState.restore(this, snapshot, reset, true);
    }

    /**
     * Runs every engine task on the calling thread until none has work left: what the engine threads would do, done
     * deterministically, for tests that feed a database step by step without starting it. Not for applications.
     *
     * @throws IllegalStateException once the database has started
     */
    public synchronized void processInline() {
        if (state != PipelineState.CREATED) {
            throw new IllegalStateException("The engine threads run the tasks once the database has started");
        }
        engine.drainInline(task -> true);
    }

    // ---- introspection ----------------------------------------------------------------------------------------------

    public synchronized PipelineMetrics metrics() {
        long ingested = retiredIngested;
        for (SourceRuntime source : sources.values()) {
            ingested += source.consumed();
        }
        long emitted = retiredEmitted.sum();
        for (SubscriptionImpl<?> subscription : subscriptions) {
            emitted += subscription.delivered();
        }
        Duration uptime = startedNanos == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - startedNanos);
        return new PipelineMetrics(
                state,
                ingested,
                emitted,
                sources.size(),
                subscriptions.size(),
                engine.cores(),
                uptime,
                Optional.ofNullable(failure),
                queries.size()
                        + (int) queries.values().stream()
                                .filter(q -> q.lateStream().isPresent())
                                .count(),
                queries.values().stream().mapToLong(q -> q.lateRows().count()).sum() + retiredLate);
    }

    /** The durability counters; empty in memory. */
    public Optional<io.laminardb.engine.DurabilityMetrics> durabilityMetrics() {
        return durability == null ? Optional.empty() : Optional.of(durability.metrics(checkpointer));
    }

    public synchronized Topology topology() {
        List<Topology.Node> nodes = new ArrayList<>();
        List<Topology.Edge> edges = new ArrayList<>();
        for (SourceRuntime source : sources.values()) {
            nodes.add(new Topology.Node(Topology.NodeType.SOURCE, source.name()));
        }
        for (TableRuntime table : tables.values()) {
            nodes.add(new Topology.Node(Topology.NodeType.TABLE, table.name()));
        }
        for (ContinuousQuery query : queries.values()) {
            nodes.add(new Topology.Node(
                    query.kind() == SqlObjectKind.STREAM
                            ? Topology.NodeType.STREAM
                            : Topology.NodeType.MATERIALIZED_VIEW,
                    query.name()));
            for (String input : query.inputs()) {
                edges.add(new Topology.Edge(publisher(input).name(), query.name()));
            }
            query.lateStream().ifPresent(late -> {
                nodes.add(new Topology.Node(Topology.NodeType.STREAM, late.name()));
                edges.add(new Topology.Edge(query.name(), late.name()));
            });
        }
        for (SinkEntry entry : connectorSinks.values()) {
            CatalogSink sink = entry.sink().definition();
            nodes.add(new Topology.Node(Topology.NodeType.SINK, sink.name()));
            edges.add(new Topology.Edge(entry.binding().stream(), sink.name()));
        }
        return new Topology(nodes, edges);
    }
}
