package io.laminardb.engine.operator;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.state.EntrySink;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.Stateful;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where an aggregate's late rows go, and how many there were. A partitioned aggregate gives each partition a {@link
 * #partition view} that counts into the same counter and hands its rows to the thread that owns the side output.
 *
 * <p>Its checkpointed state is the count, which {@code SHOW QUERIES} and the metrics report.
 */
public final class LateRows implements Stateful {

    private final LongAdder count;
    private final boolean partitionView;
    private volatile Operator sideOutput;

    public LateRows() {
        this(new LongAdder(), false);
    }

    private LateRows(LongAdder count, boolean partitionView) {
        this.count = count;
        this.partitionView = partitionView;
    }

    /** For one partition of a partitioned aggregate: counts here, sends its late rows to {@code sideOutput}. */
    public LateRows partition(Operator sideOutput) {
        LateRows view = new LateRows(count, true);
        view.sideOutput = sideOutput;
        return view;
    }

    /** A view that counts here and hands no row on: for operators that drop their late rows. */
    public LateRows countingOnly() {
        return new LateRows(count, true);
    }

    /** Late rows so far: dropped, sent to the side output, or applied as updates. */
    public long count() {
        return count.sum();
    }

    /** Sets the operator that receives late rows (the {@code <stream>_late} stream). */
    public void sideOutput(Operator sideOutput) {
        this.sideOutput = sideOutput;
    }

    void counted() {
        count.increment();
    }

    void counted(long rows) {
        count.add(rows);
    }

    void divert(Object[] row, ChangeEvent.Op op, long timestamp) {
        count.increment();
        forward(row, op, timestamp);
    }

    /** Hands a late row (already counted) to the side output, if there is one. */
    public void forward(Object[] row, ChangeEvent.Op op, long timestamp) {
        Operator out = sideOutput;
        if (out != null) {
            out.onRow(row, op, timestamp);
        }
    }

    /** Passes the watermark to the side output; a partition's view leaves that to the merge. */
    public void watermark(long watermark) {
        Operator out = sideOutput;
        if (out != null && !partitionView) {
            out.onWatermark(watermark);
        }
    }

    /** Ends the side output; a partition's view leaves that to the merge. */
    public void end() {
        Operator out = sideOutput;
        if (out != null && !partitionView) {
            out.onEnd();
        }
    }

    // ---- checkpoints (only while no engine thread counts) -----------------------------------------------------------

    @Override
    public void snapshot(EntrySink out) {
        out.put(StateEntry.shared("count", count.sum()));
    }

    @Override
    public void restore(List<StateEntry> entries) {
        count.reset();
        for (StateEntry entry : entries) {
            count.add(entry.longValue());
        }
    }
}
