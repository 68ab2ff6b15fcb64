package io.laminardb.engine.source;

import io.laminardb.engine.ChangeEvent;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * What a source or stream hands its events to, on the engine thread that owns it: a subscription, or the first
 * operator of a continuous query. Called by one engine thread at a time.
 */
public interface EventListener {

    /**
     * One event.
     *
     * @param event the event as it travels (a record, an {@code Object[]} row in SQL form, or a stream's row)
     * @param accessor reads the event's columns
     * @param op what the event is: sources only insert; a stream fed by an updating query also retracts
     * @param eventTime epoch milliseconds, or {@link Long#MIN_VALUE} when the event has none
     */
    void deliver(Object event, EventAccessor accessor, ChangeEvent.Op op, long eventTime);

    /**
     * Whether this listener takes whole Arrow batches through {@link #deliverBatch}; a publisher then hands it each
     * batch as one, and the others each row of it through {@link #deliver}.
     */
    default boolean acceptsBatches() {
        return false;
    }

    /**
     * A batch of inserted rows, in the publisher's schema, when {@link #acceptsBatches()}.
     *
     * <p><b>Ownership.</b> The batch is lent for the call: the publisher closes it afterwards, and it may be shared with
     * other listeners, so a listener must not change or close it. A listener that keeps data past the call takes its
     * own reference ({@code Batches.share}, or Arrow's {@code loadFieldBuffers}/{@code splitAndTransfer}: the buffers
     * are shared with reference counts, not copied) and closes that reference when done.
     *
     * @param batch rows in the publisher's column order and SQL types; at least one row
     */
    default void deliverBatch(VectorSchemaRoot batch) {
        throw new UnsupportedOperationException(getClass().getName() + " does not take batches");
    }

    /** Every later event is at or after {@code watermark} (epoch milliseconds), late data aside. */
    void deliverWatermark(long watermark);

    /** Nothing more will come. */
    void complete();

    /** Whether this listener wants {@code DELETE} and {@code UPDATE_BEFORE} events; a plain subscription does not. */
    default boolean wantsRetractions() {
        return true;
    }

    /** Processing time passed: called about every millisecond while the owning engine thread runs, if asked for. */
    default void tick(long nowMillis) {}

    /** Whether {@link #tick} should be called. */
    default boolean wantsTicks() {
        return false;
    }
}
