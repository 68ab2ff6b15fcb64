package io.laminardb.benchmarks.source;

import io.laminardb.benchmarks.record.BenchTrade;
import java.util.AbstractCollection;
import java.util.Collections;
import java.util.Iterator;
import org.jctools.queues.MessagePassingQueue;

/**
 * What a baseline's consumer does with each event: what the engine thread does with an event of a source that has no
 * subscriber, which is to read its event time and keep the highest. Keeps no event.
 *
 * <p>It is a {@link MessagePassingQueue.Consumer} for JCTools' {@code drain} and a collection for {@code
 * BlockingQueue.drainTo}. Used by one consumer thread only.
 */
final class EventTimeSink extends AbstractCollection<Object> implements MessagePassingQueue.Consumer<Object> {

    private long maxEventTime = Long.MIN_VALUE;

    @Override
    public void accept(Object event) {
        long eventTime = ((BenchTrade) event).ts().toEpochMilli();
        if (eventTime > maxEventTime) {
            maxEventTime = eventTime;
        }
    }

    /** Takes each record of a batch. */
    void acceptAll(Object[] batch) {
        for (Object event : batch) {
            accept(event);
        }
    }

    @Override
    public boolean add(Object event) {
        accept(event);
        return true;
    }

    @Override
    public Iterator<Object> iterator() {
        return Collections.emptyIterator();
    }

    @Override
    public int size() {
        return 0;
    }
}
