package io.laminardb.engine;

import java.util.Objects;

/**
 * How a source buffers and applies backpressure: the {@code WITH (buffer_size = ..., backpressure = ...,
 * wait_strategy = ...)} options of {@code CREATE SOURCE}, as an object.
 *
 * <p>There is deliberately no channel option: a source's channel is single-producer while one thread pushes and
 * becomes multi-producer by itself when a second thread does.
 *
 * @param bufferSize slots in the source's ring, a power of two from 4 to 2^30 (default 65,536)
 * @param backpressure what a push does when the ring is full (default {@link Backpressure#BLOCK})
 * @param waitStrategy how a blocked push waits (default {@link WaitStrategy#SPIN_YIELD})
 */
public record SourceConfig(int bufferSize, Backpressure backpressure, WaitStrategy waitStrategy) {

    public static final int DEFAULT_BUFFER_SIZE = 65_536;
    public static final int MIN_BUFFER_SIZE = 4;
    public static final int MAX_BUFFER_SIZE = 1 << 30;

    private static final SourceConfig DEFAULTS =
            new SourceConfig(DEFAULT_BUFFER_SIZE, Backpressure.BLOCK, WaitStrategy.SPIN_YIELD);

    /** @throws IllegalArgumentException if the buffer size is not a power of two in range */
    public SourceConfig {
        Objects.requireNonNull(backpressure, "backpressure");
        Objects.requireNonNull(waitStrategy, "waitStrategy");
        if (bufferSize < MIN_BUFFER_SIZE || bufferSize > MAX_BUFFER_SIZE || Integer.bitCount(bufferSize) != 1) {
            throw new IllegalArgumentException("buffer_size must be a power of two from " + MIN_BUFFER_SIZE + " to "
                    + MAX_BUFFER_SIZE + ", not " + bufferSize + suggestion(bufferSize));
        }
    }

    /** 65,536 slots, {@code BLOCK}, {@code SPIN_YIELD}. */
    public static SourceConfig defaults() {
        return DEFAULTS;
    }

    public SourceConfig withBufferSize(int bufferSize) {
        return new SourceConfig(bufferSize, backpressure, waitStrategy);
    }

    public SourceConfig withBackpressure(Backpressure backpressure) {
        return new SourceConfig(bufferSize, backpressure, waitStrategy);
    }

    public SourceConfig withWaitStrategy(WaitStrategy waitStrategy) {
        return new SourceConfig(bufferSize, backpressure, waitStrategy);
    }

    private static String suggestion(int size) {
        if (size < MIN_BUFFER_SIZE || size > MAX_BUFFER_SIZE) {
            return "";
        }
        return " (the nearest are " + Integer.highestOneBit(size) + " and " + (Integer.highestOneBit(size) << 1) + ")";
    }
}
