package io.laminardb.engine.runtime;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.PipelineMetrics;
import io.laminardb.engine.PipelineState;
import io.laminardb.engine.SourceNotFoundException;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.SubscriptionConfig;
import io.laminardb.engine.Topology;
import io.laminardb.engine.catalog.CatalogSource;
import io.laminardb.engine.source.SourceRuntime;
import io.laminardb.engine.subscription.SubscriptionImpl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
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
    private final Set<SubscriptionImpl<?>> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile PipelineState state = PipelineState.CREATED;
    private volatile String failure;
    private volatile long startedNanos;
    private long retiredIngested;
    /** Rows delivered by subscriptions that have been closed; added to from whichever thread closes one. */
    private final LongAdder retiredEmitted = new LongAdder();

    public DatabaseRuntime(LaminarConfig config) {
        this.config = config;
        this.engine = new Engine(config.cores(), config.cpuAffinity(), this::fail);
    }

    public LaminarConfig config() {
        return config;
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
            retire(existing);
        }
        SourceRuntime runtime = new SourceRuntime(definition);
        sources.put(key, runtime);
        engine.assign(runtime);
        return true;
    }

    /** @return whether a source was dropped */
    public synchronized boolean dropSource(String name, boolean ifExists) {
        SourceRuntime runtime = sources.get(key(name));
        if (runtime == null) {
            if (ifExists) {
                return false;
            }
            throw notFound(name);
        }
        retire(runtime);
        return true;
    }

    /** Closes a source to pushes and removes it from the catalog; its buffered events still reach its subscribers. */
    private void retire(SourceRuntime runtime) {
        sources.remove(key(runtime.name()));
        runtime.close();
        if (state == PipelineState.CREATED || state == PipelineState.STOPPED) {
            // No engine thread will drain it: its subscribers end now.
            runtime.process(Integer.MAX_VALUE);
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
        return "options were " + old.options() + ", now " + now.options();
    }

    // ---- subscriptions ----------------------------------------------------------------------------------------------

    /** Subscribes to source {@code name} with the given conversion. */
    public synchronized <T> SubscriptionImpl<T> subscribe(
            String name,
            SubscriptionConfig subscriptionConfig,
            SubscriptionImpl.Converter<T> converter,
            SubscriptionImpl.BatchWriter<T> batchWriter) {
        checkOpen();
        SourceRuntime runtime = source(name);
        SubscriptionImpl<T> subscription =
                new SubscriptionImpl<>(runtime.name(), subscriptionConfig, converter, batchWriter, allocator, s -> {
                    runtime.removeSubscriber(s);
                    subscriptions.remove(s);
                    retiredEmitted.add(s.delivered());
                });
        subscriptions.add(subscription);
        runtime.addSubscriber(subscription);
        return subscription;
    }

    // ---- life cycle -------------------------------------------------------------------------------------------------

    public synchronized void start() {
        checkOpen();
        if (state != PipelineState.CREATED) {
            return;
        }
        state = PipelineState.STARTING;
        engine.start();
        startedNanos = System.nanoTime();
        state = PipelineState.RUNNING;
    }

    /** Stops accepting pushes, hands every buffered event on, ends the subscriptions and stops the threads. */
    public void shutdown() {
        List<SourceRuntime> open;
        synchronized (this) {
            if (state == PipelineState.STOPPED || state == PipelineState.STOPPING) {
                return;
            }
            boolean started = state != PipelineState.CREATED;
            state = PipelineState.STOPPING;
            open = List.copyOf(sources.values());
            open.forEach(SourceRuntime::close);
            if (!started) {
                open.forEach(s -> s.process(Integer.MAX_VALUE));
            }
        }
        engine.stop(true, STOP_TIMEOUT_MILLIS);
        state = failure == null ? PipelineState.STOPPED : PipelineState.FAILED;
    }

    /** {@link #shutdown()}, then closes subscriptions and frees memory. */
    public void close() {
        shutdown();
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
        subscriptions.forEach(SubscriptionImpl::complete);
    }

    private void checkOpen() {
        PipelineState s = state;
        if (s == PipelineState.STOPPING || s == PipelineState.STOPPED || s == PipelineState.FAILED) {
            throw new IllegalStateException("The database is " + s.name().toLowerCase(Locale.ROOT)
                    + (failure == null ? "" : " (" + failure + ")") + "; open a new one.");
        }
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
                Optional.ofNullable(failure));
    }

    public synchronized Topology topology() {
        List<Topology.Node> nodes = new ArrayList<>();
        for (SourceRuntime source : sources.values()) {
            nodes.add(new Topology.Node(Topology.NodeType.SOURCE, source.name()));
        }
        return new Topology(nodes, List.of());
    }
}
