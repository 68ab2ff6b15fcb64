package io.laminardb.benchmarks.state;

import io.laminardb.engine.durability.MemoryStateStore;
import io.laminardb.engine.durability.RocksDbStateStore;
import io.laminardb.engine.durability.StateStore;
import io.laminardb.engine.state.EntryKeys;
import io.laminardb.engine.state.OwnerKind;
import io.laminardb.engine.state.OwnerState;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.StateSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time of one checkpoint's state of about {@code entries} x 100 bytes (1 GB at the default 10 M): {@link #full}, the
 * first checkpoint of a store, which writes everything, and {@link #incremental}, the next one after 1% of the entries
 * got a new value; for {@code backend=rocksdb} ({@link RocksDbStateStore}) and, as the baseline in the same run, {@code
 * backend=memory} ({@link MemoryStateStore}), for which both are the same work.
 *
 * <p>A checkpoint here is what the coordinator will do with the engine running: {@link StateStore#write} into an empty
 * directory, then force every file of it and the directory to disk. Taking the snapshot (with the engine paused) is not
 * part of it: both snapshots are built once per trial, as one view's window aggregate of keyed entries (a 7-byte key,
 * an 88-byte random value, so that compression cannot help) plus a watermark. Every invocation starts from a new store
 * over an empty working directory, and the incremental one writes the first snapshot untimed first. All files are
 * written under {@code java.io.tmpdir} and deleted after each invocation. A single shot per iteration: run with {@code
 * -p entries=1000000} for a short run. Each invocation prints the checkpoint's size and, for the incremental one, the
 * bytes of its files that the first checkpoint does not share.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx8g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class CheckpointBenchmark {

    /** The state, built once per trial. */
    @State(Scope.Benchmark)
    public static class Snapshots {

        /** The entries of the state; about 100 bytes each. */
        @Param({"10000000"})
        public int entries;

        /** {@code rocksdb} or {@code memory}. */
        @Param({"rocksdb", "memory"})
        public String backend;

        StateSnapshot first;
        StateSnapshot next;
        Path root;

        @Setup(Level.Trial)
        public void build() throws IOException {
            SplittableRandom random = new SplittableRandom(42);
            List<StateEntry> groups = new ArrayList<>(entries);
            for (int i = 0; i < entries; i++) {
                groups.add(new StateEntry(EntryKeys.keyed(new Object[] {(long) i}), value(random)));
            }
            first = snapshot(groups, 1_000);
            List<StateEntry> changed = new ArrayList<>(groups);
            for (int i = 0; i < changed.size(); i += 100) {
                changed.set(i, new StateEntry(changed.get(i).key(), value(random)));
            }
            next = snapshot(changed, 2_000);
            root = Files.createTempDirectory("laminar-checkpoint-benchmark");
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            deleteTree(root);
        }

        StateStore open(Path working) throws IOException {
            return backend.equals("rocksdb") ? new RocksDbStateStore(working) : new MemoryStateStore();
        }

        private static StateSnapshot snapshot(List<StateEntry> groups, long watermark) {
            return StateSnapshot.builder()
                    .add(new OwnerState(
                            "bids_per_minute",
                            OwnerKind.MATERIALIZED_VIEW,
                            "SELECT auction, COUNT(*) FROM bids GROUP BY auction, TUMBLE(ts, INTERVAL '1' MINUTE)",
                            Map.of(
                                    "window-aggregate",
                                    groups,
                                    "output",
                                    List.of(StateEntry.shared("watermark", watermark)))))
                    .build();
        }

        private static byte[] value(SplittableRandom random) {
            byte[] value = new byte[88];
            random.nextBytes(value);
            return value;
        }
    }

    /** A new store over an empty working directory, and an empty checkpoint directory. */
    @State(Scope.Thread)
    public static class FirstCheckpoint {
        StateStore store;
        Path directory;
        Path checkpoint;

        @Setup(Level.Invocation)
        public void open(Snapshots snapshots) throws IOException {
            directory = Files.createTempDirectory(snapshots.root, "invocation");
            store = snapshots.open(directory.resolve("state/rocksdb"));
            checkpoint = Files.createDirectories(directory.resolve("checkpoints/1"));
        }

        @TearDown(Level.Invocation)
        public void close() throws IOException {
            System.out.printf("%n  checkpoint: %,d bytes%n", sizeOf(checkpoint));
            store.close();
            deleteTree(directory);
        }
    }

    /** A store that has written the first snapshot into one checkpoint, and an empty directory for the next. */
    @State(Scope.Thread)
    public static class NextCheckpoint {
        StateStore store;
        Path directory;
        Path previous;
        Path checkpoint;

        @Setup(Level.Invocation)
        public void open(Snapshots snapshots) throws IOException {
            directory = Files.createTempDirectory(snapshots.root, "invocation");
            store = snapshots.open(directory.resolve("state/rocksdb"));
            previous = Files.createDirectories(directory.resolve("checkpoints/1"));
            checkpoint(store, snapshots.first, previous);
            checkpoint = Files.createDirectories(directory.resolve("checkpoints/2"));
        }

        @TearDown(Level.Invocation)
        public void close() throws IOException {
            System.out.printf(
                    "%n  checkpoint: %,d bytes, %,d of them not shared with the one before%n",
                    sizeOf(checkpoint), notShared(previous, checkpoint));
            store.close();
            deleteTree(directory);
        }
    }

    @Benchmark
    public long full(Snapshots snapshots, FirstCheckpoint target) throws IOException {
        return checkpoint(target.store, snapshots.first, target.checkpoint);
    }

    @Benchmark
    public long incremental(Snapshots snapshots, NextCheckpoint target) throws IOException {
        return checkpoint(target.store, snapshots.next, target.checkpoint);
    }

    /** What the coordinator does with a snapshot: has the store write it, then forces the checkpoint to disk. */
    static long checkpoint(StateStore store, StateSnapshot snapshot, Path checkpoint) throws IOException {
        long size = store.write(snapshot, checkpoint);
        try (Stream<Path> files = Files.walk(checkpoint)) {
            for (Path file : files.toList()) {
                // A directory is forced through a read channel, as a file is (Linux).
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    channel.force(true);
                }
            }
        }
        return size;
    }

    private static long sizeOf(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(CheckpointBenchmark::size)
                    .sum();
        }
    }

    /** The bytes of the files of {@code later} that are not hard links to files of {@code earlier}. */
    private static long notShared(Path earlier, Path later) throws IOException {
        List<Object> inodes;
        try (Stream<Path> files = Files.walk(earlier)) {
            inodes = files.filter(Files::isRegularFile)
                    .map(CheckpointBenchmark::inode)
                    .toList();
        }
        try (Stream<Path> files = Files.walk(later)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !inodes.contains(inode(file)))
                    .mapToLong(CheckpointBenchmark::size)
                    .sum();
        }
    }

    private static Object inode(Path file) {
        try {
            return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class)
                    .fileKey();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
