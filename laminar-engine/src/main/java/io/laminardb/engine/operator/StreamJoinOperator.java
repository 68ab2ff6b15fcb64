package io.laminardb.engine.operator;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.plan.codegen.RowPredicate;
import io.laminardb.engine.state.EntryKeys;
import io.laminardb.engine.state.EntrySink;
import io.laminardb.engine.state.SizedState;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.StateFormatException;
import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * A join of two inputs on equal keys: each row of one input is joined with the rows of the other that it meets (equal
 * keys, and the rest of the {@code ON} condition), and kept for the rows of the other input still to come.
 *
 * <p><b>State.</b> A row is kept until the other input can no longer send a row it meets. Its <i>bound</i>, computed
 * from the row by the time conditions of the join, is the latest event time of a row of the other input it can meet
 * ({@code b.ts <= a.ts + INTERVAL '1' HOUR} gives {@code a}'s rows the bound {@code a.ts + 1 hour}); once the other
 * input's watermark has passed it, the row goes. A row without a bound (no time condition limits it) is kept until it
 * is retracted: a regular join keeps every row of both inputs.
 *
 * <p><b>Outer joins.</b> A row of an outer side that met nothing is handed on padded with nulls: when it goes, if it
 * has a bound (an interval join, whose output then stays append-only); at once if it has none, and retracted when the
 * first row it meets arrives (and handed on again when the last one is retracted), as a changelog.
 *
 * <p><b>Changelogs.</b> A retraction ({@code DELETE}, {@code UPDATE_BEFORE}) removes the equal row and retracts what it
 * was joined into; updates are handed on as a retraction and an insert.
 *
 * <p><b>Late rows.</b> A row of an input whose rows have bounds, behind that input's watermark, is dropped: what it
 * would meet depends on how the inputs interleave. Rows without bounds (a regular join) are never late.
 *
 * <p><b>Time.</b> A joined row carries the later of its two rows' event times; a padded row its own. The watermark
 * handed on is the lower of the two inputs', held back by {@code holdback} milliseconds, so that padded rows handed on
 * when their bound passes are not late for the operators after the join.
 */
public final class StreamJoinOperator implements TwoInputOperator, SizedState {

    /**
     * How the rows of one input take part.
     *
     * @param keyColumns the columns holding the join key, in key order (the other input's in the same order)
     * @param width the input's columns
     * @param bound computes a row's bound (an event time in epoch milliseconds) from the row, {@link Long#MIN_VALUE}
     *     for a row that meets no row still to come; null when the rows have none
     * @param outer whether the input's rows that meet nothing are handed on, padded with nulls
     */
    public record Input(int[] keyColumns, int width, ToLongFunction<Object[]> bound, boolean outer) {}

    /** By bound, and rows of one bound in arrival order: padded rows leave in the same order after a restore. */
    private static final Comparator<Entry> BY_BOUND =
            Comparator.<Entry>comparingLong(e -> e.bound).thenComparingLong(e -> e.sequence);

    private final Side left;
    private final Side right;
    private final RowPredicate condition;
    private final long holdback;
    private final Operator next;
    private long forwarded = Long.MIN_VALUE;
    private int ended;
    private long rows;
    /** Numbers the rows kept in arrival order. */
    private long sequence;
    /** The rows held, as other threads read them: published with a release store, cheap enough for every row. */
    private final AtomicLong publishedRows = new AtomicLong();

    /**
     * @param condition the rest of the {@code ON} condition, over the joined row (left columns, then right); or null
     * @param holdback how far the watermark handed on stays behind the inputs', in milliseconds
     */
    public StreamJoinOperator(Input left, Input right, RowPredicate condition, long holdback, Operator next) {
        this.left = new Side(0, left);
        this.right = new Side(1, right);
        this.left.other = this.right;
        this.right.other = this.left;
        this.condition = condition;
        this.holdback = holdback;
        this.next = next;
    }

    @Override
    public Operator left() {
        return left;
    }

    @Override
    public Operator right() {
        return right;
    }

    @Override
    public long stateRows() {
        return publishedRows.get();
    }

    private void publish() {
        publishedRows.lazySet(rows);
    }

    /** A row kept. */
    private static final class Entry {
        final Object[] row;
        final long time;
        final long bound;
        final long sequence;
        /** The rows of the other input it was joined with so far. */
        int matches;

        boolean removed;

        Entry(Object[] row, long time, long bound, int matches, long sequence) {
            this.sequence = sequence;
            this.row = row;
            this.time = time;
            this.bound = bound;
            this.matches = matches;
        }
    }

    /** One input: its rows by key, in arrival order, and the ones with a bound by bound. */
    private final class Side implements Operator {
        final int index;
        final int[] keys;
        final int width;
        final ToLongFunction<Object[]> bound;
        final boolean outer;
        /** Whether unmatched rows are handed on at once (an outer side without bounds). */
        final boolean eager;

        final Map<Object, List<Entry>> rowsByKey = new HashMap<>();
        final PriorityQueue<Entry> byBound = new PriorityQueue<>(BY_BOUND);
        long watermark = Long.MIN_VALUE;
        Side other;

        Side(int index, Input input) {
            this.index = index;
            this.keys = input.keyColumns().clone();
            this.width = input.width();
            this.bound = input.bound();
            this.outer = input.outer();
            this.eager = outer && bound == null;
        }

        @Override
        public void onRow(Object[] row, ChangeEvent.Op op, long timestamp) {
            Object key = keyOf(row);
            if (op == ChangeEvent.Op.INSERT || op == ChangeEvent.Op.UPDATE_AFTER) {
                insert(row, key, timestamp);
            } else {
                retract(row, key, timestamp);
            }
            publish();
        }

        private void insert(Object[] row, Object key, long timestamp) {
            if (bound != null && timestamp < watermark) {
                // Late for its own input: dropped, as Flink's interval join does. Which rows it would meet would depend
                // on how the two inputs interleave, not on the data.
                return;
            }
            if (key == null) {
                // A null never equals anything: the row meets nothing, now or later.
                if (outer) {
                    next.onRow(padded(row), ChangeEvent.Op.INSERT, timestamp);
                }
                return;
            }
            int matches = 0;
            List<Entry> candidates = other.rowsByKey.get(key);
            if (candidates != null) {
                for (Entry candidate : candidates) {
                    Object[] joined = joined(row, candidate.row);
                    if (condition == null || condition.test(joined)) {
                        matches++;
                        if (candidate.matches++ == 0 && other.eager) {
                            // Its padded row goes before the joined row comes: a view never holds both.
                            next.onRow(other.padded(candidate.row), ChangeEvent.Op.DELETE, candidate.time);
                        }
                        next.onRow(joined, ChangeEvent.Op.INSERT, Math.max(timestamp, candidate.time));
                    }
                }
            }
            long rowBound = boundOf(row);
            if (other.watermark > rowBound) {
                // The other input has passed every time this row could meet: nothing more will come for it.
                if (outer && matches == 0) {
                    next.onRow(padded(row), ChangeEvent.Op.INSERT, timestamp);
                }
                return;
            }
            Entry entry = new Entry(row, timestamp, rowBound, matches, sequence++);
            rowsByKey.computeIfAbsent(key, k -> new ArrayList<>(2)).add(entry);
            if (bound != null) {
                byBound.add(entry);
            }
            rows++;
            if (eager && matches == 0) {
                next.onRow(padded(row), ChangeEvent.Op.INSERT, timestamp);
            }
        }

        private void retract(Object[] row, Object key, long timestamp) {
            if (key == null) {
                if (outer) {
                    next.onRow(padded(row), ChangeEvent.Op.DELETE, timestamp);
                }
                return;
            }
            Entry found = removeEqual(key, row);
            if (found == null) {
                return; // gone already (its bound passed) or never seen: what it was joined into stands
            }
            List<Entry> candidates = other.rowsByKey.get(key);
            if (candidates != null) {
                for (Entry candidate : candidates) {
                    Object[] joined = joined(row, candidate.row);
                    if (condition == null || condition.test(joined)) {
                        next.onRow(joined, ChangeEvent.Op.DELETE, Math.max(timestamp, candidate.time));
                        if (--candidate.matches == 0 && other.eager) {
                            next.onRow(other.padded(candidate.row), ChangeEvent.Op.INSERT, candidate.time);
                        }
                    }
                }
            }
            if (eager && found.matches == 0) {
                next.onRow(padded(row), ChangeEvent.Op.DELETE, timestamp);
            }
        }

        private Entry removeEqual(Object key, Object[] row) {
            List<Entry> entries = rowsByKey.get(key);
            if (entries == null) {
                return null;
            }
            for (int i = 0; i < entries.size(); i++) {
                Entry entry = entries.get(i);
                if (Arrays.deepEquals(entry.row, row)) {
                    entries.remove(i);
                    if (entries.isEmpty()) {
                        rowsByKey.remove(key);
                    }
                    entry.removed = true;
                    rows--;
                    return entry;
                }
            }
            return null;
        }

        /** Lets go of the rows whose bound the other input's watermark has passed. */
        void expire(long otherWatermark) {
            while (!byBound.isEmpty() && byBound.peek().bound < otherWatermark) {
                Entry entry = byBound.poll();
                if (entry.removed) {
                    continue;
                }
                Object key = keyOf(entry.row);
                List<Entry> entries = rowsByKey.get(key);
                for (int i = 0; i < entries.size(); i++) {
                    if (entries.get(i) == entry) {
                        entries.remove(i);
                        break;
                    }
                }
                if (entries.isEmpty()) {
                    rowsByKey.remove(key);
                }
                rows--;
                if (outer && entry.matches == 0) {
                    next.onRow(padded(entry.row), ChangeEvent.Op.INSERT, entry.time);
                }
            }
        }

        @Override
        public void onWatermark(long watermark) {
            if (watermark <= this.watermark) {
                return;
            }
            this.watermark = watermark;
            other.expire(watermark);
            forward();
        }

        @Override
        public void onEnd() {
            this.watermark = Long.MAX_VALUE;
            other.expire(Long.MAX_VALUE);
            if (++ended == 2) {
                publish();
                next.onEnd();
            } else {
                forward();
            }
        }

        @Override
        public void onTick(long nowMillis) {
            if (index == 0) {
                next.onTick(nowMillis);
            }
        }

        @Override
        public boolean wantsTicks() {
            return next.wantsTicks();
        }

        /** The row's key, or null when a key column is null. */
        Object keyOf(Object[] row) {
            for (int column : keys) {
                if (row[column] == null) {
                    return null;
                }
            }
            return PartitionKey.of(row, keys);
        }

        long boundOf(Object[] row) {
            return bound == null ? Long.MAX_VALUE : bound.applyAsLong(row);
        }

        /** The joined row of a row of this input and one of the other. */
        Object[] joined(Object[] mine, Object[] theirs) {
            Object[] l = index == 0 ? mine : theirs;
            Object[] r = index == 0 ? theirs : mine;
            Object[] joined = new Object[left.width + right.width];
            System.arraycopy(l, 0, joined, 0, left.width);
            System.arraycopy(r, 0, joined, left.width, right.width);
            return joined;
        }

        /** The row padded with nulls in the other input's columns. */
        Object[] padded(Object[] row) {
            Object[] joined = new Object[left.width + right.width];
            System.arraycopy(row, 0, joined, index == 0 ? 0 : left.width, width);
            return joined;
        }
    }

    private void forward() {
        long watermark = Math.min(left.watermark, right.watermark);
        publish();
        if (watermark == Long.MIN_VALUE || watermark == Long.MAX_VALUE) {
            return;
        }
        watermark = watermark - holdback;
        if (watermark > forwarded) {
            forwarded = watermark;
            next.onWatermark(watermark);
        }
    }

    // ---- checkpoints (only while no engine thread runs this operator) -----------------------------------------------

    @Override
    public void snapshot(EntrySink out) {
        out.put(EntryKeys.shared("left-watermark"), StateWriter.toBytes(w -> w.writeLong(left.watermark)));
        out.put(EntryKeys.shared("right-watermark"), StateWriter.toBytes(w -> w.writeLong(right.watermark)));
        out.put(EntryKeys.shared("forwarded"), StateWriter.toBytes(w -> w.writeLong(forwarded)));
        for (Side side : List.of(left, right)) {
            for (List<Entry> entries : side.rowsByKey.values()) {
                Object[] keyValues = PartitionKey.values(entries.get(0).row, side.keys);
                out.put(EntryKeys.keyed(keyValues, side.index), StateWriter.toBytes(w -> {
                    w.writeCount(entries.size());
                    for (Entry entry : entries) {
                        w.writeRow(entry.row)
                                .writeLong(entry.time)
                                .writeLong(entry.bound)
                                .writeInt(entry.matches);
                    }
                }));
            }
        }
    }

    @Override
    public void restore(List<StateEntry> entries) {
        for (Side side : List.of(left, right)) {
            side.rowsByKey.clear();
            side.byBound.clear();
            side.watermark = Long.MIN_VALUE;
        }
        forwarded = Long.MIN_VALUE;
        rows = 0;
        for (StateEntry entry : entries) {
            if (EntryKeys.isShared(entry.key())) {
                long value = StateReader.of(entry.value()).readLong();
                switch (EntryKeys.sharedName(entry.key())) {
                    case "left-watermark" -> left.watermark = value;
                    case "right-watermark" -> right.watermark = value;
                    case "forwarded" -> forwarded = value;
                    default -> throw new StateFormatException("an unknown entry of a join: " + entry);
                }
                continue;
            }
            long sideIndex = EntryKeys.suffix(entry.key());
            if (sideIndex != 0 && sideIndex != 1) {
                throw new StateFormatException("a join has two inputs, and an entry names input " + sideIndex);
            }
            Side side = sideIndex == 0 ? left : right;
            StateReader in = StateReader.of(entry.value());
            int count = in.readCount();
            for (int i = 0; i < count; i++) {
                Object[] row = in.readRow();
                if (row.length != side.width) {
                    throw new StateFormatException("a row of " + row.length + " columns, where the join's "
                            + (side == left ? "left" : "right") + " input has " + side.width);
                }
                Entry kept = new Entry(row, in.readLong(), in.readLong(), in.readInt(), sequence++);
                side.rowsByKey
                        .computeIfAbsent(side.keyOf(row), k -> new ArrayList<>(2))
                        .add(kept);
                if (side.bound != null) {
                    side.byBound.add(kept);
                }
                rows++;
            }
            in.checkFullyRead();
        }
        publish();
    }
}
