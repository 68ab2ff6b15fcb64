package io.laminardb.engine.operator;

import io.laminardb.engine.ChangeEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@code GROUP BY} without a window: one group per key for as long as the query runs, its row handed on as a
 * changelog (an update retracts the previous row) or, with {@code EMIT ON WATERMARK} or {@code EMIT EVERY}, in batches.
 * A group whose rows are all retracted leaves with a {@code DELETE}.
 */
public final class GroupAggregateOperator implements Operator {

    private final Groups groups;
    private final EmitMode mode;
    private final long periodMillis;
    private final GroupEmitter emitter;
    private final Operator next;
    private final Map<Object, Groups.Group> state = new HashMap<>();
    private final ArrayList<Groups.Group> dirty = new ArrayList<>();
    private long nextPeriod;

    public GroupAggregateOperator(Groups groups, EmitMode mode, long periodMillis, Operator next) {
        this.groups = groups;
        this.mode = mode;
        this.periodMillis = periodMillis;
        this.emitter = new GroupEmitter(groups, mode, next);
        this.next = next;
    }

    @Override
    public void onRow(Object[] row, ChangeEvent.Op op, long timestamp) {
        Object key = groups.key(row);
        Groups.Group group = state.get(key);
        boolean add = op.weight() > 0;
        if (group == null) {
            if (!add) {
                return;
            }
            group = groups.newGroup(row);
            state.put(key, group);
        }
        groups.apply(group, row, add);
        if (mode.perChange()) {
            emitter.emit(group, timestamp);
            if (group.rows <= 0) {
                state.remove(key);
            }
        } else if (!group.dirty) {
            group.dirty = true;
            dirty.add(group);
        }
    }

    private void flush(long timestamp) {
        for (Groups.Group group : dirty) {
            if (group.dirty) {
                emitter.emit(group, timestamp);
                if (group.rows <= 0) {
                    state.remove(groups.keyOf(group));
                }
            }
        }
        dirty.clear();
    }

    @Override
    public void onWatermark(long watermark) {
        if (mode == EmitMode.ON_WATERMARK) {
            flush(watermark);
        }
        next.onWatermark(watermark);
    }

    @Override
    public void onTick(long nowMillis) {
        if (mode == EmitMode.EVERY && nowMillis >= nextPeriod) {
            nextPeriod = nowMillis + periodMillis;
            flush(nowMillis);
        }
        next.onTick(nowMillis);
    }

    @Override
    public boolean wantsTicks() {
        return mode == EmitMode.EVERY || next.wantsTicks();
    }

    @Override
    public void onEnd() {
        flush(Long.MIN_VALUE);
        next.onEnd();
    }
}
