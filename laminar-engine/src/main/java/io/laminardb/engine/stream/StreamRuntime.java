package io.laminardb.engine.stream;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;
import io.laminardb.engine.operator.Operator;
import io.laminardb.engine.plan.TypeMapping;
import io.laminardb.engine.source.EventAccessor;
import io.laminardb.engine.source.EventListener;
import io.laminardb.engine.source.EventPublisher;
import io.laminardb.engine.state.EntryKeys;
import io.laminardb.engine.state.EntrySink;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.StateFormatException;
import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import io.laminardb.engine.state.Stateful;
import io.laminardb.engine.value.ArrowValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntToLongFunction;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The output of a continuous query: the rows a stream or materialized view carries, handed to its subscriptions (in SQL
 * form) and to the queries that read it (in query form), on the engine thread that runs the query. A materialized
 * view also keeps its current contents, which {@code LaminarDB.query} reads from any thread.
 *
 * <p>Its checkpointed state: the rows carried and the last watermark (for {@code SHOW STREAMS} and {@code SHOW
 * WATERMARKS}), and a view's contents, one entry per distinct row with how often it is present. A stream keeps no
 * rows: what it handed on is its subscribers' and readers' to keep.
 */
public final class StreamRuntime implements EventPublisher, Operator, Stateful {

    private static final EventListener[] NO_LISTENERS = new EventListener[0];
    private static final Operator[] NO_OPERATORS = new Operator[0];

    /** Reads a stream's rows as subscriptions get them: {@code Object[]} in SQL form. */
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

    private final String name;
    private final Schema schema;
    private final Field[] fields;
    /** The columns whose query form differs from their SQL form (timestamps, dates, times, decimals). */
    private final boolean[] converts;
    /** Whether any column does: if none, subscribers share the query's row array, which no one changes. */
    private final boolean needsConversion;

    private final Row.Layout layout;
    private final boolean changelog;
    private final boolean materialized;
    private final boolean upsert;
    private final Map<List<Object>, long[]> contents;
    private volatile EventListener[] listeners = NO_LISTENERS;
    private volatile Operator[] readers = NO_OPERATORS;
    private volatile long watermark = Long.MIN_VALUE;
    private volatile boolean completed;
    /**
     * Rows carried, for readers on other threads: published with a release store ({@link #EMITTED}), not a volatile
     * one, which on x86 costs a locked instruction per row on the engine thread.
     */
    @SuppressWarnings("unused") // through EMITTED
    private long emitted;

    private long emittedLocal;

    private static final java.lang.invoke.VarHandle EMITTED;

