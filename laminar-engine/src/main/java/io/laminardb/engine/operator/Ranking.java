package io.laminardb.engine.operator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows of one partition of a top-N query in their order, and the top rows it last handed on.
 *
 * <p>Rows are kept in a sorted map from sort key to the rows with that key (ties) in the order they arrived; a
 * retraction removes the first row of its key equal to it. The top is computed from the front of the map: {@code
 * ROW_NUMBER} numbers rows 1, 2, 3, ... (ties in arrival order), {@code RANK} gives tied rows the rank of the first of
 * them, {@code DENSE_RANK} numbers the distinct keys; the top is every row whose rank is at most the limit.
 *
 * <p>Used by one thread at a time, that of its operator.
 */
final class Ranking {

    /** A row of the top: the input row (the very instance kept), its rank, and the output row handed on for it. */
    record Ranked(Object[] row, long rank, Object[] output) {}

    final Object[] partitionValues;
    private final TreeMap<Object[], List<Object[]>> rows;
    private int size;
    /** The top as last handed on, in order. */
    List<Ranked> emitted = List.of();

    Ranking(Object[] partitionValues, RowOrder order) {
        this.partitionValues = partitionValues;
        this.rows = new TreeMap<>(order);
    }

    int size() {
        return size;
    }

    void add(Object[] key, Object[] row) {
        rows.computeIfAbsent(key, k -> new ArrayList<>(1)).add(row);
        size++;
    }

    /** Removes the first row equal to {@code row}; returns whether there was one. */
    boolean remove(Object[] key, Object[] row) {
        List<Object[]> tied = rows.get(key);
        if (tied == null) {
            return false;
        }
        for (int i = 0; i < tied.size(); i++) {
            if (Arrays.deepEquals(tied.get(i), row)) {
                tied.remove(i);
                if (tied.isEmpty()) {
                    rows.remove(key);
                }
                size--;
                return true;
            }
        }
        return false;
    }

    /** The rows in order, ties in arrival order. */
    List<Object[]> inOrder() {
        List<Object[]> all = new ArrayList<>(size);
        for (List<Object[]> tied : rows.values()) {
            all.addAll(tied);
        }
        return all;
    }

    /**
     * The rows whose rank is at most {@code limit}, in order, each with its rank. An entry of {@link #emitted} for the
     * same row instance with the same rank is reused, so that an unchanged row keeps its output row.
     */
    List<Ranked> top(AnalyticFunction.Kind function, long limit, int width) {
        List<Ranked> top = new ArrayList<>((int) Math.min(limit, size));
        long position = 0;
        long dense = 0;
        for (Map.Entry<Object[], List<Object[]>> entry : rows.entrySet()) {
            dense++;
            long first = position + 1;
            for (Object[] row : entry.getValue()) {
                position++;
                long rank = switch (function) {
                    case ROW_NUMBER -> position;
                    case RANK -> first;
                    case DENSE_RANK -> dense;
                    default -> throw new IllegalStateException(function + " does not rank");
                };
                if (rank > limit) {
                    return top;
                }
                top.add(ranked(row, rank, top.size(), width));
            }
        }
        return top;
    }

    private Ranked ranked(Object[] row, long rank, int index, int width) {
        if (index < emitted.size()) {
            Ranked before = emitted.get(index);
            if (before.row() == row && before.rank() == rank) {
                return before;
            }
        }
        Object[] output = Arrays.copyOf(row, width + 1);
        output[width] = rank;
        return new Ranked(row, rank, output);
    }

    /** Keeps only the rows of {@code top}: for an append-only input, where a row out of the top never returns. */
    void keepOnly(List<Ranked> top) {
        if (top.size() == size) {
            return;
        }
        Object[] last = top.isEmpty() ? null : top.get(top.size() - 1).row();
        Iterator<Map.Entry<Object[], List<Object[]>>> entries = rows.entrySet().iterator();
        boolean past = top.isEmpty();
        int kept = 0;
        while (entries.hasNext()) {
            List<Object[]> tied = entries.next().getValue();
            if (past) {
                entries.remove();
                continue;
            }
            int at = indexOf(tied, last);
            if (at >= 0) {
                tied.subList(at + 1, tied.size()).clear();
                kept += at + 1;
                past = true;
            } else {
                kept += tied.size();
            }
        }
        size = kept;
    }

    private static int indexOf(List<Object[]> tied, Object[] row) {
        for (int i = 0; i < tied.size(); i++) {
            if (tied.get(i) == row) {
                return i;
            }
        }
        return -1;
    }
}
