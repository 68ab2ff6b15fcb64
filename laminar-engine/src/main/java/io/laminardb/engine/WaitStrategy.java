package io.laminardb.engine;

import java.util.Locale;

/** How a producer waits for room in a full source buffer under {@link Backpressure#BLOCK}. */
public enum WaitStrategy {
    /** Busy-spin with {@link Thread#onSpinWait()}: lowest latency, burns a core while waiting. */
    SPIN,
    /** Spin briefly, then {@link Thread#yield()}, then park in short naps: the default. */
    SPIN_YIELD,
    /** Park in short naps straight away: least CPU, most latency. */
    PARK;

    /** Parses the SQL option value ({@code 'spin'}, {@code 'spin_yield'}, {@code 'park'}), ignoring case. */
    public static WaitStrategy fromOption(String value) {
        String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (WaitStrategy w : values()) {
            if (w.name().equals(normalized)) {
                return w;
            }
        }
        throw new IllegalArgumentException("wait_strategy must be 'spin', 'spin_yield' or 'park', not '" + value + "'");
    }

    /** The SQL option value: {@code spin}, {@code spin_yield}, {@code park}. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
