package io.laminardb.engine;

import io.laminardb.engine.record.RecordType;
import io.laminardb.engine.record.RecordTypes;
import io.laminardb.engine.runtime.DatabaseRuntime;
import io.laminardb.engine.source.EventPublisher;
import io.laminardb.engine.source.SourceRuntime;
import io.laminardb.engine.source.TypedSourceHandle;
import io.laminardb.engine.source.UntypedSourceHandle;
import io.laminardb.engine.sql.OneShotQuery;
import io.laminardb.engine.sql.StatementExecutor;
import io.laminardb.engine.sql.parser.SqlObjectKind;
import io.laminardb.engine.stream.WatermarkReport;
import io.laminardb.engine.subscription.Converters;
import io.laminardb.engine.subscription.SubscriptionImpl;
import io.laminardb.engine.table.TableRuntime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An embedded streaming SQL database.
 *
 * <pre>{@code
 * try (LaminarDB db = LaminarDB.inMemory()) {
 *     db.execute("CREATE SOURCE trades (symbol VARCHAR, price DOUBLE NOT NULL, qty BIGINT NOT NULL, ts TIMESTAMP(3),"
 *             + " WATERMARK FOR ts AS ts - INTERVAL '100' MILLISECOND)");
 *     db.start();
 *     Source<Trade> trades = db.source("trades", Trade.class);
 *     Subscription<Trade> out = db.subscribe("trades", Trade.class);
 *     trades.push(new Trade("AAPL", 190.1, 100, Instant.now()));
 *     Trade t = out.poll(Duration.ofSeconds(1));
 * }
 * }</pre>
 *
 * <p>Objects can be declared, and sources pushed into and subscribed to, before {@link #start()}: pushes wait in the
 * source's buffer (and meet its backpressure policy) until the engine threads start. Every method is thread-safe.
 * Names of sources and other objects are matched ignoring case.
 */
public final class LaminarDB implements AutoCloseable {

    private final DatabaseRuntime runtime;
    private final StatementExecutor executor;
    private final OneShotQuery oneShot;

    private LaminarDB(LaminarConfig config) {
        this.runtime = new DatabaseRuntime(config);
        this.executor = new StatementExecutor(runtime);
        this.oneShot = new OneShotQuery(runtime);
    }

    /** Opens a database with {@code config}. Nothing runs until {@link #start()}. */
    public static LaminarDB open(LaminarConfig config) {
        return new LaminarDB(Objects.requireNonNull(config, "config"));
    }

    /** Opens an in-memory database with every default. */
    public static LaminarDB inMemory() {
        return open(LaminarConfig.defaults());
    }

    // ---- SQL --------------------------------------------------------------------------------------------------------

    /**
     * Runs one statement, or a script of statements separated by {@code ;} (as a {@code schema.sql} holds them), and
     * returns the result of the last. See docs/sql.md for the statements.
     *
     * @throws SqlSyntaxException with the line, column and what was expected, for a statement that does not parse
     * @throws SqlValidationException for a statement that parses but cannot run
     */
    public ExecuteResult execute(String sql) {
        return executor.execute(sql);
    }

    /**
     * Runs a SELECT once over the current rows of materialized views and tables and returns them, e.g. {@code
     * db.query("SELECT symbol, total FROM totals WHERE total > 100 ORDER BY total DESC")}; joins between them are
     * allowed. Sources and streams keep no rows and cannot be queried this way; subscribe to them instead.
     *
     * @throws SqlSyntaxException with the line, column and what was expected
     * @throws SqlValidationException for a query that names a source or stream, or does not validate
     */
    public QueryResult query(String sql) {
        return oneShot.run(sql);
    }

    // ---- sources ----------------------------------------------------------------------------------------------------

    /**
     * A handle for pushing {@code type} records into source {@code name}.
     *
     * @throws SourceNotFoundException if there is no such source
     * @throws SchemaMismatchException if the record's columns differ from the source's (each difference named)
     * @throws IllegalArgumentException if {@code type} is not a processed {@code @Record} type
     * @throws LaminarException if a connector reads the source
     */
    public <T> Source<T> source(String name, Class<T> type) {
        RecordType<T> recordType = RecordTypes.of(type);
        return new TypedSourceHandle<>(runtime.pushTarget(name), recordType);
    }

    /** A handle for pushing untyped rows into source {@code name}; refused when a connector reads it. */
    public UntypedSource source(String name) {
        return new UntypedSourceHandle(runtime.pushTarget(name));
    }

    /** What the catalog knows of every source, in creation order. */
    public List<SourceInfo> sources() {
        return runtime.sources().stream().map(s -> s.definition().info()).toList();
    }

    /** The sinks written by connectors, in the order they were created; secrets in their options are masked. */
    public List<SinkInfo> sinks() {
        return runtime.connectorSinks().stream().map(s -> s.definition().info()).toList();
    }

    /**
     * Each connector's counters (records, errors, dead letters, retries, the last error) and health, sources, sinks and
     * connector-backed tables alike, by source, sink or table name.
     */
    public Map<String, ConnectorStatus> connectors() {
        Map<String, ConnectorStatus> result = new java.util.LinkedHashMap<>();
        for (io.laminardb.engine.source.ConnectorSource source : runtime.connectorSources()) {
            result.put(
                    source.spec().name(),
                    new ConnectorStatus(
                            source.spec().name(),
                            ConnectorStatus.Kind.SOURCE,
                            source.metrics().connector(),
                            source.health(),
                            source.metrics()));
        }
        for (io.laminardb.engine.sink.ConnectorSink sink : runtime.connectorSinks()) {
            result.put(
                    sink.definition().name(),
                    new ConnectorStatus(
                            sink.definition().name(),
                            ConnectorStatus.Kind.SINK,
                            sink.metrics().connector(),
                            sink.health(),
                            sink.metrics()));
        }
        for (TableRuntime table : runtime.tables()) {
            table.external()
                    .ifPresent(lookup -> result.put(
                            table.name(),
                            new ConnectorStatus(
                                    table.name(),
                                    ConnectorStatus.Kind.TABLE,
                                    lookup.metrics().connector(),
                                    lookup.health(),
                                    lookup.metrics())));
        }
        return result;
    }

    /** What the catalog knows of every stream, in creation order. */
    public List<StreamInfo> streams() {
        return streamInfos(SqlObjectKind.STREAM);
    }

    /** What the catalog knows of every materialized view, in creation order. */
    public List<StreamInfo> materializedViews() {
        return streamInfos(SqlObjectKind.MATERIALIZED_VIEW);
    }

    /** What the catalog knows of every table ({@code CREATE TABLE}), in creation order, with its current size. */
    public List<TableInfo> tables() {
        return runtime.tables().stream().map(TableRuntime::info).toList();
    }

    private List<StreamInfo> streamInfos(SqlObjectKind kind) {
        return runtime.queries().stream()
                .filter(q -> q.kind() == kind)
                .map(q -> new StreamInfo(
                        q.name(),
                        q.output().schema(),
                        q.input(),
                        q.emit().sql(),
                        q.output().isChangelog(),
                        q.output().emitted(),
                        q.output().size(),
                        q.sql(),
                        q.stateRows()))
                .toList();
    }

    // ---- subscriptions ----------------------------------------------------------------------------------------------

    /**
     * Subscribes to the rows of source, stream or view {@code name} as {@code type} records, matched to its columns by
     * name (columns the record does not have are left out); {@code Row.class} subscribes to untyped rows. Of a stream
     * that updates its rows, a plain subscription gets each new row (inserts and the new side of updates); use {@link
     * #subscribeChanges} for the retractions too.
     *
     * @throws SchemaMismatchException if a field of {@code type} is missing from the stream or has another type
     * @throws SourceNotFoundException if there is no such source, stream or view
     */
    public <T> Subscription<T> subscribe(String name, Class<T> type) {
        return subscribe(name, type, runtime.config().subscriptionDefaults());
    }

    /** As {@link #subscribe(String, Class)}, with its own buffering and backpressure. */
    @SuppressWarnings("unchecked")
    public <T> Subscription<T> subscribe(String name, Class<T> type, SubscriptionConfig config) {
        if (type == Row.class) {
            return (Subscription<T>) subscribe(name, config);
        }
        RecordType<T> recordType = RecordTypes.of(type);
        EventPublisher publisher = runtime.publisher(name);
        return runtime.subscribe(
                name,
                config,
                Converters.records(recordType, publisher.schema(), publisher.name()),
                Converters.recordBatches(recordType),
                Converters.recordReader(recordType, publisher.schema()),
                false);
    }

    /** Subscribes to untyped rows of source, stream or view {@code name}. */
    public Subscription<Row> subscribe(String name) {
        return subscribe(name, runtime.config().subscriptionDefaults());
    }

    /** As {@link #subscribe(String)}, with its own buffering and backpressure. */
    public Subscription<Row> subscribe(String name, SubscriptionConfig config) {
        EventPublisher publisher = runtime.publisher(name);
        return runtime.subscribe(
                name,
                config,
                Converters.rows(publisher.layout()),
                Converters.rowBatches(publisher.schema()),
                Converters.rowReader(publisher.layout()),
                false);
    }

    /**
     * Subscribes to the changes of {@code name}: for a source, every row as an {@code INSERT}; for a stream or view
     * with updates, retractions too ({@code UPDATE_BEFORE} and {@code DELETE}). {@code Row.class} gives untyped rows.
     */
    public <T> Subscription<ChangeEvent<T>> subscribeChanges(String name, Class<T> type) {
        EventPublisher publisher = runtime.publisher(name);
        SubscriptionConfig config = runtime.config().subscriptionDefaults();
        if (type == Row.class) {
            @SuppressWarnings("unchecked")
            SubscriptionImpl.Converter<T> rows =
                    (SubscriptionImpl.Converter<T>) (SubscriptionImpl.Converter<?>) Converters.rows(publisher.layout());
            @SuppressWarnings("unchecked")
            SubscriptionImpl.BatchWriter<T> batches = (SubscriptionImpl.BatchWriter<T>)
                    (SubscriptionImpl.BatchWriter<?>) Converters.rowBatches(publisher.schema());
            return runtime.subscribe(
                    name,
                    config,
                    Converters.changes(rows),
                    Converters.changeBatches(publisher.schema(), batches),
                    true);
        }
        RecordType<T> recordType = RecordTypes.of(type);
        return runtime.subscribe(
                name,
                config,
                Converters.changes(Converters.records(recordType, publisher.schema(), publisher.name())),
                Converters.changeBatches(recordType.schema(), Converters.recordBatches(recordType)),
                true);
    }

    // ---- introspection ----------------------------------------------------------------------------------------------

    /** The objects and how data flows between them. */
    public Topology topology() {
        return runtime.topology();
    }

    /** The counters of source {@code name}, if it exists. */
    public Optional<SourceMetrics> sourceMetrics(String name) {
        return runtime.findSource(name).map(SourceRuntime::metrics);
    }

    /**
     * Where event time stands: each source and producer, each stream and view, and each windowed operator with its
     * oldest open window and the input holding it back. The data of {@code SHOW WATERMARKS}.
     */
    public List<WatermarkStatus> watermarks() {
        return WatermarkReport.of(runtime);
    }

    /** The counters of every source. */
    public List<SourceMetrics> allSourceMetrics() {
        return runtime.sources().stream().map(SourceRuntime::metrics).toList();
    }

    /** The database's counters. */
    public PipelineMetrics metrics() {
        return runtime.metrics();
    }

    /**
     * Attaches a sink that receives the rows of stream {@code name} (or view, or source) exactly once across crashes,
     * committing with each checkpoint (see {@link TwoPhaseCommitSink}). Before {@link #start()}, on a database with a
     * data directory.
     *
     * @throws IllegalStateException without a data directory, or after {@code start()}
     * @throws SourceNotFoundException if nothing is called {@code name}
     */
    public void addSink(String name, TwoPhaseCommitSink sink) {
        runtime.addSink(name, sink);
    }

    /**
     * The write-ahead log's and the checkpoints' counters; empty for a database without a data directory.
     *
     * @see LaminarConfig.Builder#dataDir
     */
    public Optional<DurabilityMetrics> durabilityMetrics() {
        return runtime.durabilityMetrics();
    }

    // ---- life cycle -------------------------------------------------------------------------------------------------

    /** Starts the engine threads; events pushed so far begin to flow. Does nothing if already started. */
    public void start() {
        runtime.start();
    }

    /**
     * Stops gracefully: sources stop accepting pushes, every buffered event is handed on, subscriptions end (their
     * buffered rows can still be read), and the engine threads stop.
     */
    public void shutdown() {
        runtime.shutdown();
    }

    /** {@link #shutdown()}, then releases every resource. */
    @Override
    public void close() {
        runtime.close();
    }

    public PipelineState pipelineState() {
        return runtime.state();
    }

    /** The runtime behind this database: for the engine's own tests and the checkpoint coordinator, not for users. */
    DatabaseRuntime runtime() {
        return runtime;
    }
}
