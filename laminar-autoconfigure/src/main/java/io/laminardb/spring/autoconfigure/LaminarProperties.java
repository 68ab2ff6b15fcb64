package io.laminardb.spring.autoconfigure;

import io.laminardb.engine.Backpressure;
import io.laminardb.engine.Incompatible;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.SourceConfig;
import io.laminardb.engine.StateBackend;
import io.laminardb.engine.SubscriptionConfig;
import io.laminardb.engine.WaitStrategy;
import io.laminardb.engine.WalMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the embedded LaminarDB database, under {@code laminar.*} in {@code application.yml}.
 *
 * <pre>{@code
 * laminar:
 *   cores: 2
 *   schema-locations: classpath:schema.sql
 *   data-dir: /var/lib/myapp/laminar
 *   wal:
 *     mode: sync
 *   checkpoint:
 *     interval: 5s
 *   source-defaults:
 *     buffer-size: 65536
 *   sources:
 *     trades:
 *       backpressure: drop-oldest
 *   sink-defaults:
 *     error-policy: dead-letter
 * }</pre>
 */
@ConfigurationProperties("laminar")
public class LaminarProperties {

    /** Engine threads; unset for one per available processor. */
    private Integer cores;

    /** Whether to pin each engine thread to a CPU of its own (Linux, with net.openhft:affinity on the class path). */
    private boolean cpuAffinity = false;

    /**
     * Locations of the SQL scripts run, in order, when the database is created and before the pipeline starts.
     * Prefix a location with "optional:" to allow it to be missing.
     */
    private List<String> schemaLocations = new ArrayList<>(List.of("optional:classpath:schema.sql"));

    /**
     * Where the write-ahead log, checkpoints and catalog live. Unset: the database is in memory and nothing survives a
     * restart.
     */
    private Path dataDir;

    /** The write-ahead log of a database with a data directory. */
    private final Wal wal = new Wal();

    /** Checkpoints of a database with a data directory. */
    private final Checkpoint checkpoint = new Checkpoint();

    /** How long shutdown waits for the sink methods to finish the rows left when the pipeline has drained. */
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    /** Buffering and backpressure of sources whose DDL and "laminar.sources" entry leave them unset. */
    private final SourceDefaults sourceDefaults = new SourceDefaults();

    /** Buffering and backpressure per source, by source name; unset keys fall back to "laminar.source-defaults". */
    private final Map<String, SourceSettings> sources = new LinkedHashMap<>();

    /** Buffering and error handling of @LaminarSink methods whose "laminar.sinks" entry leaves them unset. */
    private final SinkDefaults sinkDefaults = new SinkDefaults();

    /**
     * Buffering and error handling per @LaminarSink, by the name of the stream, view or source it receives from;
     * unset keys fall back to "laminar.sink-defaults".
     */
    private final Map<String, SinkSettings> sinks = new LinkedHashMap<>();

