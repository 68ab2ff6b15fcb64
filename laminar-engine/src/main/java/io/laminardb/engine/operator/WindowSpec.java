package io.laminardb.engine.operator;

import java.util.Locale;

/**
 * A window of a query: {@code TUMBLE}, {@code HOP} or {@code SESSION} over a time column.
 *
 * @param kind the window function
 * @param timeColumn the input column holding event time (epoch milliseconds)
 * @param size the window length ({@code TUMBLE}, {@code HOP}), or the gap ({@code SESSION}), in milliseconds
 * @param slide how far apart {@code HOP} windows start; equals {@code size} for {@code TUMBLE}
 * @param keyColumns the {@code SESSION} partition columns; empty otherwise
 */
public record WindowSpec(Kind kind, int timeColumn, long size, long slide, int[] keyColumns) {

    public enum Kind {
        TUMBLE,
        HOP,
        SESSION
    }

    public static WindowSpec tumble(int timeColumn, long size) {
        return new WindowSpec(Kind.TUMBLE, timeColumn, size, size, new int[0]);
    }

    public static WindowSpec hop(int timeColumn, long slide, long size) {
        return new WindowSpec(Kind.HOP, timeColumn, size, slide, new int[0]);
    }

    public static WindowSpec session(int timeColumn, int[] keyColumns, long gap) {
        return new WindowSpec(Kind.SESSION, timeColumn, gap, gap, keyColumns);
    }

    /** The start of the last window containing {@code time}: windows are aligned to the epoch, as in Flink. */
    public long lastStart(long time) {
        return time - Math.floorMod(time, slide);
    }

    @Override
    public String toString() {
        String k = kind.name().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case TUMBLE -> k + "(size=" + size + "ms)";
            case HOP -> k + "(slide=" + slide + "ms, size=" + size + "ms)";
            case SESSION -> k + "(gap=" + size + "ms)";
        };
    }
}
