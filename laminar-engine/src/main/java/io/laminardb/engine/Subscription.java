package io.laminardb.engine;

import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The rows of a source or stream, as they arrive, following Java's queue conventions.
 *
 * <pre>{@code
 * try (Subscription<Trade> trades = db.subscribe("trades", Trade.class)) {
 *     Trade next = trades.poll(Duration.ofSeconds(1));
 * }
 * }</pre>
 *
 * <p>Every subscription to a stream receives every row (broadcast), in the stream's order. Rows wait in a bounded
 * buffer of the subscription's own ({@link SubscriptionConfig}); a reader that falls behind slows the stream down, or
 * loses rows if it was configured to, but never makes memory grow without bound.
 *
 * <p>A subscription ends when it is closed, when its stream ends (its source is closed or dropped), or when the
 * database shuts down; the rows already buffered can still be read. The methods may be called from any thread.
 *
 * @param <T> the row type: a {@code @Record} type, {@link Row} or {@link ChangeEvent}
 */
public interface Subscription<T> extends AutoCloseable, Iterable<T> {

    /** The next row, or null if none is buffered. */
    T poll();

    /** The next row, waiting up to {@code timeout}; null if none arrived in time or the subscription ended. */
    T poll(Duration timeout);

    /**
     * The next row, waiting as long as it takes.
     *
     * @throws SubscriptionClosedException if the subscription ended and nothing is left
     */
    T take();

    /** Moves up to {@code max} buffered rows into {@code target} without waiting; returns how many. */
    int drainTo(Collection<? super T> target, int max);

    /**
     * The buffered rows (up to 8,192) as one Arrow batch in the subscription's schema, or null if none is buffered.
     * The caller owns the batch and must close it.
     */
    VectorSchemaRoot pollBatch();

    /**
     * The watermark of the stream as of the last row returned: every later row has an event time at or after it,
     * unless late. {@link Long#MIN_VALUE} before the first watermark.
     */
    long watermark();

    /** Rows this subscription lost because its buffer was full and its policy discards. */
    long dropped();

    /** Whether the subscription ended (closed, or its stream ended); buffered rows may remain. */
    boolean isClosed();

    /** The name of the source or stream subscribed to. */
    String name();

    /** Rows until the subscription ends; {@code next()} waits for each. */
    @Override
    Iterator<T> iterator();

    /** The rows as a sequential stream that ends when the subscription ends. */
    Stream<T> stream();

    /** Stops delivery; rows already buffered can still be polled. */
    @Override
    void close();
}
