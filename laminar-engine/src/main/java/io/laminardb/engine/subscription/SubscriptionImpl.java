package io.laminardb.engine.subscription;

import io.laminardb.engine.Backpressure;
import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.SubscriptionClosedException;
import io.laminardb.engine.SubscriptionConfig;
import io.laminardb.engine.channel.Idler;
import io.laminardb.engine.source.EventAccessor;
import io.laminardb.engine.source.EventListener;
import io.laminardb.engine.value.Batches;
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
 * <p><b>Batches.</b> A subscription made with a {@link BatchReader} takes Arrow batches whole ({@link
 * #deliverBatch}): it keeps its own reference to the batch (zero-copy when the batch's memory is of the database's allocator root,
 * a copy of the buffers otherwise, so that a producer's allocator can be closed once the engine is done) and buffers it as <em>one</em> element, so the
 * bound of the buffer ({@code buffer_size} elements) counts a batch as one element, however many rows it has. {@link
 * #pollBatch()} returns such a batch as it is (the caller owns it and closes it); {@link #poll()}, {@link #drainTo},
 * {@link #take()} and the iterator turn its rows into the subscriber's type one by one, on the reader's thread. Rows
 * delivered one by one are buffered one element each, as before. {@link #delivered()} and {@link #dropped()} count
 * rows. Closing the subscription turns the batches it still buffers into rows, which can still be read, and
 * releases their memory.
 *
 * <p>Engine-side methods ({@link #deliver}, {@link #deliverBatch}, {@link #deliverWatermark}, {@link #complete}) are
 * called by one engine thread at a time; reader methods by any thread.
 */
public final class SubscriptionImpl<T> implements Subscription<T>, EventListener {

    /** A watermark between rows. */
    private record WatermarkMark(long value) {}

    /** Turns a source event into the subscriber's row type, on the engine thread. */
    @FunctionalInterface
    public interface Converter<T> {
        T convert(Object event, EventAccessor accessor, ChangeEvent.Op op, long eventTime);
    }

    /** Reads one row of an Arrow batch in the stream's schema as the subscriber's type. */
    @FunctionalInterface
    public interface BatchReader<T> {
        T read(VectorSchemaRoot batch, int row);
    }

    /** A batch buffered whole: this subscription's own reference. */
    private record BatchElement(VectorSchemaRoot root) {}

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
    /** Published with release stores ({@link #DELIVERED}): a volatile store per row costs a locked instruction. */
    @SuppressWarnings("unused") // through DELIVERED
    private long delivered;

    private volatile Thread waiter;
    private final BatchReader<T> batchReader;
    /** Reader side, when batches are taken: the batch being read row by row, guarded by {@link #readLock}. */
    private volatile VectorSchemaRoot current;

    /** Rows of batches still buffered when the subscription was closed, turned into rows then; under readLock. */
    private final java.util.ArrayDeque<T> leftover = new java.util.ArrayDeque<>();

    private int currentRow;
    private final Object readLock = new Object();

    private static final java.lang.invoke.VarHandle WAITER;
    private static final java.lang.invoke.VarHandle DELIVERED;

    static {
        try {
            WAITER = java.lang.invoke.MethodHandles.lookup()
                    .findVarHandle(SubscriptionImpl.class, "waiter", Thread.class);
            DELIVERED = java.lang.invoke.MethodHandles.lookup()
                    .findVarHandle(SubscriptionImpl.class, "delivered", long.class);
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
        this(name, config, converter, batchWriter, null, allocator, changes, onClose);
    }

    /** @param batchReader reads rows of batches taken whole; null to take every row one by one */
    public SubscriptionImpl(
            String name,
            SubscriptionConfig config,
            Converter<T> converter,
            BatchWriter<T> batchWriter,
            BatchReader<T> batchReader,
            BufferAllocator allocator,
            boolean changes,
            Consumer<SubscriptionImpl<?>> onClose) {
        this.batchReader = batchReader;
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
        DELIVERED.setRelease(this, deliveredLocal + 1);
        if (enqueue(row)) {
            deliveredLocal++;
        } else {
            DELIVERED.setRelease(this, deliveredLocal);
            dropped = ++droppedLocal;
        }
    }

    @Override
    public boolean acceptsBatches() {
        return batchReader != null;
    }

    /** Buffers a batch whole, as one element: a reference of its own, no copy. */
    @Override
    public void deliverBatch(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        if (closed || rows == 0) {
            return;
        }
        if (pendingWatermark != Long.MIN_VALUE && queue.offer(new WatermarkMark(pendingWatermark))) {
            pendingWatermark = Long.MIN_VALUE;
        }
        VectorSchemaRoot own = Batches.share(batch, allocator);
        DELIVERED.setRelease(this, deliveredLocal + rows);
        if (enqueue(new BatchElement(own))) {
            deliveredLocal += rows;
            if (closed) {
                materializeBuffered(); // closed while this was enqueued: its rows stay readable, its memory goes
            }
        } else {
            own.close();
            DELIVERED.setRelease(this, deliveredLocal);
            droppedLocal += rows;
            dropped = droppedLocal;
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
        return (long) DELIVERED.getAcquire(this);
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
                    if (oldest instanceof BatchElement old) {
                        droppedLocal += old.root().getRowCount();
                        dropped = droppedLocal;
                        old.root().close();
                    } else if (oldest != null && !(oldest instanceof WatermarkMark)) {
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
    public T poll() {
        if (batchReader == null) {
            return pollElement();
        }
        synchronized (readLock) {
            return pollLocked();
        }
    }

    /** The next row, reading batches row by row; under {@link #readLock}. */
    @SuppressWarnings("unchecked")
    private T pollLocked() {
        if (!leftover.isEmpty()) {
            return leftover.poll();
        }
        for (; ; ) {
            VectorSchemaRoot batch = current;
            if (batch != null) {
                T row = batchReader.read(batch, currentRow++);
                if (currentRow >= batch.getRowCount()) {
                    current = null;
                    batch.close();
                }
                return row;
            }
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
            if (element instanceof BatchElement b) {
                current = b.root();
                currentRow = 0;
                continue;
            }
            return (T) element;
        }
    }

    /** Whether nothing is buffered, batches being read included. */
    private boolean drained() {
        return queue.isEmpty() && current == null && leftover.isEmpty();
    }

    @SuppressWarnings("unchecked")
    private T pollElement() {
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
            if (isClosed() && drained()) {
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
            if (isClosed() && drained()) {
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
        if (drained() && !isClosed()) {
            LockSupport.parkNanos(this, Math.min(maxNanos, Idler.MAX_PARK_NANOS));
        }
        waiter = null;
    }

    @Override
    public int drainTo(Collection<? super T> target, int max) {
        if (batchReader != null) {
            synchronized (readLock) {
                int n = 0;
                T row;
                while (n < max && (row = pollLocked()) != null) {
                    target.add(row);
                    n++;
                }
                return n;
            }
        }
        int n = 0;
        T row;
        while (n < max && (row = poll()) != null) {
            target.add(row);
            n++;
        }
        return n;
    }

    /**
     * A batch buffered whole is returned as it is, in the stream's schema, accounted to the database's allocator;
     * rows buffered one by one, or the rest of a batch partly
     * read with {@link #poll()}, come as a new batch of up to 8,192 rows.
     */
    @Override
    public VectorSchemaRoot pollBatch() {
        if (batchReader != null) {
            synchronized (readLock) {
                return pollBatchLocked();
            }
        }
        List<T> rows = new ArrayList<>();
        drainTo(rows, BATCH_ROWS);
        return rows.isEmpty() ? null : batchWriter.write(rows, allocator);
    }

    @SuppressWarnings("unchecked")
    private VectorSchemaRoot pollBatchLocked() {
        List<T> rows = new ArrayList<>();
        if (!leftover.isEmpty()) {
            while (!leftover.isEmpty() && rows.size() < BATCH_ROWS) {
                rows.add(leftover.poll());
            }
            return batchWriter.write(rows, allocator);
        }
        VectorSchemaRoot batch = current;
        if (batch != null) {
            while (currentRow < batch.getRowCount()) {
                rows.add(batchReader.read(batch, currentRow++));
            }
            current = null;
            batch.close();
            return batchWriter.write(rows, allocator);
        }
        for (; ; ) {
            Object element = queue.peek();
            if (element == null || (element instanceof BatchElement && !rows.isEmpty()) || rows.size() >= BATCH_ROWS) {
                break;
            }
            queue.poll();
            if (element instanceof WatermarkMark mark) {
                if (mark.value() > watermark) {
                    watermark = mark.value();
                }
            } else if (element instanceof BatchElement whole) {
                return whole.root();
            } else {
                rows.add((T) element);
            }
        }
        return rows.isEmpty() ? null : batchWriter.write(rows, allocator);
    }

    /**
     * Turns what is still buffered into rows and releases the batches, so that the rows can still be read after
     * {@link #close()} (as the contract says) while no Arrow memory outlives the subscription.
     */
    @SuppressWarnings("unchecked")
    private void materializeBuffered() {
        synchronized (readLock) {
            VectorSchemaRoot batch = current;
            if (batch != null) {
                while (currentRow < batch.getRowCount()) {
                    leftover.add(batchReader.read(batch, currentRow++));
                }
                current = null;
                batch.close();
            }
            Object element;
            while ((element = queue.poll()) != null) {
                if (element instanceof BatchElement b) {
                    try (VectorSchemaRoot root = b.root()) {
                        for (int i = 0; i < root.getRowCount(); i++) {
                            leftover.add(batchReader.read(root, i));
                        }
                    }
                } else if (element instanceof WatermarkMark mark) {
                    if (mark.value() > watermark) {
                        watermark = mark.value();
                    }
                } else {
                    leftover.add((T) element);
                }
            }
        }
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
                        if (isClosed() && drained()) {
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
            if (batchReader != null) {
                materializeBuffered();
            }
            wakeReader();
        }
    }

    @Override
    public String toString() {
        return "Subscription(" + name + ")";
    }
}
