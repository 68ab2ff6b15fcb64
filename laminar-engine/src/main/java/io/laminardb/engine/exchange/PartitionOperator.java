package io.laminardb.engine.exchange;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.operator.Operator;
import java.util.Arrays;
import java.util.Objects;

/**
 * The sending side of an exchange, on the thread of the query's input: sends each row to the partition its key hashes
 * to, and every watermark and the end to all partitions.
 */
public final class PartitionOperator implements Operator {

    private final int[] keyColumns;
    private final PartitionTask[] partitions;
    private final int input;

    public PartitionOperator(int[] keyColumns, PartitionTask[] partitions) {
        this(keyColumns, partitions, 0);
    }

    /**
     * The exchange of one input of an operator of several (a join): rows go into the partitions' queues of input
     * {@code input}. Both inputs' key columns hold the same values for rows that meet, so they meet in one partition.
     */
    public PartitionOperator(int[] keyColumns, PartitionTask[] partitions, int input) {
        this.keyColumns = keyColumns.clone();
        this.partitions = partitions.clone();
        this.input = input;
    }

    @Override
    public void onRow(Object[] row, ChangeEvent.Op op, long timestamp) {
        PartitionTask target = partitions[Math.floorMod(hash(row), partitions.length)];
        target.send(
                input,
                op == ChangeEvent.Op.INSERT && timestamp == Long.MIN_VALUE
                        ? row
                        : new Messages.Change(row, op, timestamp));
    }

    private int hash(Object[] row) {
        int h = 1;
        for (int column : keyColumns) {
            h = 31 * h + Objects.hashCode(row[column]);
        }
        return spread(h);
    }

    /**
     * The partition, of {@code partitions}, that rows whose key columns hold {@code keyValues} (in key column order) go
     * to: where a group restored from a checkpoint belongs. The same hash as the rows'.
     */
    public static int partitionOf(Object[] keyValues, int partitions) {
        int h = 1;
        for (Object value : keyValues) {
            h = 31 * h + Objects.hashCode(value);
        }
        return Math.floorMod(spread(h), partitions);
    }

    /** Spreads the bits: keys such as small longs hash to small consecutive values. */
    private static int spread(int h) {
        return h ^ (h >>> 16) ^ (h >>> 7);
    }

    @Override
    public void onWatermark(long watermark) {
        Messages.Watermark mark = new Messages.Watermark(watermark);
        for (PartitionTask partition : partitions) {
            partition.send(input, mark);
        }
    }

    @Override
    public void onEnd() {
        for (PartitionTask partition : partitions) {
            partition.send(input, Messages.END);
        }
    }

    @Override
    public String toString() {
        return "PartitionOperator" + Arrays.toString(keyColumns) + " x " + partitions.length;
    }
}
