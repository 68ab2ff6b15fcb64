package io.laminardb.engine.table;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;
import io.laminardb.engine.TableInfo;
import io.laminardb.engine.durability.TableLog;
import io.laminardb.engine.plan.TypeMapping;
import io.laminardb.engine.runtime.EngineTask;
import io.laminardb.engine.source.EventAccessor;
import io.laminardb.engine.source.EventListener;
import io.laminardb.engine.source.EventPublisher;
import io.laminardb.engine.state.EntryKeys;
import io.laminardb.engine.state.EntrySink;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A reference table at run time: its current rows by primary key, and the changes made to them on their way to the
 * table's readers.
 *
 * <p><b>Threads.</b> {@link #upsert}, {@link #delete}, {@link #addListener}, {@link #removeListener} and the readers
 * of the current rows may be called from any thread; they take the table's lock. A change is applied to the rows under
 * the lock and queued in the same step, so the queue holds the changes in statement order. {@link #process} runs on the
 * engine thread that owns the table and hands the queued changes to the listeners.
 *
 * <p><b>Joining readers.</b> A listener added while the table holds rows first receives those rows as {@code INSERT}s,
 * then every later change: {@link #addListener} copies the rows and queues the copy, under the lock, behind the
 * changes already queued (which the rows already include, and which the new listener therefore does not get). The
 * engine thread hands the copy to the listener when it reaches it, and from then on the listener gets every change
 * queued after it: no change is missed or received twice.
 *
 * <p>The queue is not bounded: its producers are statements, each of a known size, and the engine thread takes
 * changes as fast as the readers take them.
 *
 * <p><b>Checkpoints.</b> The state is the rows, one entry per row keyed by its primary key, in order of first
 * insertion, and the count of changes delivered; the lookup index is rebuilt from the rows.
 */
public final class TableRuntime implements EventPublisher, EngineTask {

    private static final EventListener[] NO_LISTENERS = new EventListener[0];

    /** Reads a table's rows: {@code Object[]} in SQL form that nobody changes; a table has no event time. */
    private static final EventAccessor ROWS = new EventAccessor() {
        @Override
        public Object value(Object event, int column) {
            return ((Object[]) event)[column];
        }

        @Override
        public long eventTime(Object event) {
            return Long.MIN_VALUE;
        }

        @Override
        public boolean sharesRows() {
            return true;
        }
    };

    /** One change of one row. */
    private record Change(ChangeEvent.Op op, Object[] row) {}

    /** A statement's changes, travelling through the queue together. */
    private record Changes(List<Change> changes) {}

    /** A listener joining, with the rows it starts from. */
    private record Join(EventListener listener, List<Object[]> rows) {}

    private final String name;
    private final Schema schema;
    private final Field[] fields;
    private final Row.Layout layout;
    private final int[] key;
    private final String sql;

    /** Guarded by {@code this}: the current rows, in SQL form, by primary key, in order of first insertion. */
    private final Map<List<Object>, Object[]> rows = new LinkedHashMap<>();

    /**
     * Written under {@code this}, read from any thread: the current rows in query form by their key in query form, for
     * lookup joins; null until the first lookup join asks for it.
     */
    private volatile ConcurrentHashMap<List<Object>, Object[]> lookupIndex;

    /** Guarded by {@code this}: listeners removed before the engine thread reached their {@link Join}. */
    private final Set<EventListener> leftEarly = Collections.newSetFromMap(new IdentityHashMap<>());

    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private volatile EventListener[] listeners = NO_LISTENERS;
    private volatile EventListener[] tickers = NO_LISTENERS;
    private volatile Waker waker = () -> {};
    private volatile boolean closed;
    private volatile boolean completed;
    private volatile long changesDelivered;

    // engine thread only
    private long lastTick;
    private long delivered;

    /**
     * @param schema the columns; the key columns are NOT NULL
     * @param key the indexes of the primary key columns, in key order
     * @param sql the statement that created the table
     */
    /** Whether closing ends the table for its readers ({@link #close()}) or only stops it ({@link #suspend()}). */
    private volatile boolean suspended;

    /** The write-ahead log of a durable database; null in memory. */
    private volatile TableLog log;

    /** The external system that holds the rows of a connector-backed table; null for a table in memory. */
    private final ConnectorLookup external;

    public TableRuntime(String name, Schema schema, int[] key, String sql) {
        this(name, schema, key, sql, null);
    }

    /**
     * @param external where the rows of a connector-backed table are looked up; null for a table that holds its rows
     */
    public TableRuntime(String name, Schema schema, int[] key, String sql, ConnectorLookup external) {
        this.name = name;
        this.schema = schema;
        this.fields = schema.getFields().toArray(Field[]::new);
        this.layout = Row.layout(schema);
        this.key = key.clone();
        this.sql = sql;
        this.external = external;
    }

    /**
     * The lookup of a connector-backed table ({@code CREATE TABLE ... WITH (connector = ...)}), which holds no rows of
     * its own: they are found by key in the external system, for lookup joins only.
     */
    public java.util.Optional<ConnectorLookup> external() {
        return java.util.Optional.ofNullable(external);
    }

    /** How lookup joins find this table's rows by key: its lookup index, or its connector. */
    public io.laminardb.engine.operator.TableLookup lookup() {
        if (external != null) {
            return external;
        }
        Map<List<Object>, Object[]> index = lookupIndex();
        return index::get;
    }

    /** Releases the connector of a connector-backed table; the table itself is closed by {@link #close()}. */
    public void closeConnector() {
        if (external != null) {
            external.close();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Row.Layout layout() {
        return layout;
    }

    /** A table's rows are updated and deleted: readers get retractions. */
    @Override
    public boolean isChangelog() {
        return true;
    }

    public String sql() {
        return sql;
    }

    /** The names of the primary key columns, in key order. */
    public List<String> primaryKey() {
        return Arrays.stream(key).mapToObj(i -> fields[i].getName()).toList();
    }

    public TableInfo info() {
        return new TableInfo(
                name,
                schema,
                primaryKey(),
                size(),
                sql,
                external == null ? null : external.metrics().connector());
    }

    // ---- changes (any thread) ---------------------------------------------------------------------------------------

    /**
     * Inserts or replaces rows by primary key, in order: a new key is an {@code INSERT}, a key whose row differs an
     * {@code UPDATE_BEFORE} of the old row and an {@code UPDATE_AFTER} of the new one, an identical row nothing.
     *
     * @param checked rows in SQL form, already checked against the schema; the table keeps them
     * @return the rows inserted or updated
     */
    public synchronized long upsert(List<Object[]> checked) {
        checkOpen();
        if (external != null) {
            throw new IllegalStateException("Table '" + name + "' is backed by a connector; its rows cannot be set.");
        }
        TableLog log = this.log;
        if (log != null) {
            log.append(true, checked);
        }
        return apply(checked);
    }

    /** Makes the table log every change before the statement that made it returns; once, before the first change. */
    public void attachLog(TableLog log) {
        this.log = log;
    }

    /** Applies logged upserts again, without logging them; only before the engine threads start. */
    public synchronized void replayUpsert(List<Object[]> rows) {
        apply(rows);
    }

    /** Deletes logged rows again by primary key, without logging; only before the engine threads start. */
    public synchronized void replayDelete(List<Object[]> rows) {
        java.util.Set<List<Object>> keys = new java.util.HashSet<>();
        for (Object[] row : rows) {
            keys.add(keyOf(row));
        }
        remove(row -> keys.contains(keyOf(row)));
    }

    private long apply(List<Object[]> checked) {
        List<Change> changes = new ArrayList<>();
        for (Object[] row : checked) {
            Object[] old = rows.put(keyOf(row), row);
            if (lookupIndex != null && !Arrays.equals(old, row)) {
                Object[] internal = internal(row);
                lookupIndex.put(internalKeyOf(internal), internal);
            }
            if (old == null) {
                changes.add(new Change(ChangeEvent.Op.INSERT, row));
            } else if (!Arrays.equals(old, row)) {
                changes.add(new Change(ChangeEvent.Op.UPDATE_BEFORE, old));
                changes.add(new Change(ChangeEvent.Op.UPDATE_AFTER, row));
            }
        }
        long affected = changes.stream()
                .filter(c -> c.op() != ChangeEvent.Op.UPDATE_BEFORE)
                .count();
        enqueue(changes);
        return affected;
    }

    /**
     * Deletes the rows {@code condition} accepts; it sees the rows in SQL form, under the table's lock.
     *
     * @return the rows deleted
     */
    public synchronized long delete(Predicate<Object[]> condition) {
        checkOpen();
        List<Change> changes = remove(condition);
        TableLog log = this.log;
        if (log != null) {
            log.append(false, changes.stream().map(Change::row).toList());
        }
        return changes.size();
    }

    private List<Change> remove(Predicate<Object[]> condition) {
        List<Change> changes = new ArrayList<>();
        var it = rows.values().iterator();
        while (it.hasNext()) {
            Object[] row = it.next();
            if (condition.test(row)) {
                it.remove();
                if (lookupIndex != null) {
                    lookupIndex.remove(internalKeyOf(internal(row)));
                }
                changes.add(new Change(ChangeEvent.Op.DELETE, row));
            }
        }
        enqueue(changes);
        return changes;
    }

    /**
     * Runs {@code action} on the current rows (in SQL form, not to be changed) under the table's lock: no change comes
     * between what it reads and what it does to the table from inside.
     */
    public synchronized <R> R withRows(java.util.function.Function<List<Object[]>, R> action) {
        return action.apply(List.copyOf(rows.values()));
    }

    private void enqueue(List<Change> changes) {
        if (!changes.isEmpty()) {
            queue.add(new Changes(changes));
            waker.wakeIfSleeping();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Table '" + name + "' has been dropped or the database shut down.");
        }
    }

    /** The primary key of a row in SQL form. */
    public List<Object> keyOf(Object[] row) {
        Object[] values = new Object[key.length];
        for (int i = 0; i < key.length; i++) {
            values[i] = row[key[i]];
        }
        return Arrays.asList(values);
    }

    // ---- reading the current rows (any thread) ----------------------------------------------------------------------

    /**
     * The current rows for lookup joins: a map from the primary key in query form (the key columns' values in key
     * order) to the row in query form (see {@code TypeMapping}), which nobody changes. It is read without a lock from
     * any thread and follows the table: a statement's changes are applied to it before the statement returns, row by
     * row (a reader may see part of a statement's changes, never part of a row).
     */
    public synchronized Map<List<Object>, Object[]> lookupIndex() {
        if (lookupIndex == null) {
            ConcurrentHashMap<List<Object>, Object[]> index = new ConcurrentHashMap<>();
            for (Object[] row : rows.values()) {
                Object[] internal = internal(row);
                index.put(internalKeyOf(internal), internal);
            }
            lookupIndex = index;
        }
        return Collections.unmodifiableMap(lookupIndex);
    }

    private Object[] internal(Object[] row) {
        Object[] internal = new Object[row.length];
        for (int i = 0; i < row.length; i++) {
            internal[i] = TypeMapping.toInternal(row[i], fields[i]);
        }
        return internal;
    }

    private List<Object> internalKeyOf(Object[] internal) {
        Object[] values = new Object[key.length];
        for (int i = 0; i < key.length; i++) {
            values[i] = internal[key[i]];
        }
        return Arrays.asList(values);
    }

    public synchronized int size() {
        return rows.size();
    }

    /** A copy of the current rows in the form queries work on (see {@code TypeMapping}). */
    public synchronized List<Object[]> snapshot() {
        List<Object[]> copy = new ArrayList<>(rows.size());
        for (Object[] row : rows.values()) {
            copy.add(internal(row));
        }
        return copy;
    }

    // ---- readers ----------------------------------------------------------------------------------------------------

    /**
     * Adds a listener: it receives the current rows as {@code INSERT}s, then every later change, on the table's engine
     * thread.
     */
    @Override
    public synchronized void addListener(EventListener listener) {
        if (completed) {
            listener.complete();
            return;
        }
        queue.add(new Join(listener, List.copyOf(rows.values())));
        waker.wakeIfSleeping();
    }

    @Override
    public synchronized void removeListener(EventListener listener) {
        EventListener[] before = listeners;
        listeners = Arrays.stream(before).filter(l -> l != listener).toArray(EventListener[]::new);
        if (listeners.length == before.length) {
            leftEarly.add(listener);
        }
        tickers = Arrays.stream(listeners).filter(EventListener::wantsTicks).toArray(EventListener[]::new);
    }

    /** Refuses further changes; the changes queued still reach the readers, which then complete. */
    public void close() {
        closed = true;
        waker.wakeIfSleeping();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Changes handed to the readers so far. */
    public long changesDelivered() {
        return changesDelivered;
    }

    // ---- checkpoints ------------------------------------------------------------------------------------------------

    /**
     * Writes the rows (in SQL form) and the count of changes delivered; only when every change has reached the
     * readers, which is when their state includes it.
     *
     * @throws IllegalStateException if changes are still queued for the readers
     */
    public synchronized void snapshot(EntrySink out) {
        if (hasUndeliveredChanges()) {
            throw new IllegalStateException("Table '" + name + "' has changes on their way to its readers: take the"
                    + " snapshot once the engine has handed them on.");
        }
        out.put(StateEntry.shared("changes-delivered", delivered));
        for (Map.Entry<List<Object>, Object[]> row : rows.entrySet()) {
            out.put(EntryKeys.keyed(row.getKey().toArray()), StateWriter.toBytes(w -> w.writeRow(row.getValue())));
        }
    }

    /**
     * Replaces the rows with those of a checkpoint, before anything was written to the table; only while the engine
     * thread is paused. Readers that joined since the table was created and have not been handed the rows yet get the
     * restored rows, as a reader joining a table with rows does, unless {@code upToDate} says their own restored state
     * already holds them (a restored query).
     *
     * @throws IllegalStateException if changes were made to the table since it was created
     */
    public synchronized void restore(List<StateEntry> entries, Predicate<EventListener> upToDate) {
        if (hasUndeliveredChanges()) {
            throw new IllegalStateException(
                    "Table '" + name + "' was written before its state was restored: restore before any change.");
        }
        rows.clear();
        for (StateEntry entry : entries) {
            if (EntryKeys.isShared(entry.key())) {
                if (EntryKeys.sharedName(entry.key()).equals("changes-delivered")) {
                    delivered = entry.longValue();
                    changesDelivered = delivered;
                }
                continue;
            }
            StateReader in = StateReader.of(entry.value());
            Object[] row = in.readRow();
            in.checkFullyRead();
            rows.put(keyOf(row), row);
        }
        if (lookupIndex != null) {
            lookupIndex.clear();
            for (Object[] row : rows.values()) {
                Object[] internal = internal(row);
                lookupIndex.put(internalKeyOf(internal), internal);
            }
        }
        List<Object[]> restored = List.copyOf(rows.values());
        List<Object> pending = new ArrayList<>(queue);
        queue.clear();
        for (Object element : pending) {
            queue.add(
                    element instanceof Join join && !upToDate.test(join.listener())
                            ? new Join(join.listener(), restored)
                            : element);
        }
    }

    /**
     * Recovery, after the queries reading this table were restored from a checkpoint: a restored reader's state holds
     * the table's rows as of the checkpoint, and the changes queued since (replayed from the log, or made by this run's
     * statements) are exactly what it has not seen. So it becomes a listener at once, ahead of those changes, instead
     * of receiving the current rows when its turn in the queue comes. Before the engine threads start.
     */
    public synchronized void promoteRestoredReaders(Predicate<EventListener> restored) {
        List<EventListener> promoted = new ArrayList<>();
        queue.removeIf(element -> {
            if (element instanceof Join join && restored.test(join.listener())) {
                promoted.add(join.listener());
                return true;
            }
            return false;
        });
        if (promoted.isEmpty()) {
            return;
        }
        EventListener[] next = Arrays.copyOf(listeners, listeners.length + promoted.size());
        for (int i = 0; i < promoted.size(); i++) {
            next[listeners.length + i] = promoted.get(i);
        }
        listeners = next;
        tickers = Arrays.stream(next).filter(EventListener::wantsTicks).toArray(EventListener[]::new);
    }

    /** Whether statements have changed rows whose changes the engine thread has not handed to the readers yet. */
    private boolean hasUndeliveredChanges() {
        for (Object element : queue) {
            if (element instanceof Changes) {
                return true;
            }
        }
        return false;
    }

    // ---- the engine thread ------------------------------------------------------------------------------------------

    @Override
    public void setWaker(Waker waker) {
        this.waker = waker;
    }

    @Override
    public int process(int limit) {
        int taken = 0;
        Object element;
        while (taken < limit && (element = queue.poll()) != null) {
            taken++;
            if (element instanceof Changes changes) {
                deliver(changes.changes());
            } else {
                join((Join) element);
            }
        }
        EventListener[] tickers = this.tickers;
        if (tickers.length > 0) {
            long now = System.currentTimeMillis();
            if (now != lastTick) {
                lastTick = now;
                for (EventListener ticker : tickers) {
                    ticker.tick(now);
                }
            }
        }
        if (closed && !completed && queue.isEmpty()) {
            complete();
        }
        return taken;
    }

    private void deliver(List<Change> changes) {
        EventListener[] listeners = this.listeners;
        for (Change change : changes) {
            boolean retraction = change.op().weight() < 0;
            for (EventListener listener : listeners) {
                if (!retraction || listener.wantsRetractions()) {
                    listener.deliver(change.row(), ROWS, change.op(), Long.MIN_VALUE);
                }
            }
        }
        delivered += changes.size();
        changesDelivered = delivered;
    }

    private void join(Join join) {
        synchronized (this) {
            if (leftEarly.remove(join.listener())) {
                return;
            }
        }
        // Outside the lock: a listener may block on a full buffer, and statements must not wait for it.
        for (Object[] row : join.rows()) {
            join.listener().deliver(row, ROWS, ChangeEvent.Op.INSERT, Long.MIN_VALUE);
        }
        synchronized (this) {
            if (leftEarly.remove(join.listener())) {
                return;
            }
            EventListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
            next[next.length - 1] = join.listener();
            listeners = next;
            tickers = Arrays.stream(next).filter(EventListener::wantsTicks).toArray(EventListener[]::new);
        }
    }

    /**
     * As {@link #close()}, but the end of the table is not passed on to the queries reading it, which keep their state
     * for a checkpoint.
     */
    public void suspend() {
        suspended = true;
        close();
    }

    private synchronized void complete() {
        completed = true;
        if (suspended) {
            return;
        }
        for (EventListener listener : listeners) {
            listener.complete();
        }
        for (Object element : queue) {
            if (element instanceof Join join) {
                join.listener().complete();
            }
        }
    }

    @Override
    public boolean hasPending() {
        return !queue.isEmpty() || (closed && !completed);
    }

    @Override
    public boolean isCompleted() {
        return completed;
    }
}
