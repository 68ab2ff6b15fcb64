package io.laminardb.engine;

import java.util.Locale;

/** What a push does when the source's buffer is full, or what the engine does when a subscriber's buffer is full. */
public enum Backpressure {
    /** Wait, using the {@link WaitStrategy}, until there is room. The default: nothing is lost. */
    BLOCK,
    /** Discard the oldest buffered event to make room, and count it in {@code dropped}. */
    DROP_OLDEST,
    /**
     * Refuse the new event: {@link Source#push} throws {@link SourceFullException} (and {@link Source#tryPush} returns
     * false); for a subscriber the new event is discarded. Counted in {@code rejected}.
     */
    REJECT;

    /** Parses the SQL option value ({@code 'block'}, {@code 'drop_oldest'}, {@code 'reject'}), ignoring case. */
    public static Backpressure fromOption(String value) {
        String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Backpressure b : values()) {
            if (b.name().equals(normalized)) {
                return b;
            }
        }
        throw new IllegalArgumentException(
                "backpressure must be 'block', 'drop_oldest' or 'reject', not '" + value + "'");
    }

    /** The SQL option value: {@code block}, {@code drop_oldest}, {@code reject}. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
