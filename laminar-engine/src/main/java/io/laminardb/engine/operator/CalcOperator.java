package io.laminardb.engine.operator;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.plan.codegen.RowCalc;

/**
 * Filters and projects each row with one compiled function. A changelog passes through unchanged in kind: a retraction
 * is filtered and projected exactly as the row it retracts was, so it still matches.
 */
public final class CalcOperator implements Operator {

    private final RowCalc calc;
    private final Operator next;

    public CalcOperator(RowCalc calc, Operator next) {
        this.calc = calc;
        this.next = next;
    }

    @Override
    public void onRow(Object[] row, ChangeEvent.Op op, long timestamp) {
        Object[] out = calc.apply(row);
        if (out != null) {
            next.onRow(out, op, timestamp);
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
}
