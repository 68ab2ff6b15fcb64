package io.laminardb.engine.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.state.OwnerKind;
import io.laminardb.engine.state.OwnerState;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.StateSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Both state stores read back what they wrote. The RocksDB store is written a series of snapshots drawn from few names
 * and keys, so that each differs from the one before in some entries, states and owners, with restarts and resets to an
 * earlier checkpoint between them: every checkpoint reads back as its snapshot, in key order, however it was written,
 * and still does after the later writes.
 */
class StateStoreProperties {

    private Path root;
    private int checkpoints;

    @BeforeProperty
    void createRoot() throws IOException {
        root = Files.createTempDirectory("state-store-properties");
    }

    @AfterProperty
    void deleteRoot() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Provide
    Arbitrary<StateSnapshot> snapshots() {
        Arbitrary<byte[]> keys = Arbitraries.of((byte) 0, (byte) 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF)
                .array(byte[].class)
                .ofMaxSize(3);
        Arbitrary<StateEntry> entry = Combinators.combine(
                        keys, Arbitraries.bytes().array(byte[].class).ofMaxSize(6))
                .as(StateEntry::new);
        Arbitrary<Map<String, List<StateEntry>>> states = Arbitraries.maps(
                        Arbitraries.of("window-aggregate", "output", "late-rows", "", "x\u00e9\uD800"),
                        entry.list().ofMaxSize(12).uniqueElements(e -> ByteBuffer.wrap(e.key())))
                .ofMaxSize(3);
        Arbitrary<OwnerState> owner = Combinators.combine(
                        Arbitraries.of("a", "ab", "Ab c", "bids", "x\u00e9"),
                        Arbitraries.of(OwnerKind.class),
                        Arbitraries.of("", "SELECT 1", "columns=(a INT)"),
                        states)
                .as(OwnerState::new);
        return owner.list()
                .ofMaxSize(4)
                .uniqueElements(o -> o.name().toLowerCase())
                .map(owners -> {
                    StateSnapshot.Builder builder = StateSnapshot.builder();
                    owners.forEach(builder::add);
                    return builder.build();
                });
    }

    /** What happens before a write of the series. */
    enum Before {
        NOTHING,
        /** The store is closed and opened again over its working database. */
        RESTART,
        /** The store is reset to a checkpoint written earlier in the series. */
        RESET
    }

    record Step(Before before, StateSnapshot snapshot) {}

    @Provide
    Arbitrary<List<Step>> series() {
        return Combinators.combine(Arbitraries.of(Before.class), snapshots())
                .as(Step::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(5);
    }

    @Property(tries = 200)
    void aMemoryStoreReadsBackExactlyWhatItWrote(@ForAll("snapshots") StateSnapshot snapshot) throws IOException {
        MemoryStateStore store = new MemoryStateStore();
        Path checkpoint = Files.createDirectory(root.resolve("checkpoint-" + checkpoints++));

        store.write(snapshot, checkpoint);

        assertThat(store.read(checkpoint)).isEqualTo(snapshot);
    }

    @Property(tries = 60)
    void aRocksDbStoreReadsBackEveryCheckpointOfASeriesInKeyOrder(@ForAll("series") List<Step> series)
            throws IOException {
        Path working = root.resolve("working-" + checkpoints);
        List<Path> written = new ArrayList<>();
        List<StateSnapshot> snapshots = new ArrayList<>();
        RocksDbStateStore store = new RocksDbStateStore(working);
        try {
            for (Step step : series) {
                if (step.before() == Before.RESTART) {
                    store.close();
                    store = new RocksDbStateStore(working);
                } else if (step.before() == Before.RESET && !written.isEmpty()) {
                    store.resetTo(written.get(step.snapshot().entryCount() % written.size()));
                }
                Path checkpoint = Files.createDirectory(root.resolve("checkpoint-" + checkpoints++));
                store.write(step.snapshot(), checkpoint);
                written.add(checkpoint);
                snapshots.add(TestSnapshots.keyOrder(step.snapshot()));

                assertThat(store.read(checkpoint)).isEqualTo(snapshots.get(snapshots.size() - 1));
            }
            for (int i = 0; i < written.size(); i++) {
                assertThat(store.read(written.get(i))).isEqualTo(snapshots.get(i));
            }
        } finally {
            store.close();
        }
    }
}
