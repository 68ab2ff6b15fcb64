package io.laminardb.engine.channel;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpmcArrayQueue;

/**
 * A channel whose producers make room by discarding the oldest element, for sources with {@code DROP_OLDEST}
 * backpressure.
 *
 * <p>Discarding the oldest element means a producer takes from the head, which the consumer also does, so this channel
 * is a JCTools {@link MpmcArrayQueue} from the start: there is no single-producer phase. Every discarded element is
 * counted.
 *
 * @param <E> the element type
 */
public final class DropOldestChannel<E> implements EventChannel<E> {

    private final MpmcArrayQueue<E> queue;
    private final int capacity;
    private final LongAdder dropped = new LongAdder();
    private final ProducerRegistry producers = new ProducerRegistry();
    private final Consumer<? super E> onDrop;

    /**
     * @param capacity slots, a power of two of at least 4
     * @param onDrop called with each discarded element (to release what it holds), on the producer's thread
     */
    public DropOldestChannel(int capacity, Consumer<? super E> onDrop) {
        if (capacity < 4 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two of at least 4: " + capacity);
        }
        this.capacity = capacity;
        this.queue = new MpmcArrayQueue<>(capacity);
        this.onDrop = onDrop;
    }

    /** Always succeeds, discarding the oldest elements as needed. */
    @Override
    public boolean offer(E element) {
        producers.register(Thread.currentThread());
        while (!queue.offer(element)) {
            E oldest = queue.poll();
            if (oldest != null) {
                dropped.increment();
                onDrop.accept(oldest);
            }
        }
        return true;
    }

    @Override
    public E poll() {
        return queue.poll();
    }

    @Override
    public int drain(MessagePassingQueue.Consumer<E> consumer, int limit) {
        return queue.drain(consumer, limit);
    }

    @Override
    public int size() {
        return queue.size();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public boolean isMpsc() {
        return true;
    }

    @Override
    public int producerCount() {
        return producers.count();
    }

    /** Elements discarded to make room. */
    public long dropped() {
        return dropped.sum();
    }
}
