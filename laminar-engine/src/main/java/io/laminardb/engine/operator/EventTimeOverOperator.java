package io.laminardb.engine.operator;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.state.EntryKeys;
import io.laminardb.engine.state.EntrySink;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.StateFormatException;
import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import io.laminardb.engine.state.Stateful;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code LAG}, {@code LEAD}, {@code ROW_NUMBER}, {@code RANK} and {@code DENSE_RANK} {@code OVER (PARTITION BY ...
 * ORDER BY ts)} where {@code ts} is the event-time column of an append-only input: each row is handed on once, in
 * event-time order within its partition, with the functions' values.
 *
 * <p>Rows wait until the watermark passes their event time (a row at {@code t} is released by a watermark above
 * {@code t}), and are then released in event-time order (ties in arrival order), so that out-of-order rows within the
 * watermark's delay are ordered. A released row goes out at once unless a {@code LEAD} needs rows after it: then it
 * waits for that many more rows of its partition, or for the end of the input, where the missing rows count as absent
 * (the default). A row older than the watermark when it arrives (late), or without an event time, is dropped and
 * counted as late. The watermark handed on is held back to the oldest row still waiting for a {@code LEAD}, so that no
 * row goes out behind a watermark that has passed it.
 *
 * <p>State per partition: its last rows ({@code LAG}'s largest offset), the rows waiting for {@code LEAD}, and the
 * ranking counters; plus every row waiting for the watermark. Its checkpointed state: the watermark, shared by every
 * partition, and one entry per partition keyed by its values, holding all of that (the rows waiting for the watermark
 * with their place in the arrival order).
 */
public final class EventTimeOverOperator implements Operator, Stateful {

    /** One partition's released rows and ranking. */
    private static final class Sequence {
        final Object[] partitionValues;
        /** The last rows handed on (as many as LAG reads back), then the rows waiting for LEAD. */
        final ArrayList<Object[]> rows = new ArrayList<>();

        int waiting;
        long count;
        long rank;
        long denseRank;
        long lastTime;

        Sequence(Object[] partitionValues) {
            this.partitionValues = partitionValues;
        }
    }

    private final int[] partitionColumns;
    private final int timeColumn;
    private final AnalyticFunction[] functions;
    private final int lagMax;
    private final int leadMax;
    private final int width;
    private final LateRows lateRows;
    private final Operator next;
    private final Map<Object, Sequence> partitions = new HashMap<>();
    /** The rows waiting for the watermark, by event time, each time's rows in arrival order. */
    private final TreeMap<Long, ArrayList<Object[]>> pending = new TreeMap<>();
    /** The event times of the rows released but waiting for LEAD, with how many rows have each. */
    private final TreeMap<Long, Integer> waitingTimes = new TreeMap<>();

    private long watermark = Long.MIN_VALUE;
    private long forwarded = Long.MIN_VALUE;

    /**
     * @param partitionColumns the {@code PARTITION BY} columns
     * @param timeColumn the event-time column ordered by ({@code Long} epoch milliseconds)
     * @param functions the functions, whose values follow the input columns in the output, in this order
     * @param width the number of input columns
     * @param lateRows where rows dropped as late are counted
     */
    public EventTimeOverOperator(
            int[] partitionColumns,
            int timeColumn,
            List<AnalyticFunction> functions,
            int width,
            LateRows lateRows,
            Operator next) {
        this.partitionColumns = partitionColumns.clone();
        this.timeColumn = timeColumn;
        this.functions = functions.toArray(AnalyticFunction[]::new);
        this.width = width;
        this.lateRows = lateRows;
        this.next = next;
        int lag = 0;
        int lead = 0;
        for (AnalyticFunction function : functions) {
            if (function.kind() == AnalyticFunction.Kind.LAG) {
                lag = Math.max(lag, function.offset());
            } else if (function.kind() == AnalyticFunction.Kind.LEAD) {
                lead = Math.max(lead, function.offset());
            }
        }
        this.lagMax = lag;
        this.leadMax = lead;
    }

    @Override
    public void onRow(Object[] row, ChangeEvent.Op op, long timestamp) {
        if (op.weight() < 0) {
            throw new IllegalStateException("LAG and LEAD read an append-only input; it retracted " + op);
        }
        Object time = row[timeColumn];
        if (time == null || (Long) time < watermark) {
            lateRows.counted();
            return;
        }
        pending.computeIfAbsent((Long) time, t -> new ArrayList<>(1)).add(row);
    }

    @Override
    public void onWatermark(long watermark) {
        if (watermark > this.watermark) {
            this.watermark = watermark;
            while (!pending.isEmpty() && pending.firstKey() < watermark) {
                for (Object[] row : pending.pollFirstEntry().getValue()) {
                    release(row);
                }
            }
        }
        long held = waitingTimes.isEmpty() ? this.watermark : Math.min(this.watermark, waitingTimes.firstKey());
        if (held > forwarded) {
            forwarded = held;
            next.onWatermark(held);
        }
    }

    private void release(Object[] row) {
        Object key = PartitionKey.of(row, partitionColumns);
        Sequence sequence = partitions.get(key);
        if (sequence == null) {
            sequence = new Sequence(PartitionKey.values(row, partitionColumns));
            partitions.put(key, sequence);
        }
        sequence.rows.add(row);
        sequence.waiting++;
        if (leadMax > 0) {
            waitingTimes.merge((Long) row[timeColumn], 1, Integer::sum);
        }
        while (sequence.waiting > leadMax) {
            emitNext(sequence);
        }
    }

    /** Hands on the oldest row of {@code sequence} that waits, with the functions' values. */
    private void emitNext(Sequence sequence) {
        List<Object[]> rows = sequence.rows;
        int at = rows.size() - sequence.waiting;
        Object[] row = rows.get(at);
        long time = (Long) row[timeColumn];
        sequence.count++;
        if (sequence.count == 1 || time != sequence.lastTime) {
            sequence.rank = sequence.count;
            sequence.denseRank++;
            sequence.lastTime = time;
        }
        Object[] out = java.util.Arrays.copyOf(row, width + functions.length);
        for (int i = 0; i < functions.length; i++) {
            AnalyticFunction function = functions[i];
            out[width + i] = switch (function.kind()) {
                case ROW_NUMBER -> sequence.count;
                case RANK -> sequence.rank;
                case DENSE_RANK -> sequence.denseRank;
                case LAG ->
                    at - function.offset() >= 0
                            ? rows.get(at - function.offset())[function.column()]
                            : function.defaultFor(row);
                case LEAD ->
                    at + function.offset() < rows.size()
                            ? rows.get(at + function.offset())[function.column()]
                            : function.defaultFor(row);
            };
        }
        sequence.waiting--;
        if (leadMax > 0) {
            waitingTimes.computeIfPresent(time, (t, n) -> n == 1 ? null : n - 1);
        }
        int handedOn = rows.size() - sequence.waiting;
        if (handedOn > lagMax) {
            rows.subList(0, handedOn - lagMax).clear();
        }
        next.onRow(out, ChangeEvent.Op.INSERT, time);
    }

    @Override
    public void onTick(long nowMillis) {
        next.onTick(nowMillis);
    }

    @Override
    public boolean wantsTicks() {
        return next.wantsTicks();
    }

    /** The input ended: every row is released, and rows waiting for LEAD go with the default for the missing rows. */
    @Override
    public void onEnd() {
        while (!pending.isEmpty()) {
            for (Object[] row : pending.pollFirstEntry().getValue()) {
                release(row);
            }
        }
        for (Sequence sequence : partitions.values()) {
            while (sequence.waiting > 0) {
                emitNext(sequence);
            }
        }
        next.onEnd();
    }

    // ---- checkpoints (only while no engine thread runs this operator) -----------------------------------------------

    @Override
    public void snapshot(EntrySink out) {
        out.put(StateEntry.shared("watermark", watermark));
        Map<Object, List<Object[]>> pendingByPartition = new HashMap<>();
        Map<Object, Object[]> partitionValues = new HashMap<>();
        int position = 0;
        for (List<Object[]> rows : pending.values()) {
            for (Object[] row : rows) {
                Object key = PartitionKey.of(row, partitionColumns);
                pendingByPartition.computeIfAbsent(key, k -> new ArrayList<>()).add(new Object[] {position++, row});
                partitionValues.putIfAbsent(key, PartitionKey.values(row, partitionColumns));
            }
        }
        partitions.forEach((key, sequence) -> partitionValues.putIfAbsent(key, sequence.partitionValues));
        partitionValues.forEach((key, values) -> {
            Sequence sequence = partitions.get(key);
            List<Object[]> waiting = pendingByPartition.getOrDefault(key, List.of());
            out.put(EntryKeys.keyed(values), StateWriter.toBytes(w -> {
                w.writeBoolean(sequence != null);
                if (sequence != null) {
                    w.writeLong(sequence.count);
                    w.writeLong(sequence.rank);
                    w.writeLong(sequence.denseRank);
                    w.writeLong(sequence.lastTime);
                    w.writeCount(sequence.waiting);
                    w.writeCount(sequence.rows.size());
                    sequence.rows.forEach(w::writeRow);
                }
                w.writeCount(waiting.size());
                for (Object[] entry : waiting) {
                    w.writeInt((Integer) entry[0]);
                    w.writeRow((Object[]) entry[1]);
                }
            }));
        });
    }

    @Override
    public void restore(List<StateEntry> entries) {
        partitions.clear();
        pending.clear();
        waitingTimes.clear();
        watermark = Long.MIN_VALUE;
        forwarded = Long.MIN_VALUE;
        // Positions are per partition copy that wrote them: only their order within one partition counts.
        List<Object[]> waiting = new ArrayList<>();
        for (StateEntry entry : entries) {
            if (EntryKeys.isShared(entry.key())) {
                if (EntryKeys.sharedName(entry.key()).equals("watermark")) {
                    watermark = entry.longValue();
                }
                continue;
            }
            Object[] values = EntryKeys.partitionValues(entry.key());
            if (values.length != partitionColumns.length) {
                throw new StateFormatException("a partition of " + values.length + " columns, where the query"
                        + " partitions by " + partitionColumns.length);
            }
            StateReader in = StateReader.of(entry.value());
            if (in.readBoolean()) {
                Sequence sequence = new Sequence(values);
                sequence.count = in.readLong();
                sequence.rank = in.readLong();
                sequence.denseRank = in.readLong();
                sequence.lastTime = in.readLong();
                sequence.waiting = in.readCount();
                int rows = in.readCount();
                for (int i = 0; i < rows; i++) {
                    sequence.rows.add(in.readRow());
                }
                for (int i = rows - sequence.waiting; i < rows; i++) {
                    waitingTimes.merge((Long) sequence.rows.get(i)[timeColumn], 1, Integer::sum);
                }
                partitions.put(PartitionKey.ofValues(values), sequence);
            }
            int count = in.readCount();
            for (int i = 0; i < count; i++) {
                int position = in.readInt();
                waiting.add(new Object[] {position, in.readRow()});
            }
            in.checkFullyRead();
        }
        waiting.sort(java.util.Comparator.comparingInt(entry -> (Integer) entry[0]));
        for (Object[] entry : waiting) {
            Object[] row = (Object[]) entry[1];
            pending.computeIfAbsent((Long) row[timeColumn], t -> new ArrayList<>(1))
                    .add(row);
        }
    }
}
