package io.laminardb.engine.operator;

import io.laminardb.engine.ChangeEvent;
import java.util.concurrent.atomic.LongAdder;

/** Where an aggregate's late rows go, and how many there were. */
public final class LateRows {

    private final LongAdder count = new LongAdder();
    private volatile Operator sideOutput;

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

    void divert(Object[] row, ChangeEvent.Op op, long timestamp) {
        count.increment();
        Operator out = sideOutput;
        if (out != null) {
            out.onRow(row, op, timestamp);
        }
    }

    void watermark(long watermark) {
        Operator out = sideOutput;
        if (out != null) {
            out.onWatermark(watermark);
        }
    }

    void end() {
        Operator out = sideOutput;
        if (out != null) {
            out.onEnd();
        }
    }
}
