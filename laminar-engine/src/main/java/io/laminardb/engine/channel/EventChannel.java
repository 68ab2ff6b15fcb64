package io.laminardb.engine.channel;

import org.jctools.queues.MessagePassingQueue;

/**
 * A bounded buffer between the threads that push events and the one engine thread that takes them.
 *
 * <p>Producer methods ({@link #offer}) may be called from any thread; consumer methods ({@link #poll}, {@link #drain})
 * only from the single consuming thread. The size and state methods may be called from anywhere and are approximate
 * while producers and the consumer run.
 *
 * @param <E> the element type
 */
public interface EventChannel<E> {

    /**
     * Adds {@code element} if there is room. Never blocks.
     *
     * @return false if the channel is full (a {@link DropOldestChannel} is never full)
     */
    boolean offer(E element);

    /** Takes the next element, or null if none. Consumer thread only. */
    E poll();

    /** Takes up to {@code limit} elements, handing each to {@code consumer}; returns how many. Consumer thread only. */
    int drain(MessagePassingQueue.Consumer<E> consumer, int limit);

    /** Elements buffered now. */
    int size();

    /** The number of slots. */
    int capacity();

    /** Whether an offer would fail now. */
    default boolean isFull() {
        return size() >= capacity();
    }

    /** Whether the channel has switched to (or was built for) several producers. */
    boolean isMpsc();

    /** Threads that have offered elements. */
    int producerCount();
}
