package io.laminardb.engine.operator;

/**
 * When an aggregate hands on its results (DESIGN 4.2; docs/time.md has the diagrams).
 *
 * <ul>
 *   <li>{@link #ON_WINDOW_CLOSE}: one row per group when the watermark closes its window; an append-only stream. The
 *       default for windowed aggregates.
 *   <li>{@link #ON_WATERMARK}: at each watermark, every group changed since the last one, open windows included.
 *   <li>{@link #ON_UPDATE}: the group's new row at every change, without retracting the old one (upsert style).
 *   <li>{@link #EVERY}: every period of processing time, each group changed since the last period.
 *   <li>{@link #CHANGES}: at every change, a retraction of the old row and the new row: a changelog. The default for
 *       aggregates without a window.
 *   <li>{@link #FINAL}: as {@link #ON_WINDOW_CLOSE}, and late rows are always dropped, so each row is exact and final.
 * </ul>
 */
public enum EmitMode {
    ON_WINDOW_CLOSE,
    ON_WATERMARK,
    ON_UPDATE,
    EVERY,
    CHANGES,
    FINAL;

    /** Whether results leave at every change (rather than at watermarks, periods or window close). */
    public boolean perChange() {
        return this == ON_UPDATE || this == CHANGES;
    }

    /** Whether a replaced row is retracted ({@code UPDATE_BEFORE}) before its new version. */
    public boolean retracts() {
        return this != ON_UPDATE;
    }

    /** The clause as written: {@code EMIT ON WINDOW CLOSE}. */
    public String sql() {
        return "EMIT " + name().replace('_', ' ');
    }
}
