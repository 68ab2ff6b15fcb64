package io.laminardb.engine.wal;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** File-system steps shared by the log and its recovery: listing, zero-filling, directory fsync, unmapping. */
final class SegmentFiles {

    private static final Logger log = LoggerFactory.getLogger(SegmentFiles.class);

    /** A segment file found in the log directory. */
    record SegmentFile(long base, Path path) {}

    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20).asReadOnlyBuffer();

    /**
     * {@code sun.misc.Unsafe.invokeCleaner}, the one way before the foreign-memory API to unmap a buffer at a moment of
     * our choosing rather than the collector's; null where it is unavailable, and then mappings go with the collector.
     */
    private static final MethodHandle INVOKE_CLEANER = findInvokeCleaner();

    private static volatile boolean directorySyncUnsupportedLogged;

    private SegmentFiles() {}

    /**
     * The segment files in {@code dir}, by base position, after deleting {@code .tmp} files that segment creations
     * interrupted by a crash left behind. Other files are left alone.
     */
    static List<SegmentFile> list(Path dir) throws IOException {
        List<SegmentFile> segments = new ArrayList<>();
        boolean deleted = false;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path path : (Iterable<Path>) files::iterator) {
                String name = path.getFileName().toString();
                if (name.endsWith(WalDescriptor.SUFFIX + WalDescriptor.TEMP_SUFFIX)) {
                    log.info("Write-ahead log {}: deleting {}, a segment whose creation did not finish", dir, name);
                    Files.delete(path);
                    deleted = true;
                    continue;
                }
                OptionalLong base = WalDescriptor.parseBase(name);
                if (base.isPresent()) {
                    segments.add(new SegmentFile(base.getAsLong(), path));
                }
            }
        }
        if (deleted) {
            syncDirectory(dir);
        }
        segments.sort(Comparator.comparingLong(SegmentFile::base));
        return segments;
    }

    /** Writes zeros over {@code [from, to)}, which reserves the blocks, unlike a sparse extension. */
    static void zeroFill(FileChannel channel, long from, long to) throws IOException {
        long offset = from;
        while (offset < to) {
            ByteBuffer zeros = ZEROS.duplicate();
            zeros.limit((int) Math.min(zeros.capacity(), to - offset));
            while (zeros.hasRemaining()) {
                offset += channel.write(zeros, offset);
            }
        }
    }

    /**
     * Forces the directory entry changes (created, renamed, deleted files) of {@code dir} to disk. Some platforms
     * (Windows) cannot open a directory as a channel; there the file system's own ordering is all we get.
     */
    static void syncDirectory(Path dir) {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException unsupported) {
            logDirectorySyncUnsupported(dir, unsupported);
            return;
        }
        try (channel) {
            channel.force(true);
        } catch (IOException e) {
            // Where a directory opens but cannot be forced, failing the log would make it unusable on that platform;
            // where forcing is supported and fails, the file system is in trouble and the data forces will say so.
            log.warn("Write-ahead log {}: could not force the directory to disk ({})", dir, e.toString());
        }
    }

    /** Unmaps {@code buffer} now, where the platform allows it. Nothing may touch the buffer afterwards. */
    static void unmap(MappedByteBuffer buffer) {
        if (INVOKE_CLEANER == null) {
            return;
        }
        try {
            INVOKE_CLEANER.invokeExact((ByteBuffer) buffer);
        } catch (Throwable e) {
            log.debug("Could not unmap a write-ahead log segment; the garbage collector will", e);
        }
    }

    private static void logDirectorySyncUnsupported(Path dir, Exception cause) {
        if (!directorySyncUnsupportedLogged) {
            directorySyncUnsupportedLogged = true;
            log.info(
                    "Write-ahead log {}: this platform cannot force a directory to disk ({}); file creations and"
                            + " deletions rely on the file system's ordering",
                    dir,
                    cause.toString());
        }
    }

    private static MethodHandle findInvokeCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(theUnsafe.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("sun.misc.Unsafe.invokeCleaner is unavailable; write-ahead log segments are unmapped by GC", e);
            return null;
        }
    }
}
