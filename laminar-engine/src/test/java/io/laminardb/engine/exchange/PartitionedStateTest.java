package io.laminardb.engine.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.operator.Operator;
import io.laminardb.engine.state.EntryKeys;
import io.laminardb.engine.state.EntrySink;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.Stateful;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PartitionedState}: the copies of a keyed operator written as one state, and read back into any number of
 * copies, each keyed entry to the partition the exchange sends its key's rows to.
 */
class PartitionedStateTest {

    /** A copy that holds entries as they are. */
    private static final class Copy implements Stateful {
        final List<StateEntry> entries = new ArrayList<>();

        @Override
        public void snapshot(EntrySink out) {
            entries.forEach(out::put);
        }

        @Override
        public void restore(List<StateEntry> restored) {
            entries.clear();
            entries.addAll(restored);
        }
    }

    private static final Operator IGNORE = new Operator() {
        @Override
        public void onRow(Object[] row, ChangeEvent.Op op, long timestamp) {}

        @Override
        public void onWatermark(long watermark) {}

        @Override
        public void onEnd() {}
    };

    @Test
    void aKeyIsRestoredToThePartitionItsRowsAreSentTo() {
        Random random = new Random(7);
        for (int partitions = 1; partitions <= 5; partitions++) {
            for (int i = 0; i < 200; i++) {
                Object[] key = {randomValue(random), randomValue(random)};
                PartitionTask[] tasks = new PartitionTask[partitions];
                for (int p = 0; p < partitions; p++) {
                    tasks[p] = new PartitionTask(IGNORE);
                }
                new PartitionOperator(new int[] {2, 0}, tasks)
                        .onRow(new Object[] {key[1], "other", key[0]}, ChangeEvent.Op.INSERT, Long.MIN_VALUE);

                int expected = PartitionOperator.partitionOf(key, partitions);
                for (int p = 0; p < partitions; p++) {
                    assertThat(tasks[p].hasPending())
                            .as("partition %d of %d", p, partitions)
                            .isEqualTo(p == expected);
                }
            }
        }
    }

    @Test
    void sharedEntriesGoToEveryCopyAndKeyedOnesToTheirPartition() {
        StateEntry watermark = StateEntry.shared("watermark", 42);
        List<StateEntry> keyed = new ArrayList<>();
        for (long k = 0; k < 50; k++) {
            keyed.add(new StateEntry(EntryKeys.keyed(new Object[] {k, "x" + k}, 1000L), new byte[] {(byte) k}));
        }
        List<StateEntry> entries = new ArrayList<>(keyed);
        entries.add(0, watermark);
        List<Copy> copies = List.of(new Copy(), new Copy(), new Copy());

        new PartitionedState(copies, List.of()).restore(entries);

        for (int p = 0; p < copies.size(); p++) {
            int partition = p;
            assertThat(copies.get(p).entries).contains(watermark);
            assertThat(copies.get(p).entries.subList(1, copies.get(p).entries.size()))
                    .allSatisfy(e -> assertThat(PartitionOperator.partitionOf(EntryKeys.partitionValues(e.key()), 3))
                            .isEqualTo(partition));
        }
        assertThat(copies.stream().mapToInt(c -> c.entries.size()).sum()).isEqualTo(keyed.size() + 3);
    }

    @Test
    void theCopiesAreWrittenAsOneStateWithTheSharedEntriesOnce() {
        List<Copy> copies = List.of(new Copy(), new Copy());
        StateEntry watermark = StateEntry.shared("watermark", 42);
        StateEntry a = new StateEntry(EntryKeys.keyed(new Object[] {"a"}), new byte[] {1});
        StateEntry b = new StateEntry(EntryKeys.keyed(new Object[] {"b"}), new byte[] {2});
        copies.get(0).entries.addAll(List.of(watermark, a));
        copies.get(1).entries.addAll(List.of(watermark, b));
        List<StateEntry> written = new ArrayList<>();

        new PartitionedState(copies, List.of()).snapshot((key, value) -> written.add(new StateEntry(key, value)));

        assertThat(written).containsExactly(watermark, a, b);
    }

    @Test
    void copiesThatDisagreeOnASharedEntryAreRefused() {
        List<Copy> copies = List.of(new Copy(), new Copy());
        copies.get(0).entries.add(StateEntry.shared("watermark", 42));
        copies.get(1).entries.add(StateEntry.shared("watermark", 41));

        assertThatThrownBy(() -> new PartitionedState(copies, List.of()).snapshot((k, v) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("disagree");
    }

    @Test
    void aSnapshotIsRefusedWhileRowsAreInFlightToAPartition() {
        PartitionTask task = new PartitionTask(IGNORE);
        new PartitionOperator(new int[] {0}, new PartitionTask[] {task})
                .onRow(new Object[] {"a"}, ChangeEvent.Op.INSERT, Long.MIN_VALUE);

        assertThatThrownBy(() -> new PartitionedState(List.of(new Copy()), List.of(task)).snapshot((k, v) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in flight");
    }

    private static Object randomValue(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> random.nextLong();
            case 2 -> "k" + random.nextInt(1000);
            case 3 -> random.nextDouble();
            case 4 -> BigDecimal.valueOf(random.nextInt(10_000), random.nextInt(4));
            default -> random.nextInt();
        };
    }
}
