package io.laminardb.engine.subscription;

import io.laminardb.engine.Backpressure;
import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.SubscriptionClosedException;
import io.laminardb.engine.SubscriptionConfig;
import io.laminardb.engine.channel.Idler;
import io.laminardb.engine.source.EventAccessor;
import io.laminardb.engine.source.EventListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.jctools.queues.MpmcArrayQueue;

/**
 * A {@link Subscription}: a bounded buffer filled by the engine thread that owns the stream and read by any number of
 * reader threads.
 *
 * <p>Watermarks travel through the buffer as marks between rows, so {@link #watermark()} is exact as of the last row
 * read. A full buffer blocks the engine thread ({@code BLOCK}) or loses rows ({@code DROP_OLDEST}, {@code REJECT}),
 * counted in {@link #dropped()}; a watermark mark that does not fit is kept and sent with the next row, never lost.
 *
 * <p>Engine-side methods ({@link #deliver}, {@link #deliverWatermark}, {@link #complete}) are called by one engine
 * thread at a time; reader methods by any thread.
 */
public final class SubscriptionImpl<T> implements Subscription<T>, EventListener {

    /** A watermark between rows. */
    private record WatermarkMark(long value) {}

    /** Turns a source event into the subscriber's row type, on the engine thread. */
    @FunctionalInterface
    public interface Converter<T> {
        T convert(Object event, EventAccessor accessor, ChangeEvent.Op op, long eventTime);
    }

    /** Writes rows of the subscriber's type into a new Arrow batch. */
    @FunctionalInterface
    public interface BatchWriter<T> {
        VectorSchemaRoot write(List<T> rows, BufferAllocator allocator);
    }

    private static final int BATCH_ROWS = 8_192;

    private final String name;
    private final MpmcArrayQueue<Object> queue;
    private final Backpressure policy;
    private final Converter<T> converter;
    private final BatchWriter<T> batchWriter;
    private final BufferAllocator allocator;
    private final Consumer<SubscriptionImpl<?>> onClose;
    private final boolean changes;
    private volatile boolean closed;
    private volatile boolean ended;
    private volatile long watermark = Long.MIN_VALUE;
    private volatile long dropped;
    private volatile long delivered;
    private volatile Thread waiter;

    private static final java.lang.invoke.VarHandle WAITER;

