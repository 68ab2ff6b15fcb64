package io.laminardb.engine.operator;

import io.laminardb.engine.ChangeEvent;
import java.util.Arrays;

/**
 * {@code TUMBLE} and {@code HOP} as table functions: each row once per window it falls in, with {@code window_start}
 * and {@code window_end} appended. A row without event time (a null time column) belongs to no window and is dropped.
 */
public final class WindowAssignOperator extends ForwardingOperator {

    private final WindowSpec window;

    public WindowAssignOperator(WindowSpec window, Operator next) {
        super(next);
        if (window.kind() == WindowSpec.Kind.SESSION) {
            throw new IllegalArgumentException("session windows are assigned by their aggregate");
        }
        this.window = window;
    }

    @Override
    public void onRow(Object[] row, ChangeEvent.Op op, long timestamp) {
        Object time = row[window.timeColumn()];
        if (time == null) {
            return;
        }
        long t = (Long) time;
        long size = window.size();
        int n = row.length;
        for (long start = window.lastStart(t); start > t - size; start -= window.slide()) {
            Object[] out = Arrays.copyOf(row, n + 2);
            out[n] = start;
            out[n + 1] = start + size;
            next.onRow(out, op, timestamp);
        }
    }
}
