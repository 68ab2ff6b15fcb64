package io.laminardb.engine.source;

import io.laminardb.engine.Backpressure;
import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;
import io.laminardb.engine.SourceClosedException;
import io.laminardb.engine.SourceFullException;
import io.laminardb.engine.SourceMetrics;
import io.laminardb.engine.catalog.CatalogSource;
import io.laminardb.engine.channel.DropOldestChannel;
import io.laminardb.engine.channel.EventChannel;
import io.laminardb.engine.channel.Idler;
import io.laminardb.engine.channel.UpgradableChannel;
import io.laminardb.engine.durability.LogRecord;
import io.laminardb.engine.durability.SourceLog;
import io.laminardb.engine.runtime.EngineTask;
import io.laminardb.engine.state.EntryKeys;
import io.laminardb.engine.state.EntrySink;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.Stateful;
import io.laminardb.engine.value.ArrowValues;
import io.laminardb.engine.value.SqlValues;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.jctools.queues.MessagePassingQueue;

/**
 * A source at run time: its channel, watermark, counters and subscribers.
 *
 * <p><b>Threads.</b> The producer methods ({@link #push}, {@link #tryPush}, {@link #pushBatch}, {@link #pushArrow},
 * {@link #watermark}, {@link #close}) may be called from any thread. {@link #process} is called only by the engine
 * thread that owns the source; the fields marked consumer-local are touched only there.
 *
 * <p>Elements in the channel are the pushed events themselves (record instances, or {@code Object[]} rows from
 * untyped pushes), so a typed push allocates nothing; batches and Arrow batches travel as one element each. The
 * engine thread finds how to read an event from its class ({@link EventAccessor}).
 *
 * <p>Its checkpointed state: the watermark handed on, the highest watermark pushed, the largest event time seen and the
 * number of events taken. Events still in the channel are not state: they were not taken yet, and the count says where
 * the state stops. Producers' clocks are not kept either: a producer after a restore starts its own, and the source's
 * watermark never goes back below the one restored.
 */
public final class SourceRuntime implements EventPublisher, EngineTask, Stateful {

    /** A {@link #pushBatch} travelling through the channel as one element. */
    private record Batch(List<?> events) {}

    /** Lists that cannot change after they are made: a batch in one of these is handed over without a copy. */
    private static final Set<Class<?>> IMMUTABLE_LISTS = Set.copyOf(List.of(
            List.of().getClass(),
            List.of(1).getClass(),
            List.of(1, 2, 3).getClass(),
            Stream.of(1, 2, 3).toList().getClass()));

    private static final EventListener[] NO_LISTENERS = new EventListener[0];

    /**
     * A {@link #watermark} travelling through the channel, so that it reaches the queries after the events pushed
     * before it and before those pushed after it.
     */
    private record PushedWatermark(long value) {}

    /** A {@link #pushArrow} travelling through the channel as one element; the engine closes it. */
    private record ArrowBatch(VectorSchemaRoot root) {}

    /** An element of a source with a write-ahead log, with the sequence number it was logged under. */
    private record Logged(long seq, Object element) {}

    /** A connector's element with the position the connector reached after it (see {@code SourceConnector}). */
    private record Positioned(Object element, byte[] position) {}

    /** Rows of a changelog source, with what each one is. */
    private record Changes(List<Object[]> rows, List<ChangeEvent.Op> ops) {}

    private final CatalogSource definition;
    private final EventChannel<Object> channel;
    private final Backpressure backpressure;
    private final Idler idler;
    private final SourceFullException full;
    private final LongAdder rejected = new LongAdder();
    private final AtomicInteger waitingProducers = new AtomicInteger();
    private final AtomicLong pushedWatermark = new AtomicLong(Long.MIN_VALUE);
    private final Map<Class<?>, EventAccessor> accessors = new ConcurrentHashMap<>();
    private final EventAccessor rowAccessor;

    /** The accessor the producers looked up last; immutable, so a racy read sees a whole pair or null. */
    private record KnownAccessor(Class<?> type, EventAccessor accessor) {}

    /** Producer side: most sources take one class of event, which then skips the map lookup on each push. */
    private KnownAccessor lastAccessor;

    /** Copy-on-write array: read once per drain by the engine thread, replaced when listeners come and go. */
    private volatile EventListener[] subscribers = NO_LISTENERS;

