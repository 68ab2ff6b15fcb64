package io.laminardb.engine.catalog;

import io.laminardb.engine.Backpressure;
import io.laminardb.engine.SourceConfig;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.WaitStrategy;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns the {@code WITH (...)} options of a {@code CREATE SOURCE} without a connector into a {@link SourceConfig}. */
public final class SourceOptions {

    /** The options the engine reads itself, with or without a connector. */
    public static final Set<String> KNOWN =
            Set.of("buffer_size", "backpressure", "wait_strategy", "late_data", "allowed_lateness", "idle_timeout");

    /** Options of the design that need parts of the engine this release does not have yet. */
    private static final Map<String, String> NOT_YET = Map.of(
            "checkpoint_interval", "checkpoints",
            "wal_mode", "the write-ahead log");

    private SourceOptions() {}

    /**
     * @param options keys in lower case
     * @param defaults the database's defaults for options not given
     * @throws SqlValidationException naming an unknown key or a bad value
     */
    public static SourceConfig parse(String source, Map<String, String> options, SourceConfig defaults) {
        SourceConfig config = defaults;
        for (Map.Entry<String, String> option : options.entrySet()) {
            String key = option.getKey().toLowerCase(Locale.ROOT);
            String value = option.getValue();
            try {
                config = switch (key) {
                    case "buffer_size" -> config.withBufferSize(parseInt(value));
                    case "backpressure" -> config.withBackpressure(Backpressure.fromOption(value));
                    case "wait_strategy" -> config.withWaitStrategy(WaitStrategy.fromOption(value));
                    // Defaults for the windowed queries over this source; checked here, applied by the query.
                    case "late_data" -> {
                        LateDataOption.parse(value);
                        yield config;
                    }
                    case "idle_timeout" -> {
                        idleTimeoutMillis(options);
                        yield config;
                    }
                    case "allowed_lateness" -> {
                        Durations.parseMillis("allowed_lateness", value);
                        yield config;
                    }
                    case "channel" ->
                        throw new SqlValidationException("Source '" + source + "': option 'channel' is"
                                + " not needed: the channel type is derived automatically (single-producer until a"
                                + " second thread pushes, then multi-producer). Remove it.");
                    default -> throw unknown(source, key);
                };
            } catch (IllegalArgumentException e) {
                throw new SqlValidationException("Source '" + source + "': " + e.getMessage());
            }
        }
        return config;
    }

    /** The {@code idle_timeout} option in milliseconds, 0 when absent (producers never count as idle). */
    public static long idleTimeoutMillis(Map<String, String> options) {
        String value = options.get("idle_timeout");
        return value == null ? 0 : Durations.parseMillis("idle_timeout", value);
    }

    private static SqlValidationException unknown(String source, String key) {
        String feature = NOT_YET.get(key);
        if (feature != null) {
            return new SqlValidationException("Source '" + source + "': option '" + key + "' needs " + feature
                    + ", which this release does not have yet. Remove it.");
        }
        return new SqlValidationException("Source '" + source + "': unknown option '" + key + "'. Options of a source"
                + " without a connector: buffer_size, backpressure, wait_strategy, idle_timeout, late_data,"
                + " allowed_lateness. To read from an external system,"
                + " add connector = '...'.");
    }

    private static int parseInt(String value) {
        try {
            return Integer.parseInt(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("buffer_size must be a whole number, not '" + value + "'");
        }
    }
}
