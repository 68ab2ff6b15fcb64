package io.laminardb.engine.exchange;

import io.laminardb.engine.runtime.EngineTask;
import io.laminardb.engine.state.EntryKeys;
import io.laminardb.engine.state.EntrySink;
import io.laminardb.engine.state.SizedState;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.StateFormatException;
import io.laminardb.engine.state.Stateful;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of a keyed operator as one logical state, whatever the number of partitions it runs in: the entries of
 * every copy, which restore routes to the copy that owns each key under the current number of engine threads. So a
 * checkpoint taken with two engine threads restores into one, or four.
 *
 * <p>Entries follow {@link EntryKeys}: a shared entry (the operator's watermark) is written once, and must be equal in
 * every copy; a restore gives it to every copy. A keyed entry goes to the partition its partition values hash to,
 * by the hash {@link PartitionOperator} sends rows with. An operator that runs as one copy (one engine thread, or no
 * group key) takes every entry.
 *
 * <p>Called only while the engine is paused, as {@link Stateful} says, and drained: a row between the exchange and a
 * partition, or a result between a partition and the merge, would be in no state.
 */
public final class PartitionedState implements Stateful, SizedState {

    private final List<? extends Stateful> copies;
    private final List<? extends EngineTask> exchange;

    /**
     * @param copies the operator's copies, partition {@code p} at index {@code p}
     * @param exchange the tasks whose queues carry rows to and from the copies (none for a single copy)
     */
    public PartitionedState(List<? extends Stateful> copies, List<? extends EngineTask> exchange) {
        if (copies.isEmpty()) {
            throw new IllegalArgumentException("an operator runs as one copy at least");
        }
        this.copies = List.copyOf(copies);
        this.exchange = List.copyOf(exchange);
    }

    /** The rows of every copy that reports its size; 0 for an operator that does not. */
    @Override
    public long stateRows() {
        long rows = 0;
        for (Stateful copy : copies) {
            if (copy instanceof SizedState sized) {
                rows += sized.stateRows();
            }
        }
        return rows;
    }

    /**
     * @throws IllegalStateException if rows are in flight between the partitions and the rest of the query, or the
     *     copies disagree on a shared entry: the engine was not drained
     */
    @Override
    public void snapshot(EntrySink out) {
        for (EngineTask task : exchange) {
            if (task.hasPending()) {
                throw new IllegalStateException("Rows are in flight between a query's partitions: take the snapshot"
                        + " once the engine has handed on what it took.");
            }
        }
        List<StateEntry> shared = null;
        List<StateEntry> keyed = new ArrayList<>();
        for (Stateful copy : copies) {
            List<StateEntry> own = new ArrayList<>();
            copy.snapshot((key, value) -> {
                if (EntryKeys.isShared(key)) {
                    own.add(new StateEntry(key, value));
                } else {
                    keyed.add(new StateEntry(key, value));
                }
            });
            if (shared == null) {
                shared = own;
            } else if (!shared.equals(own)) {
                throw new IllegalStateException("The partitions of a query disagree on " + shared + " and " + own
                        + ": take the snapshot once the engine has handed on what it took.");
            }
        }
        shared.forEach(out::put);
        keyed.forEach(out::put);
    }

    @Override
    public void restore(List<StateEntry> entries) {
        int n = copies.size();
        if (n == 1) {
            copies.get(0).restore(entries);
            return;
        }
        List<List<StateEntry>> routed = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            routed.add(new ArrayList<>());
        }
        for (StateEntry entry : entries) {
            if (EntryKeys.isShared(entry.key())) {
                routed.forEach(list -> list.add(entry));
            } else if (EntryKeys.isKeyed(entry.key())) {
                int p = PartitionOperator.partitionOf(EntryKeys.partitionValues(entry.key()), n);
                routed.get(p).add(entry);
            } else {
                throw new StateFormatException(
                        "an entry of a partitioned operator is neither shared nor keyed: " + entry);
            }
        }
        for (int p = 0; p < n; p++) {
            copies.get(p).restore(routed.get(p));
        }
    }
}
