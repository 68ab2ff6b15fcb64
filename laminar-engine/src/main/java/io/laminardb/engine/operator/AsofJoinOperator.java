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
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * An ASOF join (and a temporal join, {@code FOR SYSTEM_TIME AS OF}): each row of the left input is joined with the one
 * row of the right input with its key that is closest in event time: the latest at or before its time ({@link
 * Match#BACKWARD}), the first at or after it ({@link Match#FORWARD}), or the nearest either way ({@link Match#NEAREST},
 * the earlier on a tie); of rows with one time, the last to arrive; of the rows that meet the rest of the {@code ON}
 * condition (a tolerance such as {@code b.ts >= a.ts - INTERVAL '5' SECOND}). A left row without one is dropped
 * ({@code JOIN}) or handed on padded with nulls ({@code LEFT JOIN}).
 *
 * <p><b>When.</b> A left row waits until no right row still to come can be closer: until the right input's watermark
 * has passed its time (backward), the time of the closest row so far (forward), or its time plus the distance to the
 * closest so far (nearest); or passed its bound (the latest right time the condition allows it, for the forward and
 * nearest kinds). Then it is handed on, once: the output is append-only, and each row carries its left row's time.
 *
 * <p><b>Late rows</b> (behind their own input's watermark) are dropped, of either input.
 *
 * <p><b>State.</b> The left rows still waiting, and per key the right rows a waiting or future left row can still pick:
 * those at or after the lower of the left watermark and the oldest waiting row's time, and, but for the forward kind,
 * the latest one before it; a right row whose bound (the latest left time the condition allows it) has passed goes
 * too.
 */
public final class AsofJoinOperator implements TwoInputOperator, SizedState {

    /** Which right row a left row picks. */
    public enum Match {
        /** The latest at or before its time. */
        BACKWARD,
        /** The first at or after its time. */
        FORWARD,
        /** The closest either way; the earlier on a tie. */
        NEAREST
    }

    /**
     * One input.
     *
     * @param keyColumns the key columns, in key order
     * @param width the input's columns
     * @param timeColumn the column of its event time
     * @param bound the latest event time of the other input a row can meet, by the condition; null when unbounded
     */
    public record Input(int[] keyColumns, int width, int timeColumn, ToLongFunction<Object[]> bound) {}

    /** A left row waiting for its match to be certain. */
    private static final class Waiting {
        final Object[] row;
        final Object key;
        final long time;
        final long timestamp;
        /** Arrival order: rows due together leave in it, after a restore too. */
        final long sequence;
        /** The right watermark to pass before looking again. */
        long due;

        Waiting(Object[] row, Object key, long time, long timestamp, long due, long sequence) {
            this.sequence = sequence;
            this.row = row;
            this.key = key;
            this.time = time;
            this.timestamp = timestamp;
            this.due = due;
        }
    }

    private final Input leftInput;
    private final Input rightInput;
    private final Match match;
    private final boolean strict;
    private final RowPredicate condition;
    private final boolean outer;
    private final Operator next;

    private final Map<Object, TreeMap<Long, Object[]>> rightRows = new HashMap<>();
    private final PriorityQueue<Waiting> waiting =
            new PriorityQueue<>(Comparator.<Waiting>comparingLong(w -> w.due).thenComparingLong(w -> w.sequence));
    /** The times of the waiting rows, with how many wait at each. */
    private final TreeMap<Long, Integer> waitingTimes = new TreeMap<>();

    private long rightCount;
    private long sequence;
    private long insertsSinceSweep;
    private long leftWatermark = Long.MIN_VALUE;
    private long rightWatermark = Long.MIN_VALUE;
    private long forwarded = Long.MIN_VALUE;
    private int ended;

    /** The rows held, as other threads read them: published with a release store, cheap enough for every row. */
    private final AtomicLong publishedRows = new AtomicLong();

    private final Operator left = new Side(true);
    private final Operator right = new Side(false);

    /**
     * @param strict whether a right row at the left row's very time is not picked ({@code >} or {@code <} in the match
     *     condition)
     * @param condition the rest of the {@code ON} condition over the joined row, tested on the picked row; or null
     * @param outer whether a left row without a match is handed on padded with nulls
     */
    public AsofJoinOperator(
            Input left,
            Input right,
            Match match,
            boolean strict,
            RowPredicate condition,
            boolean outer,
            Operator next) {
        this.leftInput = left;
        this.rightInput = right;
        this.match = match;
        this.strict = strict;
        this.condition = condition;
        this.outer = outer;
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
        publishedRows.lazySet(rightCount + waiting.size());
    }

    private final class Side implements Operator {
        private final boolean isLeft;

        Side(boolean isLeft) {
            this.isLeft = isLeft;
        }

        @Override
        public void onRow(Object[] row, ChangeEvent.Op op, long timestamp) {
            if (isLeft) {
                onLeft(row, timestamp);
            } else {
                onRight(row);
            }
            publish();
        }

        @Override
        public void onWatermark(long watermark) {
            if (isLeft) {
                if (watermark > leftWatermark) {
                    leftWatermark = watermark;
                    if (insertsSinceSweep >= Math.max(256, rightRows.size())) {
                        sweep();
                    }
                }
            } else if (watermark > rightWatermark) {
                rightWatermark = watermark;
                decide(false);
            }
            forward();
            publish();
        }

        @Override
        public void onEnd() {
            if (isLeft) {
                leftWatermark = Long.MAX_VALUE;
            } else {
                rightWatermark = Long.MAX_VALUE;
                decide(true);
            }
            if (leftWatermark == Long.MAX_VALUE && waiting.isEmpty()) {
                rightRows.clear(); // no left row is left to pick them
                rightCount = 0;
            }
            publish();
            if (++ended == 2) {
                next.onEnd();
            } else {
                forward();
            }
        }

        @Override
        public void onTick(long nowMillis) {
            if (isLeft) {
                next.onTick(nowMillis);
            }
        }

        @Override
        public boolean wantsTicks() {
            return next.wantsTicks();
        }
    }

    private void onLeft(Object[] row, long timestamp) {
        if (timestamp < leftWatermark) {
            return; // late: which rows are still kept for it would depend on how the inputs interleave
        }
        Object key = keyOf(row, leftInput.keyColumns());
        Object time = row[leftInput.timeColumn()];
        if (key == null || time == null) {
            // A null compares with nothing: no row can match it.
            if (outer) {
                next.onRow(padded(row), ChangeEvent.Op.INSERT, timestamp);
            }
            return;
        }
        long t = ((Number) time).longValue();
        waiting.add(new Waiting(row, key, t, timestamp, t, sequence++));
        waitingTimes.merge(t, 1, Integer::sum);
        if (t < rightWatermark) {
            decide(false);
        }
    }

    private void onRight(Object[] row) {
        Object key = keyOf(row, rightInput.keyColumns());
        Object time = row[rightInput.timeColumn()];
        if (key == null || time == null || ((Number) time).longValue() < rightWatermark) {
            return; // a late row could be closer than rows already handed on with another match
        }
        TreeMap<Long, Object[]> versions = rightRows.computeIfAbsent(key, k -> new TreeMap<>());
        if (versions.put(((Number) time).longValue(), row) == null) {
            rightCount++;
        }
        insertsSinceSweep++;
        prune(versions, threshold());
        if (versions.isEmpty()) {
            rightRows.remove(key);
        }
    }

    /** Hands on the waiting rows whose match the right watermark has made certain (all of them at the end). */
    private void decide(boolean all) {
        all |= rightWatermark == Long.MAX_VALUE; // the right input ended: nothing closer can come
        List<Waiting> again = new ArrayList<>();
        while (!waiting.isEmpty() && (all || waiting.peek().due < rightWatermark)) {
            Waiting row = waiting.poll();
            Map.Entry<Long, Object[]> best = best(row);
            long certainAfter = certainAfter(row, best);
            if (all || rightWatermark > certainAfter) {
                emit(row, best == null ? null : best.getValue());
                waitingTimes.computeIfPresent(row.time, (t, n) -> n == 1 ? null : n - 1);
                // Its key's rows that no later left row can pick go now, not at the next sweep.
                TreeMap<Long, Object[]> versions = rightRows.get(row.key);
                if (versions != null) {
                    prune(versions, threshold());
                    if (versions.isEmpty()) {
                        rightRows.remove(row.key);
                    }
                }
            } else {
                row.due = certainAfter;
                again.add(row);
            }
        }
        waiting.addAll(again);
    }

    /** The right watermark past which no right row still to come can be closer than {@code best}. */
    private long certainAfter(Waiting row, Map.Entry<Long, Object[]> best) {
        long bound =
                leftInput.bound() == null ? Long.MAX_VALUE : leftInput.bound().applyAsLong(row.row);
        switch (match) {
            case BACKWARD:
                return row.time;
            case FORWARD:
                return Math.min(best == null ? Long.MAX_VALUE : best.getKey(), bound);
            default:
                long reach = best == null ? Long.MAX_VALUE : row.time + Math.abs(best.getKey() - row.time);
                return Math.max(row.time, Math.min(reach, bound));
        }
    }

    /** The closest right row of the key that meets the rest of the condition, or null. */
    private Map.Entry<Long, Object[]> best(Waiting row) {
        TreeMap<Long, Object[]> versions = rightRows.get(row.key);
        if (versions == null) {
            return null;
        }
        long t = row.time;
        Iterator<Map.Entry<Long, Object[]>> before = match == Match.FORWARD
                ? java.util.Collections.emptyIterator()
                : versions.headMap(t, !strict || match == Match.NEAREST)
                        .descendingMap()
                        .entrySet()
                        .iterator();
        Iterator<Map.Entry<Long, Object[]>> after = match == Match.BACKWARD
                ? java.util.Collections.emptyIterator()
                : versions.tailMap(t, !strict && match == Match.FORWARD)
                        .entrySet()
                        .iterator();
        Map.Entry<Long, Object[]> earlier = firstMeeting(before, row);
        Map.Entry<Long, Object[]> later = firstMeeting(after, row);
        if (earlier == null) {
            return later;
        }
        if (later == null) {
            return earlier;
        }
        // NEAREST: the closer; the earlier on a tie.
        return later.getKey() - t < t - earlier.getKey() ? later : earlier;
    }

    /** The first row of {@code candidates} that meets the rest of the condition with {@code row}, or null. */
    private Map.Entry<Long, Object[]> firstMeeting(Iterator<Map.Entry<Long, Object[]>> candidates, Waiting row) {
        while (candidates.hasNext()) {
            Map.Entry<Long, Object[]> candidate = candidates.next();
            if (condition == null || condition.test(joined(row.row, candidate.getValue()))) {
                return candidate;
            }
        }
        return null;
    }

    private Object[] joined(Object[] left, Object[] right) {
        Object[] joined = new Object[leftInput.width() + rightInput.width()];
        System.arraycopy(left, 0, joined, 0, leftInput.width());
        System.arraycopy(right, 0, joined, leftInput.width(), rightInput.width());
        return joined;
    }

    private void emit(Waiting row, Object[] picked) {
        if (picked != null) {
            next.onRow(joined(row.row, picked), ChangeEvent.Op.INSERT, row.timestamp);
        } else if (outer) {
            next.onRow(padded(row.row), ChangeEvent.Op.INSERT, row.timestamp);
        }
    }

    private Object[] padded(Object[] row) {
        Object[] joined = new Object[leftInput.width() + rightInput.width()];
        System.arraycopy(row, 0, joined, 0, leftInput.width());
        return joined;
    }

    /** The earliest time a waiting or future left row can have. */
    private long threshold() {
        return waitingTimes.isEmpty() ? leftWatermark : Math.min(leftWatermark, waitingTimes.firstKey());
    }

    /** Lets go of the right rows of every key that no waiting or future left row can pick. */
    private void sweep() {
        long threshold = threshold();
        Iterator<TreeMap<Long, Object[]>> keys = rightRows.values().iterator();
        while (keys.hasNext()) {
            TreeMap<Long, Object[]> versions = keys.next();
            prune(versions, threshold);
            if (versions.isEmpty()) {
                keys.remove();
            }
        }
        insertsSinceSweep = 0;
    }

    /** Lets go of the rows of one key that no left row at {@code threshold} or later can pick. */
    private void prune(TreeMap<Long, Object[]> versions, long threshold) {
        if (threshold == Long.MIN_VALUE) {
            return;
        }
        // The latest row before the threshold is still the closest before every later time, but for FORWARD.
        Map.Entry<Long, Object[]> keep = match == Match.FORWARD ? null : versions.lowerEntry(threshold);
        if (keep != null && rightInput.bound() != null && rightInput.bound().applyAsLong(keep.getValue()) < threshold) {
            keep = null; // its tolerance has passed: it cannot match any left row still to come
        }
        Map<Long, Object[]> before = versions.headMap(threshold, false);
        int removed = before.size() - (keep == null ? 0 : 1);
        if (removed > 0) {
            before.clear();
            if (keep != null) {
                versions.put(keep.getKey(), keep.getValue());
            }
            rightCount -= removed;
        }
    }

    private void forward() {
        long watermark = threshold();
        if (watermark != Long.MIN_VALUE && watermark != Long.MAX_VALUE && watermark > forwarded) {
            forwarded = watermark;
            next.onWatermark(watermark);
        }
    }

    private static Object keyOf(Object[] row, int[] columns) {
        for (int column : columns) {
            if (row[column] == null) {
                return null;
            }
        }
        return PartitionKey.of(row, columns);
    }

    // ---- checkpoints (only while no engine thread runs this operator) -----------------------------------------------

    @Override
    public void snapshot(EntrySink out) {
        out.put(EntryKeys.shared("left-watermark"), StateWriter.toBytes(w -> w.writeLong(leftWatermark)));
        out.put(EntryKeys.shared("right-watermark"), StateWriter.toBytes(w -> w.writeLong(rightWatermark)));
        // Not the watermark handed on: it follows the waiting rows of each partition, and partitions share entries.
        Map<Object, List<Waiting>> waitingByKey = new HashMap<>();
        List<Waiting> inOrder = new ArrayList<>(waiting);
        inOrder.sort(Comparator.comparingLong(w -> w.sequence));
        for (Waiting row : inOrder) {
            waitingByKey.computeIfAbsent(row.key, k -> new ArrayList<>()).add(row);
        }
        for (List<Waiting> rows : waitingByKey.values()) {
            Object[] keyValues = PartitionKey.values(rows.get(0).row, leftInput.keyColumns());
            out.put(EntryKeys.keyed(keyValues, 0), StateWriter.toBytes(w -> {
                w.writeCount(rows.size());
                for (Waiting row : rows) {
                    w.writeRow(row.row).writeLong(row.timestamp).writeLong(row.due);
                }
            }));
        }
        for (TreeMap<Long, Object[]> versions : rightRows.values()) {
            Object[] keyValues = PartitionKey.values(versions.firstEntry().getValue(), rightInput.keyColumns());
            out.put(EntryKeys.keyed(keyValues, 1), StateWriter.toBytes(w -> {
                w.writeCount(versions.size());
                versions.values().forEach(w::writeRow);
            }));
        }
    }

    @Override
    public void restore(List<StateEntry> entries) {
        rightRows.clear();
        waiting.clear();
        waitingTimes.clear();
        rightCount = 0;
        leftWatermark = Long.MIN_VALUE;
        rightWatermark = Long.MIN_VALUE;
        forwarded = Long.MIN_VALUE;
        for (StateEntry entry : entries) {
            if (EntryKeys.isShared(entry.key())) {
                long value = StateReader.of(entry.value()).readLong();
                switch (EntryKeys.sharedName(entry.key())) {
                    case "left-watermark" -> leftWatermark = value;
                    case "right-watermark" -> rightWatermark = value;
                    default -> throw new StateFormatException("an unknown entry of an ASOF join: " + entry);
                }
                continue;
            }
            long side = EntryKeys.suffix(entry.key());
            StateReader in = StateReader.of(entry.value());
            int count = in.readCount();
            for (int i = 0; i < count; i++) {
                Object[] row = in.readRow();
                if (side == 0) {
                    long time = ((Number) row[leftInput.timeColumn()]).longValue();
                    waiting.add(new Waiting(
                            row, keyOf(row, leftInput.keyColumns()), time, in.readLong(), in.readLong(), sequence++));
                    waitingTimes.merge(time, 1, Integer::sum);
                } else if (side == 1) {
                    rightRows
                            .computeIfAbsent(keyOf(row, rightInput.keyColumns()), k -> new TreeMap<>())
                            .put(((Number) row[rightInput.timeColumn()]).longValue(), row);
                    rightCount++;
                } else {
                    throw new StateFormatException("an ASOF join has two inputs, and an entry names input " + side);
                }
            }
            in.checkFullyRead();
        }
        forwarded = threshold();
        publish();
    }
}
