package io.laminardb.engine.stream;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.operator.Operator;

/** The first operator of a query that reads a stream: a row it fails on is skipped and counted, not fatal. */
public final class GuardedReader implements Operator {

    private final Operator head;
    private final RowErrors errors;

    public GuardedReader(Operator head, RowErrors errors) {
        this.head = head;
        this.errors = errors;
    }

    @Override
    public void onRow(Object[] row, ChangeEvent.Op op, long timestamp) {
        try {
            head.onRow(row, op, timestamp);
        } catch (RuntimeException e) {
            errors.failed(row, e);
        }
    }

    @Override
    public void onWatermark(long watermark) {
        head.onWatermark(watermark);
    }

    @Override
    public void onTick(long nowMillis) {
        head.onTick(nowMillis);
    }

    @Override
    public boolean wantsTicks() {
        return head.wantsTicks();
    }

    @Override
    public void onEnd() {
        head.onEnd();
    }
}
