package io.laminardb.engine.operator;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.state.EntryKeys;
import io.laminardb.engine.state.EntrySink;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import io.laminardb.engine.state.Stateful;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code GROUP BY} over {@code TUMBLE} or {@code HOP} windows: groups are kept per window, keyed by every group column
 * (window bounds included), and leave when the watermark closes their window, as the {@link EmitMode} says.
 *
 * <p>State is a map from window end to that window's groups, ordered so that a watermark closes a prefix. A row
 * whose window is already closed is late and handled by the {@link LateDataPolicy}.
 *
 * <p>Its checkpointed state: the watermark, shared by every partition (which windows are closed follows from it), and
 * one entry per group of each window kept, keyed by the group's values and the window end: the group (with the row it
 * last handed on, which {@code EMIT ON WATERMARK}, {@code EVERY}, {@code CHANGES} and late updates retract) and its
 * place among the groups waiting for the next batch. A window none of whose groups is left (every row retracted) is
 * not kept; with {@code late_data = 'update'}, a late row for such a window is dropped after a restore where it would
 * have started a new group. When the next {@code EMIT EVERY} period starts is processing time and not kept.
 */
public final class WindowAggregateOperator implements Operator, Stateful {

    /** One window's groups. */
    private static final class Window {
        final long end;
        final Map<Object, Groups.Group> groups = new HashMap<>();
        boolean closed;

        Window(long end) {
            this.end = end;
        }
    }

    private final Groups groups;
    private final int endColumn;
    private final long endOffset;
    private final EmitMode mode;
    private final long periodMillis;
    private final LateDataPolicy late;
    private final LateRows lateRows;
    private final GroupEmitter emitter;
    private final Operator next;
    private final TreeMap<Long, Window> windows = new TreeMap<>();
    private final ArrayList<Groups.Group> dirty = new ArrayList<>();
    private long watermark = Long.MIN_VALUE;
    private long nextPeriod;
    private Window last;
    /** The ends of the open windows, replaced when a window opens or closes: for diagnostics on other threads. */
    private volatile long[] openEnds = new long[0];

    /**
     * @param groups the grouping (window bound columns included)
     * @param endColumn the input column holding {@code window_end}, or {@code window_start} with {@code endOffset}
     * @param endOffset added to {@code endColumn} to get the window end: 0, or the window size for a start column
     */
    public WindowAggregateOperator(
            Groups groups,
            int endColumn,
            long endOffset,
            EmitMode mode,
            long periodMillis,
            LateDataPolicy late,
            LateRows lateRows,
            Operator next) {
        this.groups = groups;
        this.endColumn = endColumn;
        this.endOffset = endOffset;
        this.mode = mode;
        this.periodMillis = periodMillis;
        this.late = mode == EmitMode.FINAL ? LateDataPolicy.DROP : late;
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
        long windowEnd = (Long) end + endOffset;
        if (windowEnd <= watermark) {
            late(row, op, timestamp, windowEnd);
            return;
        }
        Window window = last;
        if (window == null || window.end != windowEnd) {
            window = windows.get(windowEnd);
            if (window == null) {
                window = new Window(windowEnd);
                windows.put(windowEnd, window);
                publishOpenWindows();
            }
            last = window;
        }
        apply(window, row, op, timestamp);
    }

    private void apply(Window window, Object[] row, ChangeEvent.Op op, long timestamp) {
        Object key = groups.key(row);
        Groups.Group group = window.groups.get(key);
        boolean add = op.weight() > 0;
        if (group == null) {
            if (!add) {
                return; // retracts a row this window never counted
            }
            group = groups.newGroup(row);
            window.groups.put(key, group);
        }
        groups.apply(group, row, add);
        if (mode.perChange() || window.closed) {
            emitter.emit(group, timestamp);
            if (group.rows <= 0) {
                window.groups.remove(key);
            }
        } else if (!group.dirty) {
            group.dirty = true;
            if (mode == EmitMode.ON_WATERMARK || mode == EmitMode.EVERY) {
                dirty.add(group);
            }
        }
    }

