package io.laminardb.engine.operator;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.plan.codegen.RowCalc;
import io.laminardb.engine.stream.RowErrors;

/**
 * Filters and projects each row with one compiled function. A changelog passes through unchanged in kind: a retraction
 * is filtered and projected exactly as the row it retracts was, so it still matches.
 */
public final class CalcOperator extends ForwardingOperator {

    private final RowCalc calc;
    private final RowErrors errors;

    /** @param errors where a row the expressions fail on (a division by zero, a bad CAST) is counted and skipped */
    public CalcOperator(RowCalc calc, Operator next, RowErrors errors) {
        super(next);
        this.calc = calc;
        this.errors = errors;
    }

    @Override
    public void onRow(Object[] row, ChangeEvent.Op op, long timestamp) {
        Object[] out;
        try {
            out = calc.apply(row);
        } catch (RuntimeException e) {
            errors.failed(row, e);
            return;
        }
        if (out != null) {
            next.onRow(out, op, timestamp);
        }
    }
}
