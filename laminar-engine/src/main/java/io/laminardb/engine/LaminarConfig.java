package io.laminardb.engine;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a database runs: engine threads, CPU pinning, and the defaults for sources and subscriptions.
 *
 * <pre>{@code
 * LaminarConfig config = LaminarConfig.builder().cores(2).cpuAffinity(true).build();
 * }</pre>
 *
 * <p>Durability settings (data directory, write-ahead log, checkpoints) join this builder with the durability
 * release; until then every database is in memory.
 */
public final class LaminarConfig {

    private final int cores;
    private final boolean cpuAffinity;
    private final SourceConfig sourceDefaults;
    private final SubscriptionConfig subscriptionDefaults;
    private final Map<String, SourceConfig> sourceConfigs;

    private LaminarConfig(Builder builder) {
        this.sourceConfigs = Map.copyOf(builder.sourceConfigs);
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
    public Map<String, SourceConfig> sourceConfigs() {
        return sourceConfigs;
    }

    /** Buffering and backpressure of subscriptions made without a {@link SubscriptionConfig}. */
    public SubscriptionConfig subscriptionDefaults() {
        return subscriptionDefaults;
    }

    /** Builds a {@link LaminarConfig}; every setting is optional. */
    public static final class Builder {
        private int cores = Runtime.getRuntime().availableProcessors();
        private boolean cpuAffinity;
        private SourceConfig sourceDefaults = SourceConfig.defaults();
        private SubscriptionConfig subscriptionDefaults = SubscriptionConfig.defaults();
        private final Map<String, SourceConfig> sourceConfigs = new HashMap<>();

        private Builder() {}

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

        public Builder subscriptionDefaults(SubscriptionConfig subscriptionDefaults) {
            this.subscriptionDefaults = Objects.requireNonNull(subscriptionDefaults, "subscriptionDefaults");
            return this;
        }

        public LaminarConfig build() {
            return new LaminarConfig(this);
        }
    }
}