    public Path getDataDir() {
        return dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Wal getWal() {
        return wal;
    }

    public Checkpoint getCheckpoint() {
        return checkpoint;
    }

    /** Applies the durability settings to {@code builder}; they count only when a data directory is set. */
    void applyDurability(LaminarConfig.Builder builder) {
        builder.dataDir(dataDir)
                .walMode(wal.mode)
                .walFlushInterval(wal.flushInterval)
                .walSegmentSize(wal.segmentSize.toBytes())
                .walTruncateOnCorruption(wal.truncateOnCorruption)
                .checkpointInterval(checkpoint.interval)
                .checkpointRetained(checkpoint.retained)
                .stateBackend(checkpoint.stateBackend)
                .onIncompatible(checkpoint.onIncompatible);
    }

    /** The write-ahead log: {@code laminar.wal.*}. */
    public static class Wal {

        /**
         * When a pushed event is on disk: "none" (not logged; lost in a crash unless checkpointed), "async" (logged at
         * push, forced to disk every flush-interval) or "sync" (a push returns once its event is forced to disk).
         */
        private WalMode mode = WalMode.ASYNC;

        /** How often "async" forces the log to disk. */
        private Duration flushInterval = Duration.ofMillis(10);

        /** The size of a log segment file. */
        private DataSize segmentSize = DataSize.ofMegabytes(64);

        /**
         * Whether to open a log that holds a damaged record by cutting it there, losing what follows (logged at
         * ERROR), instead of refusing to start. A torn last record, left by a crash mid-write, is always cut.
         */
        private boolean truncateOnCorruption = false;

        public boolean isTruncateOnCorruption() {
            return truncateOnCorruption;
        }

        public void setTruncateOnCorruption(boolean truncateOnCorruption) {
            this.truncateOnCorruption = truncateOnCorruption;
        }

        public WalMode getMode() {
            return mode;
        }

        public void setMode(WalMode mode) {
            this.mode = mode;
        }

        public Duration getFlushInterval() {
            return flushInterval;
        }

        public void setFlushInterval(Duration flushInterval) {
            this.flushInterval = flushInterval;
        }

        public DataSize getSegmentSize() {
            return segmentSize;
        }

        public void setSegmentSize(DataSize segmentSize) {
            this.segmentSize = segmentSize;
        }
    }

    /** Checkpoints: {@code laminar.checkpoint.*}. */
    public static class Checkpoint {

        /** How often operator state, source positions and view contents are checkpointed. */
        private Duration interval = Duration.ofSeconds(10);

        /** How many of the newest checkpoints are kept. */
        private int retained = 3;

        /** Where checkpoints keep operator state: "memory" (small state) or "rocksdb" (incremental). */
        private StateBackend stateBackend = StateBackend.ROCKSDB;

        /**
         * What recovery does when a checkpoint holds state of a query whose definition changed or is gone: "fail"
         * (refuse to start, naming the query) or "reset" (that query starts empty).
         */
        private Incompatible onIncompatible = Incompatible.FAIL;

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public int getRetained() {
            return retained;
        }

        public void setRetained(int retained) {
            this.retained = retained;
        }

        public StateBackend getStateBackend() {
            return stateBackend;
        }

        public void setStateBackend(StateBackend stateBackend) {
            this.stateBackend = stateBackend;
        }

        public Incompatible getOnIncompatible() {
            return onIncompatible;
        }

        public void setOnIncompatible(Incompatible onIncompatible) {
            this.onIncompatible = onIncompatible;
        }
    }

    public Integer getCores() {
        return cores;
    }

    public void setCores(Integer cores) {
        this.cores = cores;
    }

    public boolean isCpuAffinity() {
        return cpuAffinity;
    }

    public void setCpuAffinity(boolean cpuAffinity) {
        this.cpuAffinity = cpuAffinity;
    }

    public List<String> getSchemaLocations() {
        return schemaLocations;
    }

    public void setSchemaLocations(List<String> schemaLocations) {
        this.schemaLocations = schemaLocations;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public SourceDefaults getSourceDefaults() {
        return sourceDefaults;
    }

    public Map<String, SourceSettings> getSources() {
        return sources;
    }

    public SinkDefaults getSinkDefaults() {
        return sinkDefaults;
    }

    public Map<String, SinkSettings> getSinks() {
        return sinks;
    }

    /** The engine's configuration of source {@code name}: its entry over the defaults. */
    SourceConfig sourceConfig(SourceSettings settings) {
        SourceConfig defaults = sourceDefaults.toConfig();
        return new SourceConfig(
                settings.getBufferSize() != null ? settings.getBufferSize() : defaults.bufferSize(),
                settings.getBackpressure() != null ? settings.getBackpressure() : defaults.backpressure(),
                settings.getWaitStrategy() != null ? settings.getWaitStrategy() : defaults.waitStrategy());
    }

    /** The settings of the sink on {@code stream}: its entry (matched ignoring case) over the defaults. */
    public ResolvedSink sink(String stream) {
        SinkSettings own = sinks.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(stream))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseGet(SinkSettings::new);
        return new ResolvedSink(
                own.getBufferSize() != null ? own.getBufferSize() : sinkDefaults.getBufferSize(),
                own.getMaxBatchSize() != null ? own.getMaxBatchSize() : sinkDefaults.getMaxBatchSize(),
                own.getErrorPolicy() != null ? own.getErrorPolicy() : sinkDefaults.getErrorPolicy());
    }

    /** A sink's settings with the defaults filled in. */
    public record ResolvedSink(int bufferSize, int maxBatchSize, SinkErrorPolicy errorPolicy) {

        /** The subscription a sink reads: it blocks the stream when full, so a slow method slows the stream down. */
        public SubscriptionConfig subscription() {
            return new SubscriptionConfig(bufferSize, Backpressure.BLOCK);
        }
    }

    /** Source settings that apply where nothing more specific is set. */
    public static class SourceDefaults {

        /** Slots in a source's ring buffer, a power of two from 4 to 2^30. */
        private int bufferSize = 65_536; // a literal, so that the configuration metadata shows it

        /** What a push does when the buffer is full: block, drop-oldest or reject. */
        private Backpressure backpressure = Backpressure.BLOCK;

        /** How a push blocked by a full buffer waits: spin, spin-yield or park. */
        private WaitStrategy waitStrategy = WaitStrategy.SPIN_YIELD;

        public int getBufferSize() {
            return bufferSize;
        }

        public void setBufferSize(int bufferSize) {
            this.bufferSize = bufferSize;
        }

        public Backpressure getBackpressure() {
            return backpressure;
        }

        public void setBackpressure(Backpressure backpressure) {
            this.backpressure = backpressure;
        }

        public WaitStrategy getWaitStrategy() {
            return waitStrategy;
        }

        public void setWaitStrategy(WaitStrategy waitStrategy) {
            this.waitStrategy = waitStrategy;
        }

        SourceConfig toConfig() {
            return new SourceConfig(bufferSize, backpressure, waitStrategy);
        }
    }

    /** One source's settings; each unset key takes its value from "laminar.source-defaults". */
    public static class SourceSettings {

        /** Slots in the source's ring buffer, a power of two from 4 to 2^30. */
        private Integer bufferSize;

        /** What a push does when the buffer is full: block, drop-oldest or reject. */
        private Backpressure backpressure;

        /** How a push blocked by a full buffer waits: spin, spin-yield or park. */
        private WaitStrategy waitStrategy;

        public Integer getBufferSize() {
            return bufferSize;
        }

        public void setBufferSize(Integer bufferSize) {
            this.bufferSize = bufferSize;
        }

        public Backpressure getBackpressure() {
            return backpressure;
        }

        public void setBackpressure(Backpressure backpressure) {
            this.backpressure = backpressure;
        }

        public WaitStrategy getWaitStrategy() {
            return waitStrategy;
        }

        public void setWaitStrategy(WaitStrategy waitStrategy) {
            this.waitStrategy = waitStrategy;
        }
    }

    /** Sink settings that apply where nothing more specific is set. */
    public static class SinkDefaults {

        /** Rows buffered between the stream and a sink method, a power of two from 4 to 2^30. */
        private int bufferSize = 8_192; // a literal, so that the configuration metadata shows it

        /** Most rows handed to one call of a method that takes a List. */
        private int maxBatchSize = 1_024;

        /** What happens when a sink method throws: log, stop or dead-letter. */
        private SinkErrorPolicy errorPolicy = SinkErrorPolicy.LOG;

        public int getBufferSize() {
            return bufferSize;
        }

        public void setBufferSize(int bufferSize) {
            this.bufferSize = bufferSize;
        }

        public int getMaxBatchSize() {
            return maxBatchSize;
        }

        public void setMaxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
        }

        public SinkErrorPolicy getErrorPolicy() {
            return errorPolicy;
        }

        public void setErrorPolicy(SinkErrorPolicy errorPolicy) {
            this.errorPolicy = errorPolicy;
        }
    }

    /** One sink's settings; each unset key takes its value from "laminar.sink-defaults". */
    public static class SinkSettings {

        /** Rows buffered between the stream and the sink method, a power of two from 4 to 2^30. */
        private Integer bufferSize;

        /** Most rows handed to one call of a method that takes a List. */
        private Integer maxBatchSize;

        /** What happens when the sink method throws: log, stop or dead-letter. */
        private SinkErrorPolicy errorPolicy;

        public Integer getBufferSize() {
            return bufferSize;
        }

        public void setBufferSize(Integer bufferSize) {
            this.bufferSize = bufferSize;
        }

        public Integer getMaxBatchSize() {
            return maxBatchSize;
        }

        public void setMaxBatchSize(Integer maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
        }

        public SinkErrorPolicy getErrorPolicy() {
            return errorPolicy;
        }

        public void setErrorPolicy(SinkErrorPolicy errorPolicy) {
            this.errorPolicy = errorPolicy;
        }
    }
}
