package io.laminardb.engine.durability;

import static io.laminardb.engine.durability.TestSnapshots.bytesNotShared;
import static io.laminardb.engine.durability.TestSnapshots.changeEvery;
import static io.laminardb.engine.durability.TestSnapshots.keyOrder;
import static io.laminardb.engine.durability.TestSnapshots.large;
import static io.laminardb.engine.durability.TestSnapshots.sstFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.state.EntryKeys;
import io.laminardb.engine.state.OwnerKind;
import io.laminardb.engine.state.OwnerState;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.StateSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbStateStoreTest {

    @TempDir
    Path dataDir;

    private Path working;
    private RocksDbStateStore store;
    private int checkpoints;

    @BeforeEach
    void open() throws IOException {
        working = dataDir.resolve("state/rocksdb");
        store = new RocksDbStateStore(working);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aCheckpointReadsBackTheSnapshotWithEachStatesEntriesInKeyOrder() throws IOException {
        StateSnapshot.Builder builder = StateSnapshot.builder();
        builder.owner("trades", OwnerKind.SOURCE, "columns=(sym VARCHAR)");
        builder.put("source", EntryKeys.shared("watermark"), new byte[] {9});
        builder.put("source", EntryKeys.shared("consumed"), new byte[] {1});
        builder.owner("Totals", OwnerKind.MATERIALIZED_VIEW, "SELECT sym, SUM(qty) FROM trades GROUP BY sym");
        builder.state("late-rows");
        builder.put("group-aggregate", new byte[] {(byte) 0xF0}, new byte[] {2});
        builder.put("group-aggregate", new byte[] {0x10, 0}, new byte[] {});
        builder.put("group-aggregate", new byte[] {}, new byte[] {3});
        StateSnapshot snapshot = builder.build();

        StateSnapshot read = store.read(write(snapshot));

        assertThat(read).isEqualTo(keyOrder(snapshot));
        assertThat(read.owners()).extracting(o -> o.name()).containsExactly("trades", "Totals");
        assertThat(read.owner("totals").orElseThrow().stateNames()).containsExactly("late-rows", "group-aggregate");
    }

    @Test
    void ownersAndStatesWhoseNamesRunTogetherAlikeAreKeptApart() throws IOException {
        StateSnapshot.Builder builder = StateSnapshot.builder();
        builder.owner("a", OwnerKind.STREAM, "1");
        builder.put("bc", new byte[] {1}, new byte[] {1});
        builder.owner("ab", OwnerKind.STREAM, "2");
        builder.put("c", new byte[] {1}, new byte[] {2});
        builder.owner("abc", OwnerKind.STREAM, "3");
        builder.put("", new byte[] {1}, new byte[] {3});
        StateSnapshot snapshot = builder.build();

        assertThat(store.read(write(snapshot))).isEqualTo(snapshot);

        StateSnapshot.Builder without = StateSnapshot.builder();
        without.owner("abc", OwnerKind.STREAM, "3");
        without.put("", new byte[] {1}, new byte[] {3});
        assertThat(store.read(write(without.build()))).isEqualTo(without.build());
    }

    @Test
    void aSecondCheckpointAfterChangingOnePercentWritesOnlyThoseEntriesAndSharesTheFirstsSstFiles() throws IOException {
        StateSnapshot first = large(20_000, 1);
        StateSnapshot second = changeEvery(first, 100, 2);

        Path one = write(first);
        assertThat(store.lastWrite().statesIngested()).isOne();
        long firstSize = 0;
        for (Path sst : sstFiles(one)) {
            firstSize += Files.size(sst);
        }
        Path two = write(second);

        assertThat(store.lastWrite().entriesWritten()).isEqualTo(201);
        assertThat(store.lastWrite().entriesDeleted()).isZero();
        assertThat(store.lastWrite().statesIngested()).isZero();
        assertThat(sstFiles(two)).hasSizeGreaterThan(sstFiles(one).size());
        for (Path sst : sstFiles(one)) {
            Path same = two.resolve(RocksDbStateStore.DIRECTORY).resolve(sst.getFileName());
            assertThat(Files.isSameFile(sst, same))
                    .as("%s is hard-linked", sst.getFileName())
                    .isTrue();
            // The working database, the first checkpoint and the second hold the one file.
            assertThat((int) Files.getAttribute(sst, "unix:nlink")).isGreaterThanOrEqualTo(3);
        }
        assertThat(bytesNotShared(one, two)).isLessThan(firstSize / 10);
        assertThat(store.read(two)).isEqualTo(keyOrder(second));
        assertThat(store.read(one)).isEqualTo(keyOrder(first));
    }

    @Test
    void aCheckpointReadsBackAfterTheCoordinatorRenamesItsDirectory() throws IOException {
        StateSnapshot snapshot = large(1_000, 19);
        Path temporary = Files.createDirectories(dataDir.resolve("checkpoints/checkpoint-3.tmp"));
        store.write(snapshot, temporary);

        Path checkpoint = Files.move(temporary, dataDir.resolve("checkpoints/checkpoint-3"));

        assertThat(store.read(checkpoint)).isEqualTo(keyOrder(snapshot));
        store.resetTo(checkpoint);
        write(snapshot);
        assertThat(store.lastWrite().entriesWritten()).isZero();
    }

    @Test
    void aLargeStateIngestedAgainAfterItsOwnerWasDroppedReadsBackItsNewValues() throws IOException {
        write(large(StateIngest.MIN_ENTRIES, 20));
        write(StateSnapshot.builder().build());
        assertThat(store.lastWrite().rangesDeleted()).isOne();

        StateSnapshot again = large(StateIngest.MIN_ENTRIES + 5, 21);
        Path checkpoint = write(again);

        assertThat(store.lastWrite().statesIngested()).isOne();
        assertThat(store.read(checkpoint)).isEqualTo(keyOrder(again));
    }

    @Test
    void aLargeNewStateWithAKeyTwiceIsRefusedBeforeAnythingIsIngested() throws IOException {
        StateSnapshot large = large(StateIngest.MIN_ENTRIES, 22);
        List<StateEntry> entries = new ArrayList<>(large.owners().get(0).entries("window-aggregate"));
        entries.add(entries.get(17));
        OwnerState owner = large.owners().get(0);
        StateSnapshot twice = StateSnapshot.builder()
                .add(new OwnerState(
                        owner.name(), owner.kind(), owner.fingerprint(), Map.of("window-aggregate", entries)))
                .build();
        Path refused = Files.createDirectories(dataDir.resolve("refused"));

        assertThatThrownBy(() -> store.write(twice, refused)).isInstanceOf(IllegalArgumentException.class);

        Path checkpoint = write(large);
        assertThat(store.read(checkpoint)).isEqualTo(keyOrder(large));
    }

    @Test
    void aCheckpointOfAnUnchangedSnapshotWritesNothing() throws IOException {
        StateSnapshot snapshot = large(1_000, 3);
        write(snapshot);

        write(snapshot);

        assertThat(store.lastWrite()).isEqualTo(new RocksDbStateStore.WriteStats(0, 0, 0, 0, 0));
    }

    @Test
    void entriesStatesAndOwnersThatAreGoneAreDeletedFromLaterCheckpointsOnly() throws IOException {
        StateSnapshot.Builder before = StateSnapshot.builder();
        before.owner("v", OwnerKind.MATERIALIZED_VIEW, "q1");
        before.put("window-aggregate", new byte[] {1}, new byte[] {1});
        before.put("window-aggregate", new byte[] {2}, new byte[] {2});
        before.put("window-aggregate", new byte[] {3}, new byte[] {3});
        before.put("late-rows", EntryKeys.shared("count"), new byte[] {0});
        before.owner("dropped", OwnerKind.TABLE, "t");
        before.put("rows", new byte[] {7}, new byte[] {7});
        StateSnapshot.Builder after = StateSnapshot.builder();
        after.owner("v", OwnerKind.MATERIALIZED_VIEW, "q1");
        after.put("window-aggregate", new byte[] {2}, new byte[] {20});
        after.owner("created", OwnerKind.TABLE, "t");
        after.put("rows", new byte[] {7}, new byte[] {7});

        Path one = write(before.build());
        Path two = write(after.build());

        assertThat(store.read(two)).isEqualTo(after.build());
        assertThat(store.read(one)).isEqualTo(before.build());
        // Two entries one by one; the state late-rows and the owner dropped as a range each.
        assertThat(store.lastWrite().entriesDeleted()).isEqualTo(2);
        assertThat(store.lastWrite().rangesDeleted()).isEqualTo(2);
        // Two entries, and the owner values of v (its states changed) and of created.
        assertThat(store.lastWrite().entriesWritten()).isEqualTo(4);
    }

    @Test
    void aStoreOpenedOverItsWorkingDatabaseAfterARestartStaysIncremental() throws IOException {
        StateSnapshot first = large(5_000, 4);
        write(first);
        store.close();

        store = new RocksDbStateStore(working);
        StateSnapshot second = changeEvery(first, 100, 5);
        Path two = write(second);

        assertThat(store.lastWrite().entriesWritten()).isEqualTo(51);
        assertThat(store.read(two)).isEqualTo(keyOrder(second));
    }

    @Test
    void afterAResetToACheckpointTheNextCheckpointWritesOnlyWhatChangedSinceThatOne() throws IOException {
        StateSnapshot recovered = large(5_000, 6);
        Path one = write(recovered);
        write(changeEvery(recovered, 2, 7));
        write(large(300, 8));
        store.close();

        store = new RocksDbStateStore(working);
        store.resetTo(one);
        StateSnapshot next = changeEvery(recovered, 100, 9);
        Path next1 = write(next);

        assertThat(store.lastWrite().entriesWritten()).isEqualTo(51);
        assertThat(store.lastWrite().entriesDeleted()).isZero();
        assertThat(store.read(next1)).isEqualTo(keyOrder(next));
        for (Path sst : sstFiles(one)) {
            assertThat(Files.isSameFile(
                            sst, next1.resolve(RocksDbStateStore.DIRECTORY).resolve(sst.getFileName())))
                    .isTrue();
        }
    }

    @Test
    void aResetRebuildsAWorkingDatabaseThatIsMissing() throws IOException {
        StateSnapshot snapshot = large(1_000, 10);
        Path one = write(snapshot);
        store.close();

        Path elsewhere = dataDir.resolve("other/state/rocksdb");
        store = new RocksDbStateStore(elsewhere);
        store.resetTo(one);
        write(snapshot);

        assertThat(store.lastWrite().entriesWritten()).isZero();
    }

    @Test
    void aResetToADirectoryWithoutRocksDbStateFailsAndKeepsTheWorkingDatabase() throws IOException {
        StateSnapshot snapshot = large(100, 11);
        write(snapshot);
        Path empty = Files.createDirectories(dataDir.resolve("empty"));

        assertThatThrownBy(() -> store.resetTo(empty))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("has no RocksDB state");

        assertThat(store.read(write(snapshot))).isEqualTo(keyOrder(snapshot));
        assertThat(store.lastWrite().entriesWritten()).isZero();
    }

    @Test
    void aSnapshotWithAKeyTwiceInOneStateIsRefusedAndTheStoreWritesTheNextOneWhole() throws IOException {
        write(large(100, 12));
        StateSnapshot.Builder twice = StateSnapshot.builder();
        twice.owner("v", OwnerKind.STREAM, "q");
        twice.put("output", new byte[] {1}, new byte[] {1});
        twice.put("output", new byte[] {1}, new byte[] {2});
        Path refused = Files.createDirectories(dataDir.resolve("refused"));

        assertThatThrownBy(() -> store.write(twice.build(), refused))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");

        StateSnapshot next = changeEvery(large(100, 12), 10, 13);
        assertThat(store.read(write(next))).isEqualTo(keyOrder(next));
        assertThat(store.lastWrite().entriesWritten()).isEqualTo(11);
    }

    @Test
    void aCheckpointWithoutItsRocksDbDirectoryIsRefusedNamingIt() throws IOException {
        Path checkpoint = Files.createDirectories(dataDir.resolve("checkpoint-7"));

        assertThatThrownBy(() -> store.read(checkpoint))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("checkpoint-7")
                .hasMessageContaining("has no RocksDB state");
    }

    @Test
    void aCheckpointMissingAnSstFileCannotBeRead() throws IOException {
        Path checkpoint = write(large(2_000, 14));
        Files.delete(sstFiles(checkpoint).get(0));

        assertThatThrownBy(() -> store.read(checkpoint))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(checkpoint.toString())
                .hasMessageContaining("cannot be read");
    }

    @Test
    void aCheckpointMissingItsCurrentFileCannotBeRead() throws IOException {
        Path checkpoint = write(large(100, 15));
        Files.delete(checkpoint.resolve(RocksDbStateStore.DIRECTORY).resolve("CURRENT"));

        assertThatThrownBy(() -> store.read(checkpoint))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void aCheckpointWithADamagedSstFileFailsItsChecksum() throws IOException {
        StateSnapshot snapshot = large(20_000, 16);
        Path checkpoint = write(snapshot);
        Path sst = sstFiles(checkpoint).get(0);
        byte[] bytes = Files.readAllBytes(sst);
        for (int i = bytes.length / 3; i < bytes.length / 3 + 16; i++) {
            bytes[i] ^= 0x5A;
        }
        // A new file in place of the link: the working database keeps its own, intact.
        Files.delete(sst);
        Files.write(sst, bytes);

        assertThatThrownBy(() -> store.read(checkpoint))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot be read")
                .hasMessageContaining("checksum");
        assertThat(store.read(write(snapshot))).isEqualTo(keyOrder(snapshot));
    }

    @Test
    void aClosedStoreRefusesToWriteAndClosesOnce() throws IOException {
        store.close();
        store.close();
        Path checkpoint = Files.createDirectories(dataDir.resolve("late"));

        assertThatThrownBy(() -> store.write(large(1, 17), checkpoint))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aStoreReturnsTheSizeOfAllTheCheckpointsFiles() throws IOException {
        Path checkpoint = dataDir.resolve("checkpoint-" + checkpoints);
        Files.createDirectories(checkpoint);
        long size = store.write(large(1_000, 18), checkpoint);

        long files = 0;
        try (Stream<Path> all = Files.list(checkpoint.resolve(RocksDbStateStore.DIRECTORY))) {
            for (Path file : all.toList()) {
                files += Files.size(file);
            }
        }
        assertThat(size).isEqualTo(files).isGreaterThan(100_000);
    }

    /** Writes {@code snapshot} into a new checkpoint directory, as the coordinator does, and returns the directory. */
    private Path write(StateSnapshot snapshot) throws IOException {
        Path checkpoint = Files.createDirectories(dataDir.resolve("checkpoints/" + checkpoints++));
        store.write(snapshot, checkpoint);
        return checkpoint;
    }
}
