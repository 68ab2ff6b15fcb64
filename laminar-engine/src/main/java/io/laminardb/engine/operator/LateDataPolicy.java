package io.laminardb.engine.operator;

import java.util.Locale;

/**
 * What a windowed aggregate does with a late row, one whose window the watermark has already closed.
 *
 * @param action the {@code late_data} option
 * @param allowedLatenessMillis the {@code allowed_lateness} option: how long after its close a window's state is kept
 *     for {@link Action#UPDATE}
 */
public record LateDataPolicy(Action action, long allowedLatenessMillis) {

    /** The {@code late_data} values. */
    public enum Action {
        /** Dropped, and counted in the metrics. The default. */
        DROP,
        /** Sent to the stream {@code <stream>_late}, and counted. */
        SIDE_OUTPUT,
        /**
         * Within {@code allowed_lateness} of the close, the window's result is updated (the old row retracted, the new
         * one emitted); later still, dropped and counted.
         */
        UPDATE;

        public String sql() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final LateDataPolicy DROP = new LateDataPolicy(Action.DROP, 0);

    /** How long a closed window's state is kept. */
    public long retentionMillis() {
        return action == Action.UPDATE ? allowedLatenessMillis : 0;
    }
}
