package io.laminardb.engine.source;

import io.laminardb.engine.ChangeEvent;

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
