package io.laminardb.engine.operator;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.plan.codegen.RowCalc;
import io.laminardb.engine.state.EntryKeys;
import io.laminardb.engine.state.EntrySink;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.StateFormatException;
import io.laminardb.engine.state.StateReader;
import io.laminardb.engine.state.StateWriter;
import io.laminardb.engine.state.Stateful;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code SESSION} windows with their {@code GROUP BY}: per partition key, rows closer than the gap form one session;
 * a row that bridges two sessions merges them. When the watermark passes a session's end (its last row plus the gap),
 * the session's rows get {@code window_start} and {@code window_end}, go through the query's projection, and are
 * aggregated into one row per group.
 *
 * <p>A session keeps its rows rather than running aggregates, because merging two sessions must merge their
 * aggregates and not every aggregate can be merged; the memory is the rows of the sessions still open.
 *
 * <p>Its checkpointed state: the watermark, shared by every partition, and one entry per open session, keyed by the
 * session's partition values and its start: its end and its rows with their places in the arrival order.
 */
public final class SessionWindowOperator implements Operator, Stateful {

    /** One open session: its rows, each with its place in the arrival order. */
    private static final class Session {
        long start;
        long end;
        final List<Arrival> rows = new ArrayList<>();
        /** Whether {@link #rows} is in arrival order; a merge appends one session's rows to another's. */
        boolean inArrivalOrder = true;
    }

    /** A row and how many rows of the input came before it, so that merged sessions keep arrival order. */
    private record Arrival(long sequence, Object[] row) {}

    private final WindowSpec window;
    private final RowCalc projection;
    private final Groups groups;
    private final LateDataPolicy late;
    private final LateRows lateRows;
    private final GroupEmitter emitter;
    private final Operator next;
    private final Map<Object, TreeMap<Long, Session>> partitions = new HashMap<>();
    private final Groups partitioning;
    private long watermark = Long.MIN_VALUE;
    private long arrivals;
    private volatile long[] openEnds = new long[0];

    /**
     * @param projection from the input row with {@code window_start} and {@code window_end} appended to the aggregate's
     *     input row; null when the aggregate reads the windowed row as it is
     */
    public SessionWindowOperator(
            WindowSpec window,
            RowCalc projection,
            Groups groups,
            EmitMode mode,
            LateDataPolicy late,
            LateRows lateRows,
            Operator next) {
        this.window = window;
        this.projection = projection;
        this.groups = groups;
        this.late = late;
        this.lateRows = lateRows;
        this.emitter = new GroupEmitter(groups, mode, next);
        this.next = next;
        this.partitioning = new Groups(window.keyColumns(), List.of());
    }

    @Override
    public void onRow(Object[] row, ChangeEvent.Op op, long timestamp) {
        Object time = row[window.timeColumn()];
        if (time == null) {
            return;
        }
        long t = (Long) time;
        long gap = window.size();
        TreeMap<Long, Session> sessions = partitions.computeIfAbsent(partitioning.key(row), k -> new TreeMap<>());
        // Sessions that [t, t + gap) touches: those starting before t + gap and ending after t. Each leaves the map,
        // which is keyed by start, while the merge may move its start; the merged session goes back in below.
        Session merged = null;
        Iterator<Session> candidates =
                sessions.headMap(t + gap, false).descendingMap().values().iterator();
        while (candidates.hasNext()) {
            Session s = candidates.next();
            if (s.end <= t) {
                break; // sessions do not overlap one another, so earlier ones end earlier still
            }
            candidates.remove();
            if (merged == null) {
                merged = s;
            } else {
                merged.rows.addAll(s.rows);
                merged.inArrivalOrder = false;
                merged.start = Math.min(merged.start, s.start);
                merged.end = Math.max(merged.end, s.end);
            }
        }
        if (merged == null) {
            if (t + gap <= watermark) {
                if (late.action() == LateDataPolicy.Action.SIDE_OUTPUT) {
                    lateRows.divert(row, op, timestamp);
                } else {
                    lateRows.counted();
                }
                return;
            }
            merged = new Session();
            merged.start = t;
            merged.end = t + gap;
        } else {
            merged.start = Math.min(merged.start, t);
            merged.end = Math.max(merged.end, t + gap);
        }
        merged.rows.add(new Arrival(arrivals++, row));
        sessions.put(merged.start, merged);
    }

