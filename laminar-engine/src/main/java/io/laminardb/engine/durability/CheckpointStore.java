package io.laminardb.engine.durability;

import io.laminardb.engine.DurabilityException;
import io.laminardb.engine.state.StateSnapshot;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of a data directory, one directory each ({@code chk-0000000042/}: {@code MANIFEST} and what the
 * {@link StateStore} writes). A checkpoint is written under a temporary name, every file forced to disk, then renamed into place and the
 * parent directory forced: a crash leaves either the whole checkpoint or a temporary directory, which the next open
 * deletes. A checkpoint whose manifest or state does not check out is skipped at recovery, with a warning.
 */
public final class CheckpointStore {

    private static final Logger log = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern NAME = Pattern.compile("chk-(\\d{10})");
    static final String MANIFEST = "MANIFEST";
    private static final String TEMP_PREFIX = ".tmp-";

    /** A checkpoint whose manifest checked out: the manifest and the checkpoint's directory. */
    public record Loaded(CheckpointManifest manifest, Path dir) {}

    /** A checkpoint written: its manifest, and the bytes its state takes. */
    public record Written(CheckpointManifest manifest, long stateBytes) {}

    private final Path dir;

    public CheckpointStore(Path dir) {
        this.dir = dir;
        deleteTemporaries();
    }

    /** The newest checkpoint's number, valid or not; 0 when there is none. */
    public long lastId() {
        return ids().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /**
     * Writes a checkpoint atomically: the state through {@code stateStore} and the manifest into a temporary
     * directory, every file forced, then renamed into place.
     */
    public Written write(CheckpointManifest manifest, StateSnapshot state, StateStore stateStore) {
        String name = name(manifest.id());
        Path temp = dir.resolve(TEMP_PREFIX + name);
        try {
            deleteTree(temp);
            Files.createDirectories(temp);
            long bytes = stateStore.write(state, temp);
            Path manifestFile = temp.resolve(MANIFEST);
            Files.write(manifestFile, manifest.toBytes());
            forceTree(temp);
            Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(dir);
            return new Written(manifest, bytes);
        } catch (IOException | RuntimeException e) {
            try {
                deleteTree(temp);
            } catch (IOException ignored) {
                // the next open deletes it
            }
            throw new DurabilityException(
                    "Writing checkpoint " + manifest.id() + " to " + dir + " failed: " + e.getMessage()
                            + ". The previous checkpoint and the log still hold everything.",
                    e);
        }
    }

    /** The checkpoints whose manifest checks out, newest first; damaged ones are named in the log and skipped. */
    public List<Loaded> candidates() {
        List<Long> ids = ids();
        ids.sort(Comparator.reverseOrder());
        List<Loaded> all = new ArrayList<>();
        for (long id : ids) {
            Path checkpoint = dir.resolve(name(id));
            try {
                all.add(new Loaded(
                        CheckpointManifest.fromBytes(Files.readAllBytes(checkpoint.resolve(MANIFEST))), checkpoint));
            } catch (IOException e) {
                log.warn("Skipping checkpoint {} in {}: {}", id, dir, e.getMessage());
            }
        }
        return all;
    }

    /** The manifests of the checkpoints kept, oldest first; damaged ones left out. */
    public List<CheckpointManifest> manifests() {
        List<CheckpointManifest> all = new ArrayList<>();
        List<Long> ids = ids();
        ids.sort(null);
        for (long id : ids) {
            try {
                all.add(CheckpointManifest.fromBytes(
                        Files.readAllBytes(dir.resolve(name(id)).resolve(MANIFEST))));
            } catch (IOException e) {
                // skipped: newestValid() reports it
            }
        }
        return all;
    }

    /** Deletes all but the {@code retained} newest checkpoints. */
    public void retain(int retained) {
        List<Long> ids = ids();
        ids.sort(Comparator.reverseOrder());
        for (int i = retained; i < ids.size(); i++) {
            try {
                deleteTree(dir.resolve(name(ids.get(i))));
            } catch (IOException e) {
                log.warn("Could not delete old checkpoint {}: {}", ids.get(i), e.getMessage());
            }
        }
        try {
            forceDirectory(dir);
        } catch (IOException ignored) {
            // best effort: a checkpoint that comes back after a crash is deleted again next time
        }
    }

    private List<Long> ids() {
        List<Long> ids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    ids.add(Long.parseLong(m.group(1)));
                }
            });
        } catch (IOException e) {
            throw new DurabilityException("Cannot list the checkpoints in " + dir + ": " + e.getMessage(), e);
        }
        return ids;
    }

    private void deleteTemporaries() {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (p.getFileName().toString().startsWith(TEMP_PREFIX)) {
                    log.info("Deleting {}: a checkpoint that was interrupted before it was complete", p);
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            throw new DurabilityException("Cannot clean up " + dir + ": " + e.getMessage(), e);
        }
    }

    static String name(long id) {
        return String.format("chk-%010d", id);
    }

    /** Forces every file and directory under {@code root} to disk. */
    private static void forceTree(Path root) throws IOException {
        List<Path> dirs = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    channel.force(true);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) {
                dirs.add(d);
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path d : dirs) {
            forceDirectory(d);
        }
    }

    /** Forces a directory's entries to disk; where the platform cannot (not Linux), renames are as safe as it allows. */
    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // Windows cannot open a directory this way
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
