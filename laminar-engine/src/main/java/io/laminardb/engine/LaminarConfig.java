package io.laminardb.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a database runs: engine threads, CPU pinning, and the defaults for sources and subscriptions.
 *
 * <pre>{@code
 * LaminarConfig config = LaminarConfig.builder().cores(2).cpuAffinity(true).build();
 * }</pre>
 *
 * <p>Without a {@linkplain Builder#dataDir data directory} the database lives in memory and nothing survives a
 * restart; with one, pushed events go to a write-ahead log ({@link #walMode()}), state is checkpointed every {@link
 * #checkpointInterval()}, and opening the directory again recovers both.
 *
 * <pre>{@code
 * LaminarConfig durable = LaminarConfig.builder()
 *         .dataDir(Path.of("data"))
 *         .walMode(WalMode.SYNC)
 *         .checkpointInterval(Duration.ofSeconds(5))
 *         .build();
 * }</pre>
 */
public final class LaminarConfig {

    private final int cores;
    private final boolean cpuAffinity;
    private final SourceConfig sourceDefaults;
    private final SubscriptionConfig subscriptionDefaults;
    private final Map<String, SourceConfig> sourceConfigs;
    private final Path dataDir;
    private final WalMode walMode;
    private final Duration walFlushInterval;
    private final long walSegmentSize;
    private final Duration checkpointInterval;
    private final int checkpointRetained;
    private final StateBackend stateBackend;
    private final Incompatible onIncompatible;
    private final boolean walTruncateOnCorruption;
    private final Map<String, Map<String, String>> connectorDefaults;

    private LaminarConfig(Builder builder) {
        this.walTruncateOnCorruption = builder.walTruncateOnCorruption;
        this.dataDir = builder.dataDir;
        this.walMode = builder.walMode;
        this.walFlushInterval = builder.walFlushInterval;
        this.walSegmentSize = builder.walSegmentSize;
        this.checkpointInterval = builder.checkpointInterval;
        this.checkpointRetained = builder.checkpointRetained;
        this.stateBackend = builder.stateBackend;
        this.onIncompatible = builder.onIncompatible;
        this.sourceConfigs = Map.copyOf(builder.sourceConfigs);
        Map<String, Map<String, String>> defaults = new HashMap<>();
        builder.connectorDefaults.forEach((k, v) -> defaults.put(k, Map.copyOf(v)));
        this.connectorDefaults = Map.copyOf(defaults);
        this.cores = builder.cores;
        this.cpuAffinity = builder.cpuAffinity;
        this.sourceDefaults = builder.sourceDefaults;
        this.subscriptionDefaults = builder.subscriptionDefaults;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every default: one engine thread per available processor, no pinning. */
    public static LaminarConfig defaults() {
        return builder().build();
    }

    /** Engine threads. */
    public int cores() {
        return cores;
    }

    /** Whether each engine thread is pinned to a CPU of its own. */
    public boolean cpuAffinity() {
        return cpuAffinity;
    }

    /** Buffering and backpressure of sources that do not set their own in {@code WITH (...)}. */
    public SourceConfig sourceDefaults() {
        return sourceDefaults;
    }

    /**
     * Buffering and backpressure of source {@code name} where its {@code WITH (...)} options leave them unset: the
     * source's own configuration if one was given, otherwise {@link #sourceDefaults()}. Names match ignoring case.
     */
    public SourceConfig sourceConfig(String name) {
        return sourceConfigs.getOrDefault(name.toLowerCase(Locale.ROOT), sourceDefaults);
    }

    /** The sources given a configuration of their own, by lower-case name. */
    /**
     * Options every source and sink of connector {@code connector} gets unless its statement gives them (say the Kafka
     * bootstrap servers an application's {@code spring.kafka.*} properties name); only those the connector declares.
     */
    public Map<String, String> connectorDefaults(String connector) {
        return connectorDefaults.getOrDefault(connector.toLowerCase(Locale.ROOT), Map.of());
    }

    public Map<String, SourceConfig> sourceConfigs() {
        return sourceConfigs;
    }

    /** Buffering and backpressure of subscriptions made without a {@link SubscriptionConfig}. */
    public SubscriptionConfig subscriptionDefaults() {
        return subscriptionDefaults;
    }

    /** Where the write-ahead log, checkpoints and catalog live; empty for a database in memory. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    /** Whether the database keeps anything across a restart: it has a data directory. */
    public boolean isDurable() {
        return dataDir != null;
    }

    /** When pushed events reach the disk; {@link WalMode#NONE} for a database in memory. */
    public WalMode walMode() {
        return dataDir == null ? WalMode.NONE : walMode;
    }

    /** How often {@link WalMode#ASYNC} forces the log to disk. */
    public Duration walFlushInterval() {
        return walFlushInterval;
    }

    /** The size at which a log segment is closed and the next one begun, in bytes. */
    public long walSegmentSize() {
        return walSegmentSize;
    }

    /**
     * Whether opening a log that holds a damaged record (not a torn last one, which is always cut off) cuts the log
     * there, losing what follows, instead of refusing to open.
     */
    public boolean walTruncateOnCorruption() {
        return walTruncateOnCorruption;
    }

    /** How often state is checkpointed. */
    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /** How many of the newest checkpoints are kept. */
    public int checkpointRetained() {
        return checkpointRetained;
    }

    /** Where checkpoints keep operator state. */
    public StateBackend stateBackend() {
        return stateBackend;
    }

    /** What recovery does with the state of a query whose definition changed. */
    public Incompatible onIncompatible() {
        return onIncompatible;
    }

    /** Builds a {@link LaminarConfig}; every setting is optional. */
    public static final class Builder {
        private int cores = Runtime.getRuntime().availableProcessors();
        private boolean cpuAffinity;
        private SourceConfig sourceDefaults = SourceConfig.defaults();
        private SubscriptionConfig subscriptionDefaults = SubscriptionConfig.defaults();
        private final Map<String, SourceConfig> sourceConfigs = new HashMap<>();
        private final Map<String, Map<String, String>> connectorDefaults = new HashMap<>();
        private Path dataDir;
        private WalMode walMode = WalMode.ASYNC;
        private Duration walFlushInterval = Duration.ofMillis(10);
        private long walSegmentSize = 64L * 1024 * 1024;
        private Duration checkpointInterval = Duration.ofSeconds(10);
        private int checkpointRetained = 3;
        private StateBackend stateBackend = StateBackend.ROCKSDB;
        private Incompatible onIncompatible = Incompatible.FAIL;
        private boolean walTruncateOnCorruption;

        private Builder() {}

        /**
         * Whether to open a log with a damaged record by cutting it there (what follows is lost, and logged at ERROR)
         * instead of refusing to open; default false. A torn last record, left by a crash mid-write, is always cut.
         */
        public Builder walTruncateOnCorruption(boolean truncate) {
            this.walTruncateOnCorruption = truncate;
            return this;
        }

        /**
         * Where the write-ahead log, checkpoints and catalog live; created if missing. Null (the default) keeps the
         * database in memory: nothing survives a restart.
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** When pushed events reach the disk; default {@link WalMode#ASYNC}. Ignored without a data directory. */
        public Builder walMode(WalMode walMode) {
            this.walMode = Objects.requireNonNull(walMode, "walMode");
            return this;
        }

        /** How often {@link WalMode#ASYNC} forces the log to disk; default 10 ms. */
        public Builder walFlushInterval(Duration interval) {
            this.walFlushInterval = positive(interval, "walFlushInterval");
            return this;
        }

        /** The size of a log segment in bytes, at least 64 KiB; default 64 MiB. */
        public Builder walSegmentSize(long bytes) {
            if (bytes < 64 * 1024) {
                throw new IllegalArgumentException(
                        "walSegmentSize must be at least 65536 bytes (64 KiB), not " + bytes);
            }
            this.walSegmentSize = bytes;
            return this;
        }

        /** How often state is checkpointed; default 10 s. */
        public Builder checkpointInterval(Duration interval) {
            this.checkpointInterval = positive(interval, "checkpointInterval");
            return this;
        }

        /** How many of the newest checkpoints are kept, at least 1; default 3. */
        public Builder checkpointRetained(int retained) {
            if (retained < 1) {
                throw new IllegalArgumentException("checkpointRetained must be at least 1, not " + retained);
            }
            this.checkpointRetained = retained;
            return this;
        }

        /** Where checkpoints keep operator state; default {@link StateBackend#ROCKSDB}. */
        public Builder stateBackend(StateBackend stateBackend) {
            this.stateBackend = Objects.requireNonNull(stateBackend, "stateBackend");
            return this;
        }

        /** What recovery does with the state of a changed query; default {@link Incompatible#FAIL}. */
        public Builder onIncompatible(Incompatible onIncompatible) {
            this.onIncompatible = Objects.requireNonNull(onIncompatible, "onIncompatible");
            return this;
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, not " + value);
            }
            return value;
        }

        /** Engine threads, at least 1; default: the number of available processors. */
        public Builder cores(int cores) {
            if (cores < 1) {
                throw new IllegalArgumentException("cores must be at least 1, not " + cores);
            }
            this.cores = cores;
            return this;
        }

        /** Whether to pin each engine thread to a CPU (Linux, with net.openhft:affinity); default false. */
        public Builder cpuAffinity(boolean cpuAffinity) {
            this.cpuAffinity = cpuAffinity;
            return this;
        }

        public Builder sourceDefaults(SourceConfig sourceDefaults) {
            this.sourceDefaults = Objects.requireNonNull(sourceDefaults, "sourceDefaults");
            return this;
        }

        /**
         * Buffering and backpressure of source {@code name} (matched ignoring case) where its {@code WITH (...)}
         * options leave them unset, instead of the {@link #sourceDefaults defaults}. The options in the DDL still win.
         */
        public Builder sourceConfig(String name, SourceConfig config) {
            Objects.requireNonNull(name, "name");
            sourceConfigs.put(name.toLowerCase(Locale.ROOT), Objects.requireNonNull(config, "config"));
            return this;
        }

        /**
         * Default options for every source and sink of {@code connector}: a statement's own options win, and keys the
         * connector does not declare are left out (so defaults for a source never make a sink's options unknown).
         */
        public Builder connectorDefaults(String connector, Map<String, String> options) {
            Map<String, String> lower = new HashMap<>();
            options.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), Objects.requireNonNull(v, k)));
            connectorDefaults.merge(connector.toLowerCase(Locale.ROOT), lower, (a, b) -> {
                Map<String, String> both = new HashMap<>(a);
                both.putAll(b);
                return both;
            });
            return this;
        }

        public Builder subscriptionDefaults(SubscriptionConfig subscriptionDefaults) {
            this.subscriptionDefaults = Objects.requireNonNull(subscriptionDefaults, "subscriptionDefaults");
            return this;
        }

        public LaminarConfig build() {
            return new LaminarConfig(this);
        }
    }
}
