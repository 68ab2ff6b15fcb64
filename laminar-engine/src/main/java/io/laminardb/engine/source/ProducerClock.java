package io.laminardb.engine.source;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The event-time progress of one producer thread of a source: the largest event time it pushed. Written by that
 * producer with release stores (no fence on the push path), read by the engine thread, which also keeps, in fields of
 * its own, when it last saw the producer move, to tell an idle producer.
 */
final class ProducerClock {

    final String name;
    final Thread thread;
    private final AtomicLong maxEventTime = new AtomicLong(Long.MIN_VALUE);

    // engine thread only
    long seenMax = Long.MIN_VALUE;
    long seenMovingAtMillis;
    boolean idle;

    ProducerClock(Thread thread, long nowMillis) {
        this.thread = thread;
        this.name = thread.getName();
        this.seenMovingAtMillis = nowMillis;
    }

    /** Producer side, after the event was offered. */
    void advance(long eventTime) {
        if (eventTime > maxEventTime.getPlain()) {
            maxEventTime.lazySet(eventTime);
        }
    }

    long maxEventTime() {
        return maxEventTime.get();
    }
}