    static {
        try {
            EMITTED = java.lang.invoke.MethodHandles.lookup().findVarHandle(StreamRuntime.class, "emitted", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * @param changelog whether rows may be retracted
     * @param materialized whether to keep the current contents for queries
     */
    public StreamRuntime(String name, Schema schema, boolean changelog, boolean materialized) {
        this(name, schema, changelog, materialized, false);
    }

    /** @param upsert whether new rows replace earlier ones of their group without a retraction */
    public StreamRuntime(String name, Schema schema, boolean changelog, boolean materialized, boolean upsert) {
        this.upsert = upsert;
        this.name = name;
        this.schema = schema;
        this.fields = schema.getFields().toArray(Field[]::new);
        this.converts = new boolean[fields.length];
        boolean any = false;
        for (int i = 0; i < fields.length; i++) {
            converts[i] = switch (fields[i].getType().getTypeID()) {
                case Timestamp, Date, Time, Decimal -> true;
                default -> false;
            };
            any |= converts[i];
        }
        this.needsConversion = any;
        this.layout = Row.layout(schema);
        this.changelog = changelog;
        this.materialized = materialized;
        this.contents = materialized ? new ConcurrentHashMap<>() : null;
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

    @Override
    public boolean isChangelog() {
        return changelog;
    }

    @Override
    public boolean isUpsert() {
        return upsert;
    }

    public boolean isMaterialized() {
        return materialized;
    }

    // ---- readers ----------------------------------------------------------------------------------------------------

    @Override
    public synchronized void addListener(EventListener listener) {
        EventListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
        next[next.length - 1] = listener;
        listeners = next;
        if (completed) {
            listener.complete();
        }
    }

    @Override
    public synchronized void removeListener(EventListener listener) {
        listeners = Arrays.stream(listeners).filter(l -> l != listener).toArray(EventListener[]::new);
    }

    /** Adds the first operator of a query that reads this stream; it runs on this stream's engine thread. */
    public synchronized void addReader(Operator reader) {
        Operator[] next = Arrays.copyOf(readers, readers.length + 1);
        next[next.length - 1] = reader;
        readers = next;
    }

    public synchronized void removeReader(Operator reader) {
        readers = Arrays.stream(readers).filter(r -> r != reader).toArray(Operator[]::new);
    }

    // ---- the query's output (engine thread) -------------------------------------------------------------------------

    @Override
    public void onRow(Object[] row, ChangeEvent.Op op, long timestamp) {
        EMITTED.setRelease(this, ++emittedLocal);
        if (materialized) {
            materialize(row, op);
        }
        for (Operator reader : readers) {
            reader.onRow(row, op, timestamp);
        }
        EventListener[] listeners = this.listeners;
        if (listeners.length > 0) {
            Object[] external = row;
            if (needsConversion) {
                external = new Object[row.length];
                for (int i = 0; i < external.length; i++) {
                    external[i] = converts[i] ? TypeMapping.toExternal(row[i], fields[i]) : row[i];
                }
            }
            boolean retraction = op.weight() < 0;
            for (EventListener listener : listeners) {
                if (!retraction || listener.wantsRetractions()) {
                    listener.deliver(external, ROWS, op, timestamp);
                }
            }
        }
    }

    /**
     * A batch of inserted rows from the query, in this stream's schema, lent for the call (the caller closes it).
     * Listeners that {@link EventListener#acceptsBatches take batches} get it whole (each keeps its own reference);
     * the view's contents, the queries reading this stream and the other listeners get its rows one by one, as from
     * {@link #onRow}.
     *
     * @param eventTime the event time of each row of the batch
     */
    public void onBatch(VectorSchemaRoot batch, IntToLongFunction eventTime) {
        int rows = batch.getRowCount();
        emittedLocal += rows;
        EMITTED.setRelease(this, emittedLocal);
        EventListener[] listeners = this.listeners;
        Operator[] readers = this.readers;
        int rowListeners = 0;
        for (EventListener listener : listeners) {
            if (!listener.acceptsBatches()) {
                rowListeners++;
            }
        }
        if (materialized || readers.length > 0 || rowListeners > 0) {
            List<FieldVector> vectors = batch.getFieldVectors();
            for (int r = 0; r < rows; r++) {
                Object[] external = new Object[fields.length];
                for (int i = 0; i < external.length; i++) {
                    external[i] = ArrowValues.read(vectors.get(i), r);
                }
                Object[] internal = external;
                if (needsConversion) {
                    internal = new Object[external.length];
                    for (int i = 0; i < external.length; i++) {
                        internal[i] = converts[i] ? TypeMapping.toInternal(external[i], fields[i]) : external[i];
                    }
                }
                long timestamp = eventTime.applyAsLong(r);
                if (materialized) {
                    materialize(internal, ChangeEvent.Op.INSERT);
                }
                for (Operator reader : readers) {
                    reader.onRow(internal, ChangeEvent.Op.INSERT, timestamp);
                }
                if (rowListeners > 0) {
                    for (EventListener listener : listeners) {
                        if (!listener.acceptsBatches()) {
                            listener.deliver(external, ROWS, ChangeEvent.Op.INSERT, timestamp);
                        }
                    }
                }
            }
        }
        if (rowListeners < listeners.length) {
            for (EventListener listener : listeners) {
                if (listener.acceptsBatches()) {
                    listener.deliverBatch(batch);
                }
            }
        }
    }

    private void materialize(Object[] row, ChangeEvent.Op op) {
        List<Object> key = Arrays.asList(row);
        if (op.weight() > 0) {
            contents.compute(key, (k, count) -> {
                if (count == null) {
                    return new long[] {1};
                }
                count[0]++;
                return count;
            });
        } else {
            contents.computeIfPresent(key, (k, count) -> --count[0] <= 0 ? null : count);
        }
    }

    @Override
    public void onWatermark(long watermark) {
        this.watermark = watermark;
        for (Operator reader : readers) {
            reader.onWatermark(watermark);
        }
        for (EventListener listener : listeners) {
            listener.deliverWatermark(watermark);
        }
    }

    @Override
    public void onTick(long nowMillis) {
        for (Operator reader : readers) {
            if (reader.wantsTicks()) {
                reader.onTick(nowMillis);
            }
        }
    }

    @Override
    public boolean wantsTicks() {
        return true;
    }

    @Override
    public void onEnd() {
        completed = true;
        for (Operator reader : readers) {
            reader.onEnd();
        }
        for (EventListener listener : listeners) {
            listener.complete();
        }
    }

    /** Ends the subscriptions from outside the engine thread: the stream was dropped. */
    public void complete() {
        completed = true;
        for (EventListener listener : listeners) {
            listener.complete();
        }
    }

    // ---- introspection (any thread) ---------------------------------------------------------------------------------

    /** The last watermark this stream passed on, or {@link Long#MIN_VALUE}. */
    public long watermark() {
        return watermark;
    }

    public boolean isCompleted() {
        return completed;
    }

    /** Rows (changes included) this stream has carried. */
    public long emitted() {
        return (long) EMITTED.getAcquire(this);
    }

    /** How many rows a materialized view holds now; 0 for a stream. */
    public int size() {
        if (!materialized) {
            return 0;
        }
        long n = 0;
        for (long[] count : contents.values()) {
            n += count[0];
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    /** A copy of a materialized view's current rows, in query form; empty for a stream. */
    public List<Object[]> snapshot() {
        if (!materialized) {
            return List.of();
        }
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<List<Object>, long[]> entry : contents.entrySet()) {
            Object[] row = entry.getKey().toArray();
            for (long i = entry.getValue()[0]; i > 0; i--) {
                rows.add(row);
            }
        }
        return rows;
    }

    // ---- checkpoints (only while no engine thread runs the query) ---------------------------------------------------

    @Override
    public void snapshot(EntrySink out) {
        out.put(StateEntry.shared("emitted", emittedLocal));
        out.put(StateEntry.shared("watermark", watermark));
        if (materialized) {
            for (Map.Entry<List<Object>, long[]> row : contents.entrySet()) {
                long count = row.getValue()[0];
                out.put(EntryKeys.keyed(row.getKey().toArray()), StateWriter.toBytes(w -> w.writeLong(count)));
            }
        }
    }

    @Override
    public void restore(List<StateEntry> entries) {
        if (materialized) {
            contents.clear();
        }
        for (StateEntry entry : entries) {
            if (EntryKeys.isShared(entry.key())) {
                switch (EntryKeys.sharedName(entry.key())) {
                    case "emitted" -> {
                        emittedLocal = entry.longValue();
                        EMITTED.setRelease(this, emittedLocal);
                    }
                    case "watermark" -> watermark = entry.longValue();
                    default -> {} // a counter of a later release
                }
            } else if (materialized) {
                StateReader in = StateReader.of(entry.value());
                long count = in.readLong();
                in.checkFullyRead();
                contents.put(Arrays.asList(EntryKeys.partitionValues(entry.key())), new long[] {count});
            } else {
                throw new StateFormatException("stream '" + name + "' keeps no rows, and its state holds some");
            }
        }
    }
}