    @Override
    public void onWatermark(long watermark) {
        if (watermark <= this.watermark) {
            return;
        }
        this.watermark = watermark;
        java.util.ArrayList<Long> ends = new java.util.ArrayList<>();
        Iterator<TreeMap<Long, Session>> partitionIt = partitions.values().iterator();
        while (partitionIt.hasNext()) {
            TreeMap<Long, Session> sessions = partitionIt.next();
            Iterator<Session> it = sessions.values().iterator();
            while (it.hasNext()) {
                Session session = it.next();
                if (session.end <= watermark) {
                    fire(session);
                    it.remove();
                } else {
                    ends.add(session.end);
                }
            }
            if (sessions.isEmpty()) {
                partitionIt.remove();
            }
        }
        openEnds = ends.stream().mapToLong(Long::longValue).toArray();
        lateRows.watermark(watermark);
        next.onWatermark(watermark);
    }

    private void fire(Session session) {
        if (!session.inArrivalOrder) {
            session.rows.sort(Comparator.comparingLong(Arrival::sequence));
        }
        Map<Object, Groups.Group> result = new HashMap<>();
        for (Arrival arrival : session.rows) {
            Object[] row = arrival.row();
            Object[] windowed = Arrays.copyOf(row, row.length + 2);
            windowed[row.length] = session.start;
            windowed[row.length + 1] = session.end;
            Object[] input = projection == null ? windowed : projection.apply(windowed);
            if (input == null) {
                continue;
            }
            Groups.Group group = result.computeIfAbsent(groups.key(input), k -> groups.newGroup(input));
            groups.apply(group, input, true);
        }
        for (Groups.Group group : result.values()) {
            emitter.emitFinal(group, session.end - 1);
        }
    }

    @Override
    public void onEnd() {
        onWatermark(Long.MAX_VALUE);
        lateRows.end();
        next.onEnd();
    }

    /** The ends of the sessions still open as of the last watermark; read by any thread. */
    public long[] openWindowEnds() {
        return openEnds;
    }

    // ---- checkpoints (only while no engine thread runs this operator) -----------------------------------------------

    @Override
    public void snapshot(EntrySink out) {
        out.put(StateEntry.shared("watermark", watermark));
        int[] keys = window.keyColumns();
        for (TreeMap<Long, Session> sessions : partitions.values()) {
            for (Session session : sessions.values()) {
                Object[] first = session.rows.get(0).row();
                Object[] values = new Object[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    values[i] = first[keys[i]];
                }
                out.put(EntryKeys.keyed(values, session.start), StateWriter.toBytes(w -> {
                    w.writeLong(session.end).writeBoolean(session.inArrivalOrder);
                    w.writeCount(session.rows.size());
                    for (Arrival arrival : session.rows) {
                        w.writeLong(arrival.sequence()).writeRow(arrival.row());
                    }
                }));
            }
        }
    }

    @Override
    public void restore(List<StateEntry> entries) {
        partitions.clear();
        watermark = Long.MIN_VALUE;
        // Only the order of arrivals matters, within a session: numbering goes on after the highest one restored.
        arrivals = 0;
        List<Long> ends = new ArrayList<>();
        for (StateEntry entry : entries) {
            if (EntryKeys.isShared(entry.key())) {
                if (EntryKeys.sharedName(entry.key()).equals("watermark")) {
                    watermark = entry.longValue();
                }
                continue;
            }
            Session session = new Session();
            session.start = EntryKeys.suffix(entry.key());
            StateReader in = StateReader.of(entry.value());
            session.end = in.readLong();
            session.inArrivalOrder = in.readBoolean();
            for (int i = in.readCount(); i > 0; i--) {
                long sequence = in.readLong();
                session.rows.add(new Arrival(sequence, in.readRow()));
                arrivals = Math.max(arrivals, sequence + 1);
            }
            in.checkFullyRead();
            if (session.rows.isEmpty()) {
                throw new StateFormatException("a session without rows");
            }
            partitions
                    .computeIfAbsent(partitioning.key(session.rows.get(0).row()), k -> new TreeMap<>())
                    .put(session.start, session);
            ends.add(session.end);
        }
        openEnds = ends.stream().mapToLong(Long::longValue).toArray();
    }
}
