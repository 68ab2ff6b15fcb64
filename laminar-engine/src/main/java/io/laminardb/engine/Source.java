package io.laminardb.engine;

import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A handle for pushing typed events into a source declared with {@code CREATE SOURCE}.
 *
 * <pre>{@code
 * Source<Trade> trades = db.source("trades", Trade.class);
 * trades.push(new Trade("AAPL", 190.1, 100, Instant.now()));
 * }</pre>
 *
 * <p><b>Threads.</b> Any thread may push. While a single thread pushes, the source's buffer is a single-producer ring
 * (the cheapest kind); the first push from a second thread switches it to a multi-producer ring, transparently and
 * without losing or reordering any thread's events. Every handle for the same source shares one buffer.
 *
 * <p><b>Backpressure.</b> When the buffer is full, {@link #push} waits ({@link Backpressure#BLOCK}, the default),
 * discards the oldest buffered event ({@link Backpressure#DROP_OLDEST}) or throws {@link SourceFullException} ({@link
 * Backpressure#REJECT}), as the source was configured. Pushes made before {@link LaminarDB#start()} wait in the buffer
 * and meet the same policy.
 *
 * <p>The record is handed over, not copied: subscribers of the source may receive the same instance, so do not change
 * it after pushing.
 *
 * @param <T> the {@code @Record} type
 */
public interface Source<T> extends AutoCloseable {

    /**
     * Pushes one event.
     *
     * @throws SourceFullException if the buffer is full and the policy is {@code REJECT}
     * @throws SourceClosedException if the source is closed, also while waiting for room
     */
    void push(T record);

    /**
     * Pushes one event if there is room now, whatever the backpressure policy.
     *
     * @return false if the buffer was full and the event was not taken
     * @throws SourceClosedException if the source is closed
     */
    boolean tryPush(T record);

    /**
     * Pushes a batch, in order, as one entry of the buffer; the whole batch is taken or, under {@code REJECT}, refused.
     * A list that cannot change ({@code List.of}, {@code List.copyOf}, {@code Stream.toList()}) is handed over without
     * a copy, the fastest way in; any other list is copied (not the records in it), so the caller may reuse it.
     */
    void pushBatch(List<? extends T> records);

    /**
     * Pushes an Arrow batch, which must have the source's schema (the column names and types; nullability may be
     * narrower). The batch is handed over, not copied: the engine closes it once processed, so do not use or close it
     * afterwards.
     *
     * @throws SchemaMismatchException naming each column that differs
     */
    void pushArrow(VectorSchemaRoot batch);

    /**
     * Declares that no event with an event time before {@code epochMillis} will follow from this source. Watermarks
     * only advance: a lower value than the current one is ignored.
     */
    void watermark(long epochMillis);

    /** The source's current watermark in epoch milliseconds, {@link Long#MIN_VALUE} before the first. */
    long currentWatermark();

    /** Whether a push could be taken right now without waiting. */
    boolean hasCapacity();

    String name();

    /** The source's columns. */
    Schema schema();

    /** The number of threads that have pushed into the source. */
    int producerCount();

    /** Whether the buffer has switched to multi-producer mode (a second thread has pushed). */
    boolean isMpsc();

    /**
     * Closes the source for every handle: later pushes throw {@link SourceClosedException}, producers waiting for room
     * are released with it, and events already buffered are still processed.
     */
    @Override
    void close();
}
