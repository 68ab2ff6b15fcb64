package io.laminardb.engine.operator;

import io.laminardb.engine.ChangeEvent;
import java.util.Arrays;

/**
 * {@code TUMBLE} and {@code HOP} as table functions: each row once per window it falls in, with {@code window_start}
 * and {@code window_end} appended. A row without event time (a null time column) belongs to no window and is dropped.
 *
 * <p>When the query only picks columns of the windowed row (as a {@code GROUP BY k, window_start, window_end} does),
 * the operator writes the picked columns directly, one small row per window instead of a copy of the whole row and a
 * projection of it: a {@code HOP} row goes to several windows, so this is per window.
 */
public final class WindowAssignOperator extends ForwardingOperator {

    /** In {@link #projection}: the output column is {@code window_start}. */
    public static final int WINDOW_START = -1;

    /** In {@link #projection}: the output column is {@code window_end}. */
    public static final int WINDOW_END = -2;

    private final WindowSpec window;
    private final int[] projection;
    /** The bounds of the window last written, boxed once: consecutive rows mostly fall in the same windows. */
    private long lastStart = Long.MIN_VALUE;

    private Long boxedStart;
    private Long boxedEnd;

    public WindowAssignOperator(WindowSpec window, Operator next) {
        this(window, null, next);
    }

    /**
     * @param projection for each output column, the input column it copies, or {@link #WINDOW_START} / {@link
     *     #WINDOW_END}; null for the whole row with both bounds appended
     */
    public WindowAssignOperator(WindowSpec window, int[] projection, Operator next) {
        super(next);
        this.projection = projection == null ? null : projection.clone();
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
            Object[] out;
            if (projection == null) {
                out = Arrays.copyOf(row, n + 2);
                out[n] = start;
                out[n + 1] = start + size;
            } else {
                if (start != lastStart || boxedStart == null) {
                    lastStart = start;
                    boxedStart = start;
                    boxedEnd = start + size;
                }
                out = new Object[projection.length];
                for (int i = 0; i < out.length; i++) {
                    int column = projection[i];
                    out[i] = column >= 0 ? row[column] : column == WINDOW_START ? boxedStart : boxedEnd;
                }
            }
            next.onRow(out, op, timestamp);
        }
    }
}
