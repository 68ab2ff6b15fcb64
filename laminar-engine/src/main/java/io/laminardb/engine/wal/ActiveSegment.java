package io.laminardb.engine.wal;

import io.laminardb.engine.WalMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The segment appends go to: a file preallocated with zeros to its capacity, written either through a memory mapping
 * ({@link MappedSegment}, for {@link WalMode#ASYNC}) or with one {@code write} per record ({@link WrittenSegment}, for
 * {@link WalMode#SYNC}); the package documentation says why each mode gets its own.
 *
 * <p>Threading: {@link #append} and {@link #dataEnd()} are called under the log's append lock only. {@link #force} may
 * run on another thread while appends go on: it reads no field that appends change, and the operating system
 * serialises writeback itself. {@link #release()} must come after every other call on a segment has returned.
 */
abstract sealed class ActiveSegment permits MappedSegment, WrittenSegment {

    private final long base;
    private final Path path;
    private final int capacity;
    FileChannel channel;
    int writeOffset;

    ActiveSegment(long base, Path path, FileChannel channel, int capacity, int writeOffset) {
        this.base = base;
        this.path = path;
        this.channel = channel;
        this.capacity = capacity;
        this.writeOffset = writeOffset;
    }

    /**
     * Creates the segment starting at {@code base}: under a temporary name its header is written and forced, the rest
     * zero-filled (which reserves the blocks, so a full disk fails here rather than inside an append, and keeps forces
     * from having to commit a file size change), and then it is renamed and the directory forced.
     */
    static ActiveSegment create(Path dir, long base, int capacity, WalMode mode) throws IOException {
        Path path = dir.resolve(WalDescriptor.fileName(base));
        Path temp = dir.resolve(path.getFileName() + WalDescriptor.TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(WalDescriptor.HEADER_LENGTH);
            WalDescriptor.writeHeader(header, base);
            writeFully(channel, header, 0);
            // Only the header: the zeros need not be durable, a hole reads as zeros too.
            channel.force(true);
            SegmentFiles.zeroFill(channel, WalDescriptor.HEADER_LENGTH, capacity);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE);
        SegmentFiles.syncDirectory(dir);
        return open(base, path, WalDescriptor.HEADER_LENGTH, capacity, mode);
    }

    /**
     * Opens an existing segment whose records end at file offset {@code dataEnd}, after recovery has cut whatever
     * followed them; a file shorter than {@code capacity} is zero-filled to it first.
     */
    static ActiveSegment open(long base, Path path, int dataEnd, int capacity, WalMode mode) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long size = channel.size();
            if (size < capacity) {
                SegmentFiles.zeroFill(channel, size, capacity);
            }
            int fileCapacity = (int) Math.max(size, capacity);
            return mode == WalMode.SYNC
                    ? new WrittenSegment(base, path, channel, fileCapacity, dataEnd)
                    : new MappedSegment(base, path, channel, fileCapacity, dataEnd);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    long base() {
        return base;
    }

    Path path() {
        return path;
    }

    /** File offset just after the last record. */
    int dataEnd() {
        return writeOffset;
    }

    /** The position just after the last record. */
    long endPosition() {
        return base + writeOffset - WalDescriptor.HEADER_LENGTH;
    }

    /** Whether a record of {@code payloadLength} bytes fits after the last one. */
    boolean fits(int payloadLength) {
        return capacity - writeOffset >= WalDescriptor.FRAME_LENGTH + (long) payloadLength;
    }

    /** Copies one record in; the caller checked it {@link #fits}. Returns the position just after it. */
    abstract long append(int checksum, byte[] payload) throws IOException;

    /** As {@link #append(int, byte[])}, for the payload's bytes between its position and limit, which stay as they were. */
    abstract long append(int checksum, ByteBuffer payload) throws IOException;

    /** Forces the records between two positions of this segment to disk. */
    abstract void force(long fromPosition, long toPosition) throws IOException;

    /** When the log rolls to the next segment: nothing more is appended, forces may still come. */
    abstract void seal() throws IOException;

    /** Lets go of the file, once no force on it can be running. */
    abstract void release();

    /** Unmaps the segment if it is mapped; nothing may touch the mapping afterwards. */
    void unmap() {}

    /**
     * On close of the log: unmaps, cuts the file to its records so the next open need not scan the preallocated tail,
     * and closes it. The records must have been forced.
     */
    void closeTruncated() throws IOException {
        unmap();
        if (channel == null) {
            return;
        }
        try (FileChannel closing = channel) {
            channel = null;
            try {
                closing.truncate(writeOffset);
            } catch (IOException stillMapped) {
                // Windows refuses to truncate a file that is still mapped (where unmapping is unavailable); the
                // preallocated tail is then only scanned again at the next open.
            }
            closing.force(true);
        }
    }

    /** After a failure while opening: lets go of the file, changing nothing on disk. */
    void abandon() {
        unmap();
        closeQuietly();
    }

    void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException alreadyFailing) {
                // Nothing was written since the last force; the caller reports what went wrong.
            }
            channel = null;
        }
    }

    static void writeFully(FileChannel channel, ByteBuffer bytes, long offset) throws IOException {
        long at = offset;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }
}
