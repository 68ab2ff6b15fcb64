package io.laminardb.engine;

import java.util.Objects;

/**
 * How a subscription buffers rows between the engine and its reader.
 *
 * <p>With {@link Backpressure#BLOCK} (the default) a reader that falls behind slows its stream down, and through it
 * the sources that feed it; with {@link Backpressure#DROP_OLDEST} or {@link Backpressure#REJECT} it loses rows instead,
 * counted by {@link Subscription#dropped()}. Either way the buffer never grows beyond {@code bufferSize}.
 *
 * @param bufferSize rows buffered for the reader, a power of two from 4 to 2^30 (default 8,192)
 * @param backpressure what the engine does when the buffer is full
 */
public record SubscriptionConfig(int bufferSize, Backpressure backpressure) {

    public static final int DEFAULT_BUFFER_SIZE = 8_192;

    private static final SubscriptionConfig DEFAULTS = new SubscriptionConfig(DEFAULT_BUFFER_SIZE, Backpressure.BLOCK);

    public SubscriptionConfig {
        Objects.requireNonNull(backpressure, "backpressure");
        if (bufferSize < 4 || bufferSize > (1 << 30) || Integer.bitCount(bufferSize) != 1) {
            throw new IllegalArgumentException(
                    "a subscription's buffer size must be a power of two from 4 to 2^30, not " + bufferSize);
        }
    }

    public static SubscriptionConfig defaults() {
        return DEFAULTS;
    }

    public SubscriptionConfig withBufferSize(int bufferSize) {
        return new SubscriptionConfig(bufferSize, backpressure);
    }

    public SubscriptionConfig withBackpressure(Backpressure backpressure) {
        return new SubscriptionConfig(bufferSize, backpressure);
    }
}