    private void late(Object[] row, ChangeEvent.Op op, long timestamp, long windowEnd) {
        Window kept = late.action() == LateDataPolicy.Action.UPDATE ? windows.get(windowEnd) : null;
        if (kept != null) {
            lateRows.counted();
            apply(kept, row, op, timestamp);
        } else if (late.action() == LateDataPolicy.Action.SIDE_OUTPUT) {
            lateRows.divert(row, op, timestamp);
        } else {
            lateRows.counted();
        }
    }

    @Override
    public void onWatermark(long watermark) {
        if (watermark <= this.watermark) {
            return;
        }
        this.watermark = watermark;
        for (Window window : windows.headMap(watermark, true).values()) {
            if (!window.closed) {
                close(window);
            }
        }
        if (mode == EmitMode.ON_WATERMARK) {
            flushDirty(watermark);
        }
        long retention = late.retentionMillis();
        Iterator<Window> it = windows.values().iterator();
        while (it.hasNext()) {
            Window window = it.next();
            if (window.end > watermark - retention) {
                break;
            }
            it.remove();
            if (window == last) {
                last = null;
            }
        }
        publishOpenWindows();
        lateRows.watermark(watermark);
        next.onWatermark(watermark);
    }

    private void close(Window window) {
        window.closed = true;
        long timestamp = window.end - 1;
        switch (mode) {
            case ON_WINDOW_CLOSE, FINAL -> {
                for (Groups.Group group : window.groups.values()) {
                    emitter.emitFinal(group, timestamp);
                }
            }
            case ON_WATERMARK, EVERY -> {
                for (Groups.Group group : window.groups.values()) {
                    if (group.dirty) {
                        emitter.emit(group, timestamp);
                    }
                }
            }
            default -> {} // every change already left
        }
    }

    private void flushDirty(long timestamp) {
        for (Groups.Group group : dirty) {
            if (group.dirty) {
                emitter.emit(group, timestamp);
            }
        }
        dirty.clear();
    }

    @Override
    public void onTick(long nowMillis) {
        if (mode == EmitMode.EVERY && nowMillis >= nextPeriod) {
            nextPeriod = nowMillis + periodMillis;
            flushDirty(nowMillis);
        }
        next.onTick(nowMillis);
    }

    @Override
    public boolean wantsTicks() {
        return mode == EmitMode.EVERY || next.wantsTicks();
    }

    @Override
    public void onEnd() {
        onWatermark(Long.MAX_VALUE);
        lateRows.end();
        next.onEnd();
    }

    private void publishOpenWindows() {
        openEnds = windows.tailMap(watermark, false).keySet().stream()
                .mapToLong(Long::longValue)
                .toArray();
    }

    /** The ends of the windows still open (not yet closed by the watermark); read by any thread. */
    public long[] openWindowEnds() {
        return openEnds;
    }

    // ---- checkpoints (only while no engine thread runs this operator) -----------------------------------------------

    @Override
    public void snapshot(EntrySink out) {
        out.put(StateEntry.shared("watermark", watermark));
        Map<Groups.Group, Integer> waiting = Pending.positions(dirty);
        for (Window window : windows.values()) {
            for (Groups.Group group : window.groups.values()) {
                int position = waiting.getOrDefault(group, -1);
                out.put(EntryKeys.keyed(groups.hashValues(group), window.end), StateWriter.toBytes(w -> {
                    w.writeInt(position);
                    groups.write(group, w);
                }));
            }
        }
    }

    @Override
    public void restore(List<StateEntry> entries) {
        windows.clear();
        dirty.clear();
        last = null;
        watermark = Long.MIN_VALUE;
        for (StateEntry entry : entries) {
            if (EntryKeys.isShared(entry.key())
                    && EntryKeys.sharedName(entry.key()).equals("watermark")) {
                watermark = entry.longValue();
            }
        }
        Pending pending = new Pending();
        for (StateEntry entry : entries) {
            if (!EntryKeys.isKeyed(entry.key())) {
                continue;
            }
            long end = EntryKeys.suffix(entry.key());
            StateReader in = StateReader.of(entry.value());
            int position = in.readInt();
            Groups.Group group = groups.read(in);
            in.checkFullyRead();
            Window window = windows.computeIfAbsent(end, Window::new);
            // Every window the watermark has reached was closed when it did.
            window.closed = end <= watermark;
            window.groups.put(groups.keyOf(group), group);
            pending.add(position, group);
        }
        pending.addTo(dirty);
        publishOpenWindows();
    }
}
