package io.laminardb.engine.operator;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.state.EntryKeys;
import io.laminardb.engine.state.EntrySink;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import io.laminardb.engine.state.Stateful;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * A {@code GROUP BY} over {@code HOP} windows that aggregates each row once, into its <em>pane</em>, instead of once
 * per window: a pane is a slice of length {@code slide}, and a window of {@code size} (a multiple of {@code slide}) is
 * the union of {@code size / slide} consecutive panes. When the watermark closes a window, the states of its panes are
 * {@linkplain io.laminardb.engine.operator.aggregate.AggregateState#merge merged} per group into fresh states and the
 * result leaves, as {@link WindowAggregateOperator} would give it; a pane leaves once the last window holding it has
 * closed.
 *
 * <p>For an insert-only input, functions that merge, {@link EmitMode#ON_WINDOW_CLOSE} or {@link EmitMode#FINAL}, and
 * late rows dropped. Rows come from a {@link WindowAssignOperator} that assigns panes (a {@code TUMBLE} of {@code
 * slide}) in place of the windows; the window bound columns among the group keys are set to each window's bounds when
 * it leaves. A row whose pane is in windows already closed counts as late once per closed window, as the row of each of
 * those windows does in {@link WindowAggregateOperator}, and goes into the windows still open.
 *
 * <p>Its checkpointed state: the watermark, shared by every partition (the windows already closed follow from it), and
 * one entry per group of each pane kept, keyed by the group's values and the pane end. Windows are not kept: they are
 * merged from the panes when they close.
 */
public final class PaneWindowAggregateOperator implements Operator, Stateful {

    /** One pane's groups, keyed by the group columns other than the window bounds. */
    private static final class Pane {
        final long end;
        final HashMap<Object, Groups.Group> groups = new HashMap<>();

        Pane(long end) {
            this.end = end;
        }
    }

    private final Groups groups;
    private final int endColumn;
    private final long endOffset;
    private final long size;
    private final long slide;
    private final int[] startKeys;
    private final int[] endKeys;
    private final LateRows lateRows;
    private final GroupEmitter emitter;
    private final Operator next;
    private final TreeMap<Long, Pane> panes = new TreeMap<>();
    private long watermark = Long.MIN_VALUE;
    private Pane last;
    private int lastWindowGroups = 16;
    /** The ends of the open windows, replaced when a pane opens or a window closes: for diagnostics on other threads. */
    private volatile long[] openEnds = new long[0];

    /**
     * @param groups the grouping (window bound columns included), hashed by the columns other than the window bounds
     * @param endColumn the input column holding the pane's end, or its start with {@code endOffset}
     * @param endOffset added to {@code endColumn} to get the pane end: 0, or {@code slide} for a start column
     * @param startKeys the positions among the group keys that hold {@code window_start}
     * @param endKeys the positions among the group keys that hold {@code window_end}
     */
    public PaneWindowAggregateOperator(
            Groups groups,
            int endColumn,
            long endOffset,
            long size,
            long slide,
            int[] startKeys,
            int[] endKeys,
            EmitMode mode,
            LateRows lateRows,
            Operator next) {
        if (slide <= 0 || size % slide != 0 || size / slide < 2) {
            throw new IllegalArgumentException(
                    "panes need a size that is a multiple of the slide: " + size + ", " + slide);
        }
        if (mode != EmitMode.ON_WINDOW_CLOSE && mode != EmitMode.FINAL) {
            throw new IllegalArgumentException("panes emit on window close only, not " + mode);
        }
        this.groups = groups;
        this.endColumn = endColumn;
        this.endOffset = endOffset;
        this.size = size;
        this.slide = slide;
        this.startKeys = startKeys.clone();
        this.endKeys = endKeys.clone();
        this.lateRows = lateRows;
        this.emitter = new GroupEmitter(groups, mode, next);
        this.next = next;
    }

    @Override
    public void onRow(Object[] row, ChangeEvent.Op op, long timestamp) {
        Object end = row[endColumn];
        if (end == null) {
            return;
        }
        long paneEnd = (Long) end + endOffset;
        if (paneEnd <= watermark) {
            long lastWindowEnd = paneEnd + size - slide;
            if (lastWindowEnd <= watermark) {
                lateRows.counted(size / slide);
                return;
            }
            lateRows.counted((watermark - paneEnd) / slide + 1);
        }
        Pane pane = last;
        if (pane == null || pane.end != paneEnd) {
            pane = panes.get(paneEnd);
            if (pane == null) {
                pane = new Pane(paneEnd);
                panes.put(paneEnd, pane);
                publishOpenWindows();
            }
            last = pane;
        }
        Object key = groups.key(row);
        Groups.Group group = pane.groups.get(key);
        if (group == null) {
            group = groups.newGroup(row);
            pane.groups.put(key, group);
        }
        groups.apply(group, row, op.weight() > 0);
    }

    @Override
    public void onWatermark(long watermark) {
        if (watermark <= this.watermark) {
            return;
        }
        long closed = this.watermark;
        this.watermark = watermark;
        while (!panes.isEmpty()) {
            long firstEnd = panes.firstKey();
            // The first window holding the first pane that is still open: the pane's own end, or the next end after
            // the windows already closed (every pane and window end is a multiple of the slide).
            long windowEnd = firstEnd > closed ? firstEnd : closed - Math.floorMod(closed, slide) + slide;
            if (windowEnd > watermark || windowEnd < firstEnd) {
                break;
            }
            close(windowEnd);
            closed = windowEnd;
            Iterator<Pane> it = panes.values().iterator();
            while (it.hasNext()) {
                Pane pane = it.next();
                if (pane.end + size - slide > windowEnd) {
                    break;
                }
                it.remove();
                if (pane == last) {
                    last = null;
                }
            }
        }
        publishOpenWindows();
        lateRows.watermark(watermark);
        next.onWatermark(watermark);
    }

    /** Merges the panes of the window ending at {@code windowEnd} per group and hands the results on. */
    private void close(long windowEnd) {
        Long start = windowEnd - size;
        Long end = windowEnd;
        HashMap<Object, Groups.Group> window = new HashMap<>(lastWindowGroups * 4 / 3 + 1);
        for (Pane pane : panes.subMap(windowEnd - size, false, windowEnd, true).values()) {
            for (Map.Entry<Object, Groups.Group> entry : pane.groups.entrySet()) {
                Groups.Group part = entry.getValue();
                Groups.Group merged = window.get(entry.getKey());
                if (merged == null) {
                    Object[] keyValues = part.keyValues.clone();
                    for (int k : startKeys) {
                        keyValues[k] = start;
                    }
                    for (int k : endKeys) {
                        keyValues[k] = end;
                    }
                    merged = groups.emptyGroup(keyValues);
                    window.put(entry.getKey(), merged);
                }
                groups.merge(merged, part);
            }
        }
        lastWindowGroups = Math.max(16, window.size());
        long timestamp = windowEnd - 1;
        for (Groups.Group group : window.values()) {
            emitter.emitFinal(group, timestamp);
        }
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
        onWatermark(Long.MAX_VALUE);
        lateRows.end();
        next.onEnd();
    }

    private void publishOpenWindows() {
        LongStream.Builder ends = LongStream.builder();
        long done = watermark;
        for (long paneEnd : panes.keySet()) {
            long from = paneEnd > done ? paneEnd : done - Math.floorMod(done, slide) + slide;
            for (long end = from; end <= paneEnd + size - slide && end >= from; end += slide) {
                ends.add(end);
                done = end;
            }
        }
        openEnds = ends.build().toArray();
    }

    /** The ends of the windows still open (not yet closed by the watermark); read by any thread. */
    public long[] openWindowEnds() {
        return openEnds;
    }

    // ---- checkpoints (only while no engine thread runs this operator) -----------------------------------------------

    @Override
    public void snapshot(EntrySink out) {
        out.put(StateEntry.shared("watermark", watermark));
        for (Pane pane : panes.values()) {
            for (Groups.Group group : pane.groups.values()) {
                out.put(
                        EntryKeys.keyed(groups.hashValues(group), pane.end),
                        StateWriter.toBytes(w -> groups.write(group, w)));
            }
        }
    }

    @Override
    public void restore(List<StateEntry> entries) {
        panes.clear();
        last = null;
        watermark = Long.MIN_VALUE;
        for (StateEntry entry : entries) {
            if (EntryKeys.isShared(entry.key())) {
                if (EntryKeys.sharedName(entry.key()).equals("watermark")) {
                    watermark = entry.longValue();
                }
                continue;
            }
            long end = EntryKeys.suffix(entry.key());
            StateReader in = StateReader.of(entry.value());
            Groups.Group group = groups.read(in);
            in.checkFullyRead();
            panes.computeIfAbsent(end, Pane::new).groups.put(groups.keyOf(group), group);
        }
        publishOpenWindows();
    }
}