    /** The listeners that want {@link EventListener#tick}; usually none. */
    private volatile EventListener[] tickers = NO_LISTENERS;

    /** The write-ahead log of a durable database; null in memory. Set before the first push. */
    private volatile SourceLog log;

    private volatile Waker waker = () -> {};
    private volatile boolean closed;
    private volatile boolean suspended;

    /** Whether a connector sets the watermark (per partition) instead of the producers' clocks. */
    private volatile boolean connectorWatermarks;

    /** The position of the last connector element the engine took; written by the engine thread. */
    private volatile byte[] consumedPosition;

    private volatile boolean completed;
    private volatile long watermark = Long.MIN_VALUE;
    private final ConsumerState state = new ConsumerState();

    /** Per producer thread, when the source derives watermarks from event time. Append-only, copy-on-write. */
    private volatile ProducerClock[] clocks = new ProducerClock[0];

    private final ThreadLocal<ProducerClock> clock = ThreadLocal.withInitial(this::newClock);
    /** The clock of the thread that pushed last: most sources have one producer, which then skips the lookup. */
    private volatile ProducerClock lastClock;

    private final long idleTimeoutMillis;
    private volatile boolean idle;
    private final MessagePassingQueue.Consumer<Object> dispatcher = this::dispatch;
    private final boolean tracksEventTime;

    // engine thread only: when the listeners were last ticked
    private long lastTick;

    public SourceRuntime(CatalogSource definition) {
        this.definition = definition;
        this.backpressure = definition.config().backpressure();
        this.idler = Idler.of(definition.config().waitStrategy());
        int capacity = definition.config().bufferSize();
        this.channel = backpressure == Backpressure.DROP_OLDEST
                ? new DropOldestChannel<>(capacity, SourceRuntime::release)
                : new UpgradableChannel<>(capacity);
        this.full = new SourceFullException(definition.name(), capacity);
        this.rowAccessor = new RowAccessor(definition.watermarkColumn());
        this.tracksEventTime = definition.watermarkColumn() >= 0;
        this.idleTimeoutMillis = definition.idleTimeoutMillis();
    }

    /** A producer's watermark, for {@code SHOW WATERMARKS}. */
    public record ProducerWatermark(String name, long watermark, boolean idle) {}

