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
import java.util.List;
import java.util.Map;

/**
 * A {@code GROUP BY} without a window: one group per key for as long as the query runs, its row handed on as a
 * changelog (an update retracts the previous row) or, with {@code EMIT ON WATERMARK} or {@code EMIT EVERY}, in batches.
 * A group whose rows are all retracted leaves with a {@code DELETE}.
 *
 * <p>Its checkpointed state is one entry per group, keyed by the group's key values: the group (with the row it last
 * handed on, so that a retraction after a restore retracts the right row) and its place among the groups waiting for
 * the next batch. When the next {@code EMIT EVERY} period starts is processing time and not kept: after a restore the
 * first tick hands the waiting groups on.
 */
public final class GroupAggregateOperator implements Operator, Stateful {

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

    // ---- checkpoints (only while no engine thread runs this operator) -----------------------------------------------

    @Override
    public void snapshot(EntrySink out) {
        Map<Groups.Group, Integer> waiting = Pending.positions(dirty);
        for (Groups.Group group : state.values()) {
            int position = waiting.getOrDefault(group, -1);
            out.put(EntryKeys.keyed(groups.hashValues(group)), StateWriter.toBytes(w -> {
                w.writeInt(position);
                groups.write(group, w);
            }));
        }
    }

    @Override
    public void restore(List<StateEntry> entries) {
        state.clear();
        dirty.clear();
        Pending pending = new Pending();
        for (StateEntry entry : entries) {
            StateReader in = StateReader.of(entry.value());
            int position = in.readInt();
            Groups.Group group = groups.read(in);
            in.checkFullyRead();
            state.put(groups.keyOf(group), group);
            pending.add(position, group);
        }
        pending.addTo(dirty);
    }
}
