package io.laminardb.engine.durability;

import io.laminardb.engine.state.EntryKeys;
import io.laminardb.engine.state.OwnerKind;
import io.laminardb.engine.state.OwnerState;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.StateSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/** Snapshots for the state store tests: large ones, changed ones, and the order a RocksDB store reads them back in. */
final class TestSnapshots {

    private TestSnapshots() {}

    /** One view with {@code entries} keyed entries of about 100 bytes in {@code window-aggregate}, and a watermark. */
    static StateSnapshot large(int entries, long seed) {
        Random random = new Random(seed);
        List<StateEntry> groups = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            groups.add(new StateEntry(EntryKeys.keyed(new Object[] {(long) i}), value(random)));
        }
        return StateSnapshot.builder()
                .add(new OwnerState(
                        "bids_per_minute",
                        OwnerKind.MATERIALIZED_VIEW,
                        "SELECT auction, COUNT(*) FROM bids GROUP BY auction, TUMBLE(ts, INTERVAL '1' MINUTE)",
                        Map.of("window-aggregate", groups, "output", List.of(StateEntry.shared("watermark", 1_000L)))))
                .build();
    }

    /** {@code snapshot} with a new value for every {@code step}-th entry of every state. */
    static StateSnapshot changeEvery(StateSnapshot snapshot, int step, long seed) {
        Random random = new Random(seed);
        StateSnapshot.Builder builder = StateSnapshot.builder();
        for (OwnerState owner : snapshot.owners()) {
            Map<String, List<StateEntry>> states = new LinkedHashMap<>();
            owner.states().forEach((name, entries) -> {
                List<StateEntry> changed = new ArrayList<>(entries);
                for (int i = 0; i < changed.size(); i += step) {
                    changed.set(i, new StateEntry(changed.get(i).key(), value(random)));
                }
                states.put(name, changed);
            });
            builder.add(new OwnerState(owner.name(), owner.kind(), owner.fingerprint(), states));
        }
        return builder.build();
    }

    /** {@code snapshot} with each state's entries in the order of their keys as unsigned bytes, as RocksDB has them. */
    static StateSnapshot keyOrder(StateSnapshot snapshot) {
        StateSnapshot.Builder builder = StateSnapshot.builder();
        for (OwnerState owner : snapshot.owners()) {
            Map<String, List<StateEntry>> states = new LinkedHashMap<>();
            owner.states().forEach((name, entries) -> {
                List<StateEntry> sorted = new ArrayList<>(entries);
                sorted.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
                states.put(name, sorted);
            });
            builder.add(new OwnerState(owner.name(), owner.kind(), owner.fingerprint(), states));
        }
        return builder.build();
    }

    /** The SST files of a RocksDB checkpoint's directory. */
    static List<Path> sstFiles(Path checkpointDir) throws IOException {
        try (Stream<Path> files = Files.list(checkpointDir.resolve(RocksDbStateStore.DIRECTORY))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sst"))
                    .sorted()
                    .toList();
        }
    }

    /** The bytes of the files of {@code later} that are not the very files (hard links) of {@code earlier}. */
    static long bytesNotShared(Path earlier, Path later) throws IOException {
        List<Path> before = files(earlier);
        long bytes = 0;
        for (Path file : files(later)) {
            boolean shared = false;
            for (Path old : before) {
                shared |= Files.isSameFile(old, file);
            }
            bytes += shared ? 0 : Files.size(file);
        }
        return bytes;
    }

    private static List<Path> files(Path checkpointDir) throws IOException {
        try (Stream<Path> files = Files.list(checkpointDir.resolve(RocksDbStateStore.DIRECTORY))) {
            return files.toList();
        }
    }

    private static byte[] value(Random random) {
        byte[] value = new byte[88];
        random.nextBytes(value);
        return value;
    }
}