    public CatalogSource definition() {
        return definition;
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public void setWaker(Waker waker) {
        this.waker = waker;
    }

    /** Registers how events of {@code type} are read; done when a typed handle is made, before its first push. */
    public void registerAccessor(Class<?> type, EventAccessor accessor) {
        accessors.putIfAbsent(type, accessor);
    }

    // ---- producer side ----------------------------------------------------------------------------------------------

    /** Pushes one event (a record or an {@code Object[]} row), applying the backpressure policy when full. */
    public void push(Object event) {
        if (closed) {
            throw new SourceClosedException(name());
        }
        SourceLog log = this.log;
        if (log != null) {
            pushLogged(log, event);
            return;
        }
        if (!channel.offer(event)) {
            pushWhenFull(event);
        }
        if (tracksEventTime) {
            track(event);
        }
        waker.wakeIfSleeping();
    }

    /** Producer side: moves this thread's clock to the event's time (the largest in a batch). */
    private void track(Object event) {
        long time;
        if (event instanceof Batch batch) {
            time = Long.MIN_VALUE;
            for (Object e : batch.events()) {
                time = Math.max(time, accessorOf(e).eventTime(e));
            }
        } else if (event instanceof Changes changes) {
            time = Long.MIN_VALUE;
            for (Object[] row : changes.rows()) {
                time = Math.max(time, rowAccessor.eventTime(row));
            }
        } else if (event instanceof ArrowBatch) {
            return; // read on the engine thread; its watermark comes from there
        } else {
            time = accessorOf(event).eventTime(event);
        }
        ProducerClock c = lastClock;
        if (c == null || c.thread != Thread.currentThread()) {
            c = clock.get();
            lastClock = c;
        }
        c.advance(time);
    }

    private EventAccessor accessorOf(Object event) {
        Class<?> type = event.getClass();
        KnownAccessor last = lastAccessor;
        if (last != null && last.type == type) {
            return last.accessor;
        }
        EventAccessor accessor = type == Object[].class ? rowAccessor : accessors.get(type);
        if (accessor == null) {
            throw new IllegalStateException("No accessor registered for " + type.getName());
        }
        lastAccessor = new KnownAccessor(type, accessor);
        return accessor;
    }

    private synchronized void forgetEndedProducers() {
        clocks = Arrays.stream(clocks).filter(c -> c.thread.isAlive()).toArray(ProducerClock[]::new);
    }

    private synchronized ProducerClock newClock() {
        ProducerClock c = new ProducerClock(Thread.currentThread(), System.currentTimeMillis());
        ProducerClock[] next = Arrays.copyOf(clocks, clocks.length + 1);
        next[next.length - 1] = c;
        clocks = next;
        return c;
    }

    /** Pushes one event if there is room now. */
    public boolean tryPush(Object event) {
        if (closed) {
            throw new SourceClosedException(name());
        }
        SourceLog log = this.log;
        if (log != null) {
            long position = offerLogged(log, event);
            if (position < 0) {
                return false;
            }
            afterLogged(log, event, position);
            return true;
        }
        boolean taken = channel.offer(event);
        if (taken) {
            if (tracksEventTime) {
                track(event);
            }
            waker.wakeIfSleeping();
        }
        return taken;
    }

    /**
     * Pushes events in order as one element of the channel. A list that cannot change ({@code List.of}, {@code
     * List.copyOf}, {@code Stream.toList()}) is handed over as it is; any other is copied, so the caller may reuse it.
     *
     * @throws NullPointerException if an event is null; nothing is pushed then
     */
    public void pushBatch(List<?> events) {
        if (events.isEmpty()) {
            return;
        }
        List<?> owned = IMMUTABLE_LISTS.contains(events.getClass()) ? events : Arrays.asList(events.toArray());
        for (int i = 0, n = owned.size(); i < n; i++) {
            Objects.requireNonNull(owned.get(i), "a record in the batch is null");
        }
        push(new Batch(owned));
    }

    /** Pushes an Arrow batch (already checked against the schema) as one element; the engine closes it. */
    public void pushArrow(VectorSchemaRoot root) {
        try {
            push(new ArrowBatch(root));
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    // ---- from a connector
    // -----------------------------------------------------------------------------------------------

    /**
     * Makes the connector the only source of this source's watermark ({@link #watermark}): event times of the rows
     * it hands over no longer move it, since they come from partitions a single clock cannot tell apart.
     */
    public void useConnectorWatermarks() {
        connectorWatermarks = true;
    }

    /**
     * Hands a connector's rows to the channel as one element, waiting while it is full.
     *
     * @param ops what each row is, null when all are inserts
     * @param position the connector's position after these rows, null for none
     * @return false when the channel stayed full until {@code timeoutNanos} passed or the source closed; nothing was
     *     taken then
     */
    public boolean offerRows(List<Object[]> rows, List<ChangeEvent.Op> ops, byte[] position, long timeoutNanos)
            throws InterruptedException {
        if (closed) {
            return false;
        }
        Object element = ops == null ? new Batch(rows) : new Changes(rows, ops);
        SourceLog log = this.log;
        if (log != null) {
            if (ops != null) {
                throw new IllegalStateException("Source '" + name() + "': changelog rows of a connector that cannot"
                        + " read again are not written to the write-ahead log in this release");
            }
            pushLogged(log, element);
            return true;
        }
        Object wrapped = position == null ? element : new Positioned(element, position);
        if (!channel.offer(wrapped)) {
            long deadline = System.nanoTime() + timeoutNanos;
            waitingProducers.incrementAndGet();
            try {
                for (int attempt = 0; !channel.offer(wrapped); attempt++) {
                    if (closed || System.nanoTime() - deadline >= 0) {
                        return false;
                    }
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                    waker.wakeIfSleeping();
                    idler.idle(attempt);
                }
            } finally {
                waitingProducers.decrementAndGet();
            }
        }
        if (tracksEventTime && !connectorWatermarks) {
            track(element);
        }
        waker.wakeIfSleeping();
        return true;
    }

    /** The position of the last connector rows the engine took; null before any. Engine still, or any thread. */
    public byte[] consumedPosition() {
        return consumedPosition;
    }

    /** Recovery: the checkpoint's state includes the rows up to {@code position}. Before the engine threads start. */
    public void restorePosition(byte[] position) {
        consumedPosition = position;
    }

    // ---- with a write-ahead log
    // --------------------------------------------------------------------------------------

    /**
     * Makes this source write every pushed element to {@code log} before the push returns, and every watermark its
     * engine thread forwards. Called once, before the first push.
     */
    public void attachLog(SourceLog log) {
        this.log = log;
    }

    /** The sequence number of the last element the engine handed on; engine thread, or with the engine paused. */
    public long consumedSeq() {
        return state.consumedSeq;
    }

    /** Recovery: the checkpoint's state includes the elements up to {@code seq}. Before the engine threads start. */
    public void restoreConsumedSeq(long seq) {
        state.consumedSeq = seq;
    }

    /** The push lock's view of the log: where replay must start for this source. Engine paused. */
    public long replayFrom(long previous) {
        SourceLog log = this.log;
        if (log == null) {
            return previous;
        }
        synchronized (log) {
            return log.replayFrom(state.consumedSeq, previous);
        }
    }

    private void pushLogged(SourceLog log, Object event) {
        long position = offerLogged(log, event);
        if (position < 0) {
            if (backpressure == Backpressure.REJECT) {
                rejected.increment();
                throw full;
            }
            waitingProducers.incrementAndGet();
            try {
                for (int attempt = 0; position < 0; attempt++) {
                    waker.wakeIfSleeping();
                    idler.idle(attempt);
                    if (closed) {
                        throw new SourceClosedException(name());
                    }
                    position = offerLogged(log, event);
                }
            } finally {
                waitingProducers.decrementAndGet();
            }
        }
        afterLogged(log, event, position);
    }

    private void afterLogged(SourceLog log, Object event, long position) {
        if (tracksEventTime) {
            track(event);
        }
        waker.wakeIfSleeping();
        log.awaitDurable(position);
    }

    /**
     * Offers an element numbered with the log's next sequence number and logs it, under the push lock, so that the log
     * holds the source's elements in channel order. Logged after it entered the channel, so that a refused element is
     * never logged; the engine may hand it on before its record is written, which a checkpoint allows for.
     *
     * @return the position to await, or -1 when the channel is full
     */
    private long offerLogged(SourceLog log, Object element) {
        synchronized (log) {
            if (!channel.offer(new Logged(log.nextSeq(), element))) {
                return -1;
            }
            return log.append(rowsOf(element));
        }
    }

    /** The events of an element in SQL form, for the log. */
    private LogRecord.Rows rowsOf(Object element) {
        if (element instanceof Batch batch) {
            List<?> events = batch.events();
            return new LogRecord.Rows() {
                @Override
                public int size() {
                    return events.size();
                }

                @Override
                public Object value(int row, int column) {
                    Object event = events.get(row);
                    return accessorOf(event).value(event, column);
                }
            };
        }
        if (element instanceof ArrowBatch arrow) {
            VectorSchemaRoot root = arrow.root();
            return new LogRecord.Rows() {
                @Override
                public int size() {
                    return root.getRowCount();
                }

                @Override
                public Object value(int row, int column) {
                    return ArrowValues.read(root.getVector(column), row);
                }
            };
        }
        EventAccessor accessor = accessorOf(element);
        return new LogRecord.Rows() {
            @Override
            public int size() {
                return 1;
            }

            @Override
            public Object value(int row, int column) {
                return accessor.value(element, column);
            }
        };
    }

    /**
     * Replays one logged element: hands its rows on at once, on the calling thread, as the engine thread handed them on
     * when they were pushed. Only before the engine threads start.
     */
    public void replay(long seq, List<Object[]> rows) {
        ConsumerState state = this.state;
        dispatchBatch(rows);
        state.consumedSeq = seq;
    }

    /** Replays a logged watermark: passes it on as the engine thread did. Only before the engine threads start. */
    public void replayWatermark(long watermark) {
        if (watermark > this.watermark) {
            this.watermark = watermark;
            for (EventListener subscriber : subscribers) {
                subscriber.deliverWatermark(watermark);
            }
        }
    }

    private void pushWhenFull(Object event) {
        if (backpressure == Backpressure.REJECT) {
            rejected.increment();
            throw full;
        }
        waitingProducers.incrementAndGet();
        try {
            for (int attempt = 0; ; attempt++) {
                waker.wakeIfSleeping();
                idler.idle(attempt);
                if (closed) {
                    throw new SourceClosedException(name());
                }
                if (channel.offer(event)) {
                    return;
                }
            }
        } finally {
            waitingProducers.decrementAndGet();
        }
    }

    /** Raises the pushed watermark; a lower value is ignored. */
    public void watermark(long epochMillis) {
        long current;
        do {
            current = pushedWatermark.get();
            if (epochMillis <= current) {
                return;
            }
        } while (!pushedWatermark.compareAndSet(current, epochMillis));
        // In band when there is room; otherwise process() passes it on once the channel has been emptied.
        if (!closed) {
            channel.offer(new PushedWatermark(epochMillis));
        }
        waker.wakeIfSleeping();
    }

    /** The watermark the engine has passed on, or {@link Long#MIN_VALUE}. */
    public long currentWatermark() {
        return Math.max(watermark, pushedWatermark.get());
    }

    public boolean hasCapacity() {
        return !closed && !channel.isFull();
    }

    public int producerCount() {
        return channel.producerCount();
    }

    public boolean isMpsc() {
        return channel.isMpsc();
    }

    /** Refuses further pushes and releases waiting producers; buffered events are still processed. */
    public void close() {
        closed = true;
        waker.wakeIfSleeping();
    }

    /**
     * As {@link #close()}, but the end of the source is not passed on: the queries reading it keep their open windows
     * and groups, to be checkpointed and carried on after a restart, instead of flushing them as at the end of input.
     */
    public void suspend() {
        suspended = true;
        close();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Whether the source was closed and everything it buffered has been handed on: nothing more will come. */
    @Override
    public boolean isCompleted() {
        return completed;
    }

    // ---- subscribers ------------------------------------------------------------------------------------------------

    @Override
    public Schema schema() {
        return definition.schema();
    }

    @Override
    public Row.Layout layout() {
        return definition.layout();
    }

    @Override
    public boolean isChangelog() {
        return definition.changelog();
    }

    @Override
    public synchronized void addListener(EventListener listener) {
        EventListener[] next = Arrays.copyOf(subscribers, subscribers.length + 1);
        next[next.length - 1] = listener;
        subscribers = next;
        tickers = Arrays.stream(next).filter(EventListener::wantsTicks).toArray(EventListener[]::new);
        if (completed) {
            listener.complete();
        }
    }

    @Override
    public synchronized void removeListener(EventListener listener) {
        subscribers = Arrays.stream(subscribers).filter(s -> s != listener).toArray(EventListener[]::new);
        tickers = Arrays.stream(subscribers).filter(EventListener::wantsTicks).toArray(EventListener[]::new);
    }

    // ---- consumer side (the owning engine thread only) --------------------------------------------------------------

    /**
     * Takes up to {@code limit} elements and hands their events to the subscribers; then passes the watermark on if
     * everything pushed before it has been handed out. Returns the number of elements taken.
     */
    @Override
    public int process(int limit) {
        // Read before draining: every event pushed before this watermark is visible to the drain below.
        long pushed = pushedWatermark.get();
        ProducerClock[] clocksBefore = clocks;
        long[] maxBefore = readClocks(clocksBefore);
        int taken = channel.drain(dispatcher, limit);
        ConsumerState state = this.state;
        long max = state.maxEventTime;
        long consumed = max == Long.MIN_VALUE ? Long.MIN_VALUE : max - definition.watermarkDelayMillis();
        long next = Long.MIN_VALUE;
        if (connectorWatermarks) {
            // The connector's watermarks travel in the channel; one that found it full is passed on once it is empty.
            if (taken < limit) {
                next = pushed;
            }
        } else if (taken < limit) {
            // The channel was emptied: every event the clocks counted before the drain has been handed on, so the
            // slowest producer's progress is safe to pass on. Arrow batches have no clock: their times count here.
            next = Math.max(
                    clocksBefore.length == 0 ? consumed : producerWatermark(clocksBefore, maxBefore, consumed), pushed);
        } else if (clocksBefore.length <= 1) {
            next = consumed; // one producer: the events taken so far are in its order
        }
        forwardWatermark(next);
        EventListener[] tickers = this.tickers;
        if (tickers.length > 0) {
            tick(tickers);
        }
        if (taken < limit && closed && !completed && channel.size() == 0) {
            completed = true;
            if (!suspended) {
                for (EventListener subscriber : subscribers) {
                    subscriber.complete();
                }
            }
        }
        return taken;
    }

    private void forwardWatermark(long next) {
        if (next > watermark) {
            SourceLog log = this.log;
            if (log != null) {
                log.appendWatermark(state.consumedSeq, next);
            }
            watermark = next;
            for (EventListener subscriber : subscribers) {
                subscriber.deliverWatermark(next);
            }
        }
    }

    private static final long[] NO_CLOCKS = new long[0];

    private static long[] readClocks(ProducerClock[] clocks) {
        if (clocks.length == 0) {
            return NO_CLOCKS;
        }
        long[] max = new long[clocks.length];
        for (int i = 0; i < clocks.length; i++) {
            max[i] = clocks[i].maxEventTime();
        }
        return max;
    }

    /**
     * The minimum over the producers that are not idle of their largest event time less the delay; a producer that
     * has not moved for {@code idle_timeout} stops holding the source back. {@link Long#MIN_VALUE} when no producer
     * counts.
     */
    private long producerWatermark(ProducerClock[] clocks, long[] max, long consumed) {
        if (clocks.length == 0) {
            return Long.MIN_VALUE;
        }
        long now = idleTimeoutMillis > 0 ? System.currentTimeMillis() : 0;
        long min = Long.MAX_VALUE;
        boolean anyActive = false;
        boolean anyEnded = false;
        for (int i = 0; i < clocks.length; i++) {
            ProducerClock c = clocks[i];
            if (!c.thread.isAlive()) {
                // A thread that has ended pushes no more, and its events are handed on: it holds nothing back.
                anyEnded = true;
                continue;
            }
            if (max[i] != c.seenMax) {
                c.seenMax = max[i];
                c.seenMovingAtMillis = now;
                c.idle = false;
            } else if (idleTimeoutMillis > 0 && now - c.seenMovingAtMillis >= idleTimeoutMillis) {
                c.idle = true;
            }
            if (!c.idle && max[i] != Long.MIN_VALUE) {
                anyActive = true;
                min = Math.min(min, max[i]);
            } else if (!c.idle) {
                return Long.MIN_VALUE; // an active producer without an event yet holds everything back
            }
        }
        if (anyEnded) {
            forgetEndedProducers();
        }
        idle = !anyActive && idleTimeoutMillis > 0;
        if (!anyActive) {
            // Every producer has ended or gone idle: what was handed on is all there is.
            return idleTimeoutMillis > 0 || anyEnded ? consumed : Long.MIN_VALUE;
        }
        return min - definition.watermarkDelayMillis();
    }

    /** Whether every producer of the source has been idle for {@code idle_timeout}. */
    public boolean isIdle() {
        return idle;
    }

    /** Each producer's watermark (its largest event time less the delay) and whether it is idle. */
    public List<ProducerWatermark> producerWatermarks() {
        List<ProducerWatermark> result = new java.util.ArrayList<>();
        for (ProducerClock c : clocks) {
            long max = c.maxEventTime();
            result.add(new ProducerWatermark(
                    c.name, max == Long.MIN_VALUE ? Long.MIN_VALUE : max - definition.watermarkDelayMillis(), c.idle));
        }
        return result;
    }

    /** The active producer with the lowest watermark: the one holding the source back, if any. */
    public java.util.Optional<ProducerWatermark> slowestProducer() {
        return producerWatermarks().stream()
                .filter(p -> !p.idle())
                .min(java.util.Comparator.comparingLong(ProducerWatermark::watermark));
    }

    private void tick(EventListener[] tickers) {
        long now = System.currentTimeMillis();
        if (now != lastTick) {
            lastTick = now;
            for (EventListener ticker : tickers) {
                ticker.tick(now);
            }
        }
    }

    @Override
    public boolean isInput() {
        return true;
    }

    /** Whether the channel holds elements; approximate, for the engine thread's idle check. */
    @Override
    public boolean hasPending() {
        return channel.size() > 0 || (closed && !completed);
    }

    private void dispatch(Object element) {
        if (element instanceof Logged logged) {
            element = logged.element();
            state.consumedSeq = logged.seq();
        }
        if (element instanceof Positioned positioned) {
            element = positioned.element();
            if (positioned.position() != null) {
                consumedPosition = positioned.position();
            }
        }
        if (element instanceof Changes changes) {
            dispatchChanges(changes.rows(), changes.ops());
        } else if (element instanceof PushedWatermark mark) {
            forwardWatermark(mark.value());
        } else if (element instanceof Batch batch) {
            dispatchBatch(batch.events());
        } else if (element instanceof ArrowBatch arrow) {
            dispatchArrow(arrow.root());
        } else {
            dispatchEvent(element);
        }
    }

    /**
     * Hands an Arrow batch on: whole to the listeners that {@link EventListener#acceptsBatches take batches} (lent for
     * the call; each keeps its own reference if it keeps the data), and row by row, in SQL form, to the others. The
     * source's event time advances by the batch's largest time either way. The batch is closed afterwards.
     */
    private void dispatchArrow(VectorSchemaRoot root) {
        try {
            int rows = root.getRowCount();
            ConsumerState state = this.state;
            EventListener[] subscribers = this.subscribers;
            int perRow = 0;
            for (EventListener subscriber : subscribers) {
                if (!subscriber.acceptsBatches()) {
                    perRow++;
                }
            }
            if (rows == 0) {
                return;
            }
            if (perRow > 0) {
                dispatchArrowRows(root, rows, subscribers, perRow);
            } else {
                state.count(rows);
                if (tracksEventTime) {
                    long max = maxEventTime(root.getVector(definition.watermarkColumn()), rows);
                    if (max > state.maxEventTime) {
                        state.maxEventTime = max;
                    }
                }
            }
            if (perRow < subscribers.length) {
                for (EventListener subscriber : subscribers) {
                    if (subscriber.acceptsBatches()) {
                        subscriber.deliverBatch(root);
                    }
                }
            }
        } finally {
            root.close();
        }
    }

    /** Each row of the batch, in SQL form, to the listeners that do not take batches. */
    private void dispatchArrowRows(VectorSchemaRoot root, int rows, EventListener[] subscribers, int perRow) {
        EventListener[] rowListeners = new EventListener[perRow];
        int at = 0;
        for (EventListener subscriber : subscribers) {
            if (!subscriber.acceptsBatches()) {
                rowListeners[at++] = subscriber;
            }
        }
        ConsumerState state = this.state;
        state.count(rows);
        List<FieldVector> vectors = root.getFieldVectors();
        long max = state.maxEventTime;
        for (int row = 0; row < rows; row++) {
            Object[] values = new Object[vectors.size()];
            for (int column = 0; column < values.length; column++) {
                values[column] = ArrowValues.read(vectors.get(column), row);
            }
            long eventTime = rowAccessor.eventTime(values);
            if (eventTime > max) {
                max = eventTime;
            }
            for (EventListener subscriber : rowListeners) {
                subscriber.deliver(values, rowAccessor, ChangeEvent.Op.INSERT, eventTime);
            }
        }
        if (tracksEventTime) {
            state.maxEventTime = max;
        }
    }

    /** The largest event time in the first {@code rows} values of the event-time column; nulls do not count. */
    private static long maxEventTime(FieldVector times, int rows) {
        long max = Long.MIN_VALUE;
        if (times instanceof TimeStampMilliVector millis) {
            for (int i = 0; i < rows; i++) {
                if (!millis.isNull(i)) {
                    long t = millis.get(i);
                    if (t > max) {
                        max = t;
                    }
                }
            }
            return max;
        }
        for (int i = 0; i < rows; i++) {
            long t = SqlValues.epochMillis(ArrowValues.read(times, i));
            if (t > max) {
                max = t;
            }
        }
        return max;
    }

    private void dispatchEvent(Object event) {
        ConsumerState state = this.state;
        state.count(1);
        // Read per event, not once per drain: a listener added while a drain runs gets every event pushed after it
        // was added, even those this drain takes.
        EventListener[] subscribers = this.subscribers;
        if (!tracksEventTime && subscribers.length == 0) {
            return; // nobody reads this event's columns
        }
        EventAccessor accessor = accessorOf(event, state);
        long eventTime = accessor.eventTime(event);
        if (tracksEventTime && eventTime > state.maxEventTime) {
            state.maxEventTime = eventTime;
        }
        for (EventListener subscriber : subscribers) {
            subscriber.deliver(event, accessor, ChangeEvent.Op.INSERT, eventTime);
        }
    }

    /** As {@link #dispatchEvent} for each event, with the per-event bookkeeping hoisted out of the loop. */
    private void dispatchBatch(List<?> events) {
        ConsumerState state = this.state;
        int n = events.size();
        state.count(n);
        // Read per event, not once per drain: a listener added while a drain runs gets every event pushed after it
        // was added, even those this drain takes.
        EventListener[] subscribers = this.subscribers;
        if (!tracksEventTime && subscribers.length == 0) {
            return;
        }
        long max = state.maxEventTime;
        for (int i = 0; i < n; i++) {
            Object event = events.get(i);
            EventAccessor accessor = accessorOf(event, state);
            long eventTime = accessor.eventTime(event);
            if (eventTime > max) {
                max = eventTime;
            }
            for (EventListener subscriber : subscribers) {
                subscriber.deliver(event, accessor, ChangeEvent.Op.INSERT, eventTime);
            }
        }
        if (tracksEventTime) {
            state.maxEventTime = max;
        }
    }

    /** The rows of a changelog source, each with its own operation. */
    private void dispatchChanges(List<Object[]> rows, List<ChangeEvent.Op> ops) {
        ConsumerState state = this.state;
        int n = rows.size();
        state.count(n);
        EventListener[] subscribers = this.subscribers;
        long max = state.maxEventTime;
        for (int i = 0; i < n; i++) {
            Object[] row = rows.get(i);
            long eventTime = rowAccessor.eventTime(row);
            if (eventTime > max) {
                max = eventTime;
            }
            ChangeEvent.Op op = ops.get(i);
            for (EventListener subscriber : subscribers) {
                subscriber.deliver(row, rowAccessor, op, eventTime);
            }
        }
        if (tracksEventTime) {
            state.maxEventTime = max;
        }
    }

    private EventAccessor accessorOf(Object event, ConsumerState state) {
        Class<?> type = event.getClass();
        if (type == state.lastClass) {
            return state.lastAccessor;
        }
        EventAccessor accessor = type == Object[].class ? rowAccessor : accessors.get(type);
        if (accessor == null) {
            throw new IllegalStateException("No accessor registered for " + type.getName());
        }
        state.lastClass = type;
        state.lastAccessor = accessor;
        return accessor;
    }

    private static void release(Object element) {
        if (element instanceof Logged logged) {
            element = logged.element();
        }
        if (element instanceof Positioned positioned) {
            element = positioned.element();
        }
        if (element instanceof ArrowBatch arrow) {
            arrow.root().close();
        }
    }

    // ---- checkpoints (only while the engine thread is paused) -------------------------------------------------------

    @Override
    public void snapshot(EntrySink out) {
        out.put(StateEntry.shared("watermark", watermark));
        out.put(StateEntry.shared("pushed-watermark", pushedWatermark.get()));
        out.put(StateEntry.shared("max-event-time", state.maxEventTime));
        out.put(StateEntry.shared("consumed", state.consumedLocal));
    }

    @Override
    public void restore(List<StateEntry> entries) {
        long consumed = 0;
        long maxEventTime = Long.MIN_VALUE;
        for (StateEntry entry : entries) {
            switch (EntryKeys.sharedName(entry.key())) {
                case "watermark" -> watermark = entry.longValue();
                case "pushed-watermark" -> pushedWatermark.set(entry.longValue());
                case "max-event-time" -> maxEventTime = entry.longValue();
                case "consumed" -> consumed = entry.longValue();
                default -> {} // a counter of a later release
            }
        }
        state.restore(consumed, maxEventTime);
    }

    // ---- metrics ----------------------------------------------------------------------------------------------------

    /** Events taken by the engine so far. */
    public long consumed() {
        return state.consumed;
    }

    public SourceMetrics metrics() {
        long pending = channel.size();
        long capacity = channel.capacity();
        long dropped = channel instanceof DropOldestChannel<?> d ? d.dropped() : 0;
        return new SourceMetrics(
                name(),
                state.consumed + pending,
                pending,
                capacity,
                waitingProducers.get() > 0 || pending >= capacity,
                currentWatermark(),
                Math.min(1.0, (double) pending / capacity),
                dropped,
                rejected.sum(),
                channel.producerCount(),
                channel.isMpsc());
    }
}
