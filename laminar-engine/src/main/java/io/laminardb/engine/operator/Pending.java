package io.laminardb.engine.operator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The groups waiting to be handed on (changed since the last batch of {@code EMIT ON WATERMARK} or {@code EVERY}), as
 * a checkpoint keeps them: each group's place in the waiting list, so that a restored operator hands them on in the
 * same order. Groups from several partitions restored into one keep their order within each partition.
 */
final class Pending {

    private record Waiting(int position, Groups.Group group) {}

    private final List<Waiting> waiting = new ArrayList<>();

    /**
     * The place of each group that is waiting in {@code list} (it may also hold groups handed on since, which no longer
     * wait, and a group twice, which waits at its first place).
     */
    static Map<Groups.Group, Integer> positions(List<Groups.Group> list) {
        Map<Groups.Group, Integer> positions = new IdentityHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Groups.Group group = list.get(i);
            if (group.dirty) {
                positions.putIfAbsent(group, i);
            }
        }
        return positions;
    }

    /** A restored group and its place, -1 if it was not waiting. */
    void add(int position, Groups.Group group) {
        if (position >= 0) {
            waiting.add(new Waiting(position, group));
        }
    }

    /** Appends the waiting groups to {@code list} in their order. */
    void addTo(List<Groups.Group> list) {
        waiting.sort(Comparator.comparingInt(Waiting::position));
        for (Waiting w : waiting) {
            list.add(w.group());
        }
    }
}
