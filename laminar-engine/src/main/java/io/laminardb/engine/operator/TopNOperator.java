package io.laminardb.engine.operator;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.state.EntryKeys;
import io.laminardb.engine.state.EntrySink;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.StateFormatException;
import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import io.laminardb.engine.state.Stateful;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Top-N: {@code ROW_NUMBER()}, {@code RANK()} or {@code DENSE_RANK()} {@code OVER (PARTITION BY ... ORDER BY ...)}
 * under a filter {@code rank <= N}, as a changelog of the rows in each partition's top N.
 *
 * <p>Each change of the input (an insertion, or a retraction of a changelog input) re-ranks its partition and hands on
 * the difference from the top last handed on. With the rank column in the output, the top is compared position by
 * position: a row that takes another's place is an {@code UPDATE_BEFORE} of the old row and its rank and an {@code
 * UPDATE_AFTER} of the new one, a place that empties a {@code DELETE}, a new place an {@code INSERT}; so a row entering
 * the top re-emits every row it pushes down a rank. Without it (the query leaves the rank out), only rows that leave the
 * top are retracted ({@code DELETE}) and rows that enter it inserted.
 *
 * <p>State: for an append-only input, only the rows in the top (a row pushed out can never come back); for a changelog,
 * every row of the partition, since a retraction may bring a row back into the top.
 *
 * <p>Its checkpointed state is one entry per partition, keyed by the partition's values: its rows in order (ties in
 * arrival order). The top handed on follows from them and is computed again on restore.
 */
public final class TopNOperator implements Operator, Stateful {

    private final int[] partitionColumns;
    private final RowOrder order;
    private final AnalyticFunction.Kind function;
    private final long limit;
    private final boolean rankShown;
    private final boolean appendOnly;
    private final int width;
    private final Operator next;
    private final Map<Object, Ranking> partitions = new HashMap<>();

    /**
     * @param partitionColumns the {@code PARTITION BY} columns
     * @param function the ranking function
     * @param limit the largest rank kept
     * @param rankShown whether the query reads the rank column: if not, a row that stays in the top is not handed on
     *     again when its rank changes
     * @param appendOnly whether the input only inserts rows, so that rows out of the top can be forgotten
     * @param width the number of input columns; the output adds the rank after them
     */
    public TopNOperator(
            int[] partitionColumns,
            RowOrder order,
            AnalyticFunction.Kind function,
            long limit,
            boolean rankShown,
            boolean appendOnly,
            int width,
            Operator next) {
        if (!function.ranks()) {
            throw new IllegalArgumentException(function + " does not rank");
        }
        this.partitionColumns = partitionColumns.clone();
        this.order = order;
        this.function = function;
        this.limit = Math.max(0, limit);
        this.rankShown = rankShown;
        this.appendOnly = appendOnly;
        this.width = width;
        this.next = next;
    }

    @Override
    public void onRow(Object[] row, ChangeEvent.Op op, long timestamp) {
        Object key = PartitionKey.of(row, partitionColumns);
        Ranking ranking = partitions.get(key);
        Object[] sortKey = order.key(row);
        if (op.weight() > 0) {
            if (ranking == null) {
                ranking = new Ranking(PartitionKey.values(row, partitionColumns), order);
                partitions.put(key, ranking);
            }
            ranking.add(sortKey, row);
        } else if (ranking == null || !ranking.remove(sortKey, row)) {
            return;
        }
        List<Ranking.Ranked> top = ranking.top(function, limit, width);
        if (rankShown) {
            emitByPosition(ranking.emitted, top, timestamp);
        } else {
            emitBySet(ranking.emitted, top, timestamp);
        }
        ranking.emitted = top;
        if (appendOnly) {
            ranking.keepOnly(top);
        }
        if (ranking.size() == 0) {
            partitions.remove(key);
        }
    }

    /** Hands on the change of each place of the top that changed. */
    private void emitByPosition(List<Ranking.Ranked> before, List<Ranking.Ranked> after, long timestamp) {
        int places = Math.max(before.size(), after.size());
        for (int i = 0; i < places; i++) {
            Ranking.Ranked old = i < before.size() ? before.get(i) : null;
            Ranking.Ranked now = i < after.size() ? after.get(i) : null;
            if (old == null) {
                next.onRow(now.output(), ChangeEvent.Op.INSERT, timestamp);
            } else if (now == null) {
                next.onRow(old.output(), ChangeEvent.Op.DELETE, timestamp);
            } else if (old != now && !java.util.Arrays.deepEquals(old.output(), now.output())) {
                next.onRow(old.output(), ChangeEvent.Op.UPDATE_BEFORE, timestamp);
                next.onRow(now.output(), ChangeEvent.Op.UPDATE_AFTER, timestamp);
            }
        }
    }

    /**
     * Hands on the rows that left the top and those that entered it. A row that stays keeps the output row it was
     * handed on with, so that its retraction, later, is that very row.
     */
    private void emitBySet(List<Ranking.Ranked> before, List<Ranking.Ranked> after, long timestamp) {
        Map<Object[], Ranking.Ranked> stays = new IdentityHashMap<>();
        for (Ranking.Ranked now : after) {
            stays.put(now.row(), now);
        }
        Map<Object[], Ranking.Ranked> handedOn = new IdentityHashMap<>();
        for (Ranking.Ranked old : before) {
            if (stays.containsKey(old.row())) {
                handedOn.put(old.row(), old);
            } else {
                next.onRow(old.output(), ChangeEvent.Op.DELETE, timestamp);
            }
        }
        for (int i = 0; i < after.size(); i++) {
            Ranking.Ranked old = handedOn.get(after.get(i).row());
            if (old != null) {
                after.set(i, old);
            } else {
                next.onRow(after.get(i).output(), ChangeEvent.Op.INSERT, timestamp);
            }
        }
    }

    @Override
    public void onWatermark(long watermark) {
        next.onWatermark(watermark);
    }

    @Override
    public void onTick(long nowMillis) {
        next.onTick(nowMillis);
    }

    @Override
    public boolean wantsTicks() {
        return next.wantsTicks();
    }

    @Override
    public void onEnd() {
        next.onEnd();
    }

    // ---- checkpoints (only while no engine thread runs this operator) -----------------------------------------------

    @Override
    public void snapshot(EntrySink out) {
        for (Ranking ranking : partitions.values()) {
            List<Object[]> rows = ranking.inOrder();
            out.put(EntryKeys.keyed(ranking.partitionValues), StateWriter.toBytes(w -> {
                w.writeCount(rows.size());
                rows.forEach(w::writeRow);
            }));
        }
    }

    @Override
    public void restore(List<StateEntry> entries) {
        partitions.clear();
        for (StateEntry entry : entries) {
            Object[] values = EntryKeys.partitionValues(entry.key());
            if (values.length != partitionColumns.length) {
                throw new StateFormatException("a partition of " + values.length + " columns, where the query"
                        + " partitions by " + partitionColumns.length);
            }
            Ranking ranking = new Ranking(values, order);
            StateReader in = StateReader.of(entry.value());
            int count = in.readCount();
            for (int i = 0; i < count; i++) {
                Object[] row = in.readRow();
                ranking.add(order.key(row), row);
            }
            in.checkFullyRead();
            ranking.emitted = ranking.top(function, limit, width);
            partitions.put(PartitionKey.ofValues(values), ranking);
        }
    }
}
