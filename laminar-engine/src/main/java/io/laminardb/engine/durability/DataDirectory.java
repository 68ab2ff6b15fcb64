package io.laminardb.engine.durability;

import io.laminardb.engine.DurabilityException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A database's data directory, held with an exclusive lock for as long as the database is open, so that two processes
 * (or two databases in one process) never write the same logs.
 *
 * <pre>
 * data-dir/
 *   LOCK                 held while open
 *   wal/core-0/          the write-ahead log of engine thread 0 (segment files)
 *   wal/core-1/          ...
 *   checkpoints/         one directory per checkpoint, newest kept
 * </pre>
 */
public final class DataDirectory implements AutoCloseable {

    private static final Pattern CORE_DIR = Pattern.compile("core-(\\d+)");

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating if needed) and locks {@code root}.
     *
     * @throws DurabilityException when it cannot be created or another database holds it
     */
    public static DataDirectory open(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute.resolve("wal"));
            Files.createDirectories(absolute.resolve("checkpoints"));
        } catch (IOException e) {
            throw new DurabilityException(
                    "Cannot create the data directory " + absolute + ": " + e.getMessage()
                            + ". Check that the path is writable, or set another data-dir.",
                    e);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(absolute.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(absolute, null);
            }
            return new DataDirectory(absolute, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(absolute, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new DurabilityException("Cannot lock the data directory " + absolute + ": " + e.getMessage(), e);
        } catch (DurabilityException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static DurabilityException inUse(Path root, Throwable cause) {
        return new DurabilityException(
                "The data directory " + root + " is in use by another open database (in this process or another)."
                        + " Close that database first, or give this one its own data-dir.",
                cause);
    }

    public Path root() {
        return root;
    }

    /** The directory of engine thread {@code core}'s log. */
    public Path walDir(int core) {
        return root.resolve("wal").resolve("core-" + core);
    }

    /** The engine threads that have a log here, from this run or an earlier one with more threads. */
    public List<Integer> walCores() {
        List<Integer> cores = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root.resolve("wal"))) {
            dirs.forEach(dir -> {
                Matcher m = CORE_DIR.matcher(dir.getFileName().toString());
                if (m.matches() && Files.isDirectory(dir)) {
                    cores.add(Integer.parseInt(m.group(1)));
                }
            });
        } catch (IOException e) {
            throw new DurabilityException("Cannot list the logs in " + root.resolve("wal") + ": " + e.getMessage(), e);
        }
        cores.sort(null);
        return cores;
    }

    public Path checkpointsDir() {
        return root.resolve("checkpoints");
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close below releases it too
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