    static {
        try {
            WAITER = java.lang.invoke.MethodHandles.lookup()
                    .findVarHandle(SubscriptionImpl.class, "waiter", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // engine-side
    private long pendingWatermark = Long.MIN_VALUE;
    private long droppedLocal;
    private long deliveredLocal;

    public SubscriptionImpl(
            String name,
            SubscriptionConfig config,
            Converter<T> converter,
            BatchWriter<T> batchWriter,
            BufferAllocator allocator,
            boolean changes,
            Consumer<SubscriptionImpl<?>> onClose) {
        this.changes = changes;
        this.name = name;
        this.queue = new MpmcArrayQueue<>(config.bufferSize());
        this.policy = config.backpressure();
        this.converter = converter;
        this.batchWriter = batchWriter;
        this.allocator = allocator;
        this.onClose = onClose;
    }

    // ---- engine side ------------------------------------------------------------------------------------------------

    /** Converts and buffers one event. */
    @Override
    public void deliver(Object event, EventAccessor accessor, ChangeEvent.Op op, long eventTime) {
        if (closed) {
            return;
        }
        if (pendingWatermark != Long.MIN_VALUE && queue.offer(new WatermarkMark(pendingWatermark))) {
            pendingWatermark = Long.MIN_VALUE;
        }
        T row = converter.convert(event, accessor, op, eventTime);
        // Counted before the row can be read, so a reader that has the row sees it in the metrics too.
        delivered = deliveredLocal + 1;
        if (enqueue(row)) {
            deliveredLocal++;
        } else {
            delivered = deliveredLocal;
            dropped = ++droppedLocal;
        }
    }

    /** A change subscription takes retractions; a plain one only the rows added. */
    @Override
    public boolean wantsRetractions() {
        return changes;
    }

    /** Buffers a watermark mark after the rows delivered so far. */
    @Override
    public void deliverWatermark(long value) {
        if (closed) {
            return;
        }
        if (!queue.offer(new WatermarkMark(value))) {
            if (policy == Backpressure.BLOCK) {
                enqueue(new WatermarkMark(value));
            } else {
                pendingWatermark = Math.max(pendingWatermark, value);
            }
        }
        wakeReader();
    }

    /** The stream ended: readers get what is buffered, then the end. */
    @Override
    public void complete() {
        ended = true;
        wakeReader();
    }

    /** Rows handed to this subscription so far. */
    public long delivered() {
        return delivered;
    }

    private boolean enqueue(Object element) {
        if (queue.offer(element)) {
            wakeReader();
            return true;
        }
        switch (policy) {
            case BLOCK -> {
                for (int attempt = 0; !closed; attempt++) {
                    wakeReader();
                    // On an engine thread, run its other work while the reader catches up: a slow subscriber holds
                    // back the stream it reads, not every other source and query of the thread.
                    if (io.laminardb.engine.runtime.EngineCore.helpWhileWaiting() == 0) {
                        Idler.SPIN_YIELD.idle(attempt);
                    }
                    if (queue.offer(element)) {
                        wakeReader();
                        return true;
                    }
                }
                return false;
            }
            case DROP_OLDEST -> {
                while (!queue.offer(element)) {
                    Object oldest = queue.poll();
                    if (oldest != null && !(oldest instanceof WatermarkMark)) {
                        dropped = ++droppedLocal;
                    }
                }
                wakeReader();
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void wakeReader() {
        Thread w = waiter;
        // One unpark per wait: the first row after the reader parked wakes it, the rows behind it cost a read.
        if (w != null && WAITER.compareAndSet(this, w, null)) {
            LockSupport.unpark(w);
        }
    }

    // ---- reader side ------------------------------------------------------------------------------------------------

    @Override
    @SuppressWarnings("unchecked")
    public T poll() {
        for (; ; ) {
            Object element = queue.poll();
            if (element == null) {
                return null;
            }
            if (element instanceof WatermarkMark mark) {
                if (mark.value() > watermark) {
                    watermark = mark.value();
                }
                continue;
            }
            return (T) element;
        }
    }

    @Override
    public T poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 0; ; attempt++) {
            T row = poll();
            if (row != null) {
                return row;
            }
            if (isClosed() && queue.isEmpty()) {
                return null;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            await(left, attempt);
        }
    }

    @Override
    public T take() {
        for (int attempt = 0; ; attempt++) {
            T row = poll();
            if (row != null) {
                return row;
            }
            if (isClosed() && queue.isEmpty()) {
                throw new SubscriptionClosedException(name);
            }
            await(Idler.MAX_PARK_NANOS, attempt);
        }
    }

    private void await(long maxNanos, int attempt) {
        if (attempt < 64) {
            Thread.onSpinWait();
            return;
        }
        waiter = Thread.currentThread();
        if (queue.isEmpty() && !isClosed()) {
            LockSupport.parkNanos(this, Math.min(maxNanos, Idler.MAX_PARK_NANOS));
        }
        waiter = null;
    }

    @Override
    public int drainTo(Collection<? super T> target, int max) {
        int n = 0;
        T row;
        while (n < max && (row = poll()) != null) {
            target.add(row);
            n++;
        }
        return n;
    }

    @Override
    public VectorSchemaRoot pollBatch() {
        List<T> rows = new ArrayList<>();
        drainTo(rows, BATCH_ROWS);
        return rows.isEmpty() ? null : batchWriter.write(rows, allocator);
    }

    @Override
    public long watermark() {
        return watermark;
    }

    @Override
    public long dropped() {
        return dropped;
    }

    @Override
    public boolean isClosed() {
        return closed || ended;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private T next;

            @Override
            public boolean hasNext() {
                for (int attempt = 0; next == null; attempt++) {
                    next = poll();
                    if (next == null) {
                        if (isClosed() && queue.isEmpty()) {
                            return false;
                        }
                        await(Idler.MAX_PARK_NANOS, attempt);
                    }
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("The subscription to '" + name + "' has ended");
                }
                T row = next;
                next = null;
                return row;
            }
        };
    }

    @Override
    public Stream<T> stream() {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.accept(this);
            wakeReader();
        }
    }

    @Override
    public String toString() {
        return "Subscription(" + name + ")";
    }
}
