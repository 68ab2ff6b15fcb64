package io.laminardb.engine.operator;

/**
 * An operator that changes rows one at a time and passes everything else (watermarks, ticks, the end) on to the next
 * operator unchanged: the base of the stateless steps.
 */
public abstract class ForwardingOperator implements Operator {

    protected final Operator next;

    protected ForwardingOperator(Operator next) {
        this.next = next;
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
}
