package io.laminardb.engine.stream;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.operator.ForwardingOperator;
import io.laminardb.engine.operator.Operator;

/** The first operator of a query that reads a stream: a row it fails on is skipped and counted, not fatal. */
public final class GuardedReader extends ForwardingOperator {

    private final RowErrors errors;

    public GuardedReader(Operator head, RowErrors errors) {
        super(head);
        this.errors = errors;
    }

    @Override
    public void onRow(Object[] row, ChangeEvent.Op op, long timestamp) {
        try {
            next.onRow(row, op, timestamp);
        } catch (RuntimeException e) {
            errors.failed(row, e);
        }
    }
}
