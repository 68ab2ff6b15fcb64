package io.laminardb.engine.catalog;

import io.laminardb.engine.operator.LateDataPolicy;
import java.util.Locale;
import java.util.Map;

/** The {@code late_data} and {@code allowed_lateness} options of a source or a continuous query. */
public final class LateDataOption {

    private LateDataOption() {}

    /** @throws IllegalArgumentException listing the accepted values */
    public static LateDataPolicy.Action parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "drop" -> LateDataPolicy.Action.DROP;
            case "side_output" -> LateDataPolicy.Action.SIDE_OUTPUT;
            case "update" -> LateDataPolicy.Action.UPDATE;
            default ->
                throw new IllegalArgumentException(
                        "late_data must be 'drop', 'side_output' or 'update', not '" + value + "'");
        };
    }

    /**
     * The policy of a query: its own options first, then its source's. {@code allowed_lateness} without {@code
     * late_data} means {@code 'update'}, since keeping windows open only matters to late updates.
     */
    public static LateDataPolicy resolve(Map<String, String> query, Map<String, String> source) {
        String action = query.getOrDefault("late_data", source.get("late_data"));
        String lateness = query.getOrDefault("allowed_lateness", source.get("allowed_lateness"));
        long millis = lateness == null ? 0 : Durations.parseMillis("allowed_lateness", lateness);
        LateDataPolicy.Action parsed =
                action != null ? parse(action) : millis > 0 ? LateDataPolicy.Action.UPDATE : LateDataPolicy.Action.DROP;
        return new LateDataPolicy(parsed, millis);
    }
}
