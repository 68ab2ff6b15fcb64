package io.laminardb.engine.connector;

import io.laminardb.engine.ChangeEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the database gives a {@link SourceConnector}: where to put rows, its position, its format, its error paths. */
public interface SourceContext {

    /** The source: name, schema, watermark column, options. */
    SourceSpec spec();

    /** The position the newest checkpoint recorded for this source; empty on a first start or without one. */
    Optional<byte[]> restoredPosition();

    /**
     * A decoder of the source's {@code format}, made for its schema. Each call makes a new one: one per reading thread.
     *
     * @throws IllegalStateException when the connector has no format ({@link ConnectorFactory#defaultFormat()} null)
     */
    RowDecoder decoder();

    /**
     * Hands rows to the source, waiting up to {@code timeout} while its buffer is full. Rows handed over in one call
     * reach the engine together, in order.
     *
     * @param rows values in column order, in the Java forms of {@link io.laminardb.engine.Row}; not changed afterwards
     * @param ops what each row is, or null when all are inserts; retractions only for a changelog format
     * @param position the position after these rows (see {@link SourceConnector}); null keeps the previous one
     * @return false when the buffer stayed full for {@code timeout} (nothing was taken: pause reading, try again) or
     *     the source is closing
     */
    boolean emit(List<Object[]> rows, List<ChangeEvent.Op> ops, byte[] position, Duration timeout)
            throws InterruptedException;

    /** Whether the source's buffer has room now: a connector pauses reading while it has none. */
    boolean hasCapacity();

    /** Raises the source's watermark (ignored when lower); see {@link #splitWatermarks()} for partitioned input. */
    void watermark(long epochMillis);

    /**
     * A watermark tracker for input read from several partitions or files: the source's watermark is the lowest over
     * its splits, and a split idle for {@code idle_timeout} stops holding it back. Only when the source declares
     * {@code WATERMARK FOR}.
     */
    SplitWatermarks splitWatermarks();

    /**
     * A message could not be decoded: the engine counts and logs it, and the connector then writes it to its
     * dead-letter destination (or, without one, fails the source with {@link #fail}).
     */
    void deadLetter(DeadLetter letter);

    /** Retry with backoff and a circuit breaker for calls to the external system, configured by the source's options. */
    ExternalCalls calls();

    /** Counters shown in metrics and health. */
    ConnectorMetrics metrics();

    /**
     * The connector cannot go on (the external system refused it for good, a message could not be decoded and there is
     * no dead-letter destination): the source stops, the database's health turns DOWN with this error, and the
     * pipeline fails with it.
     */
    void fail(Throwable error);

    /** Whether the database checkpoints: positions are then stored with the state. */
    boolean durable();
}
