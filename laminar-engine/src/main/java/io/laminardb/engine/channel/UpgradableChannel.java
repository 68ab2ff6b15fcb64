package io.laminardb.engine.channel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;

/**
 * A channel that is single-producer while one thread offers and switches to multi-producer, for good, the first time
 * another thread does: the Java form of "cloning a source upgrades SPSC to MPSC", where the second producer is
 * detected instead of declared.
 *
 * <p>The first thread to offer becomes the owner and offers into a JCTools {@link SpscArrayQueue}: plain stores and
 * one ordered store per element. A different thread installs a {@link MpscArrayQueue}; from then on every offer,
 * the owner's included (once it sees the new queue), goes there.
 *
 * <p><b>Why nothing is lost or reordered.</b> Only the owner ever offers into the SPSC queue, so its single-producer
 * contract holds. The owner may still have offers in flight into it after the switch (it read the old state just
 * before), so the consumer drains the SPSC queue first, always. The remaining danger is that the owner's late SPSC
 * element becomes visible only after one of its later MPSC elements was taken. The MPSC element is read with acquire
 * semantics, so everything the owner wrote before it, its SPSC elements included, is visible to the consumer once it
 * holds that element: the consumer looks at the SPSC queue once more before handing the MPSC element out, and if there
 * is a straggler it holds the MPSC element back until the SPSC queue is empty. Elements of different producers have
 * no order to keep.
 *
 * <p>During the switch both queues may hold elements; an offer into the MPSC queue counts what is left in the SPSC
 * queue against the capacity, so the channel stays bounded by its capacity (plus, at most, one element per producer
 * racing on that check).
 *
 * @param <E> the element type
 */
public final class UpgradableChannel<E> implements EventChannel<E> {

    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(UpgradableChannel.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int capacity;
    private final SpscArrayQueue<E> spsc;
    private final ProducerRegistry producers = new ProducerRegistry();

    @SuppressWarnings("unused") // accessed through OWNER
    private volatile Thread owner;

    private volatile MpscArrayQueue<E> mpsc;

    /**
     * Set by the owner on its first offer after the switch: from then on it never offers into the SPSC queue again, so
     * once that queue is empty the consumer can forget it.
     */
    private volatile boolean ownerSwitched;

    /** Consumer-local: an MPSC element held back while SPSC stragglers drain. */
    private E held;

    /** Consumer-local: the SPSC queue is empty for good; drain the MPSC queue directly. */
    private boolean spscRetired;

    /** @param capacity slots, a power of two of at least 4 */
    public UpgradableChannel(int capacity) {
        if (capacity < 4 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two of at least 4: " + capacity);
        }
        this.capacity = capacity;
        this.spsc = new SpscArrayQueue<>(capacity);
    }

    @Override
    public boolean offer(E element) {
        MpscArrayQueue<E> queue = mpsc;
        if (queue == null) {
            Thread current = Thread.currentThread();
            if (owner == current) {
                return spsc.offer(element);
            }
            if (owner == null && OWNER.compareAndSet(this, null, current)) {
                producers.register(current);
                return spsc.offer(element);
            }
            queue = upgrade();
        }
        Thread current = Thread.currentThread();
        if (!ownerSwitched && current == owner) {
            ownerSwitched = true; // after every SPSC offer of the owner, in its program order
        }
        producers.register(current);
        // Until the consumer has emptied the single-producer queue, its elements count against the capacity.
        int residue = spsc.size();
        if (residue != 0 && residue + queue.size() >= capacity) {
            return false;
        }
        return queue.offer(element);
    }

    private synchronized MpscArrayQueue<E> upgrade() {
        MpscArrayQueue<E> queue = mpsc;
        if (queue == null) {
            queue = new MpscArrayQueue<>(capacity);
            mpsc = queue;
        }
        return queue;
    }

    @Override
    public E poll() {
        if (spscRetired) {
            return mpsc.poll();
        }
        E element = spsc.poll();
        if (element != null) {
            return element;
        }
        if (held != null) {
            element = held;
            held = null;
            return element;
        }
        MessagePassingQueue<E> queue = mpsc;
        if (queue == null) {
            return null;
        }
        element = queue.poll();
        if (element == null) {
            return null;
        }
        E straggler = spsc.poll();
        if (straggler != null) {
            held = element;
            return straggler;
        }
        return element;
    }

    @Override
    public int drain(MessagePassingQueue.Consumer<E> consumer, int limit) {
        MpscArrayQueue<E> queue = mpsc;
        if (queue == null) {
            return spsc.drain(consumer, limit);
        }
        if (!spscRetired && held == null && ownerSwitched && spsc.isEmpty()) {
            spscRetired = true; // the owner's last SPSC offer happened before it set ownerSwitched, so none is left
        }
        if (spscRetired) {
            return queue.drain(consumer, limit);
        }
        int n = 0;
        E element;
        while (n < limit && (element = poll()) != null) {
            consumer.accept(element);
            n++;
        }
        return n;
    }

    @Override
    public int size() {
        MpscArrayQueue<E> queue = mpsc;
        return spsc.size() + (queue == null ? 0 : queue.size()) + (held == null ? 0 : 1);
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public boolean isFull() {
        MpscArrayQueue<E> queue = mpsc;
        return spsc.size() + (queue == null ? 0 : queue.size()) >= capacity;
    }

    @Override
    public boolean isMpsc() {
        return mpsc != null;
    }

    @Override
    public int producerCount() {
        return producers.count();
    }
}
