package io.laminardb.engine.wal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The segment appends go to: a file preallocated with zeros to its capacity and mapped read-write whole, so an append
 * is a copy into the page cache (see the package documentation for why).
 *
 * <p>Threading: {@link #append} and {@link #dataEnd()} are called under the log's append lock only. {@link #force} may
 * run on another thread while appends go on, since it reads no field that appends change and the operating system
 * serialises page writeback itself. {@link #unmap()} must come after every other call has returned, as must nothing
 * after it: touching an unmapped buffer crashes the JVM.
 */
final class ActiveSegment {

    private final long base;
    private final Path path;
    private final MappedByteBuffer map;
    private FileChannel channel;
    private int writeOffset;

    private ActiveSegment(long base, Path path, FileChannel channel, MappedByteBuffer map, int writeOffset) {
        this.base = base;
        this.path = path;
        this.channel = channel;
        this.map = map;
        this.writeOffset = writeOffset;
    }

    /**
     * Creates the segment starting at {@code base}: under a temporary name its header is written and forced, the rest
     * zero-filled (which reserves the blocks, so a full disk fails here and not as a fault inside an append), and then
     * it is renamed and the directory forced.
     */
    static ActiveSegment create(Path dir, long base, int capacity) throws IOException {
        Path path = dir.resolve(WalDescriptor.fileName(base));
        Path temp = dir.resolve(path.getFileName() + WalDescriptor.TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(WalDescriptor.HEADER_LENGTH);
            WalDescriptor.writeHeader(header, base);
            while (header.hasRemaining()) {
                channel.write(header, header.position());
            }
            // Only the header: the zeros need not be durable, a hole reads as zeros too.
            channel.force(true);
            SegmentFiles.zeroFill(channel, WalDescriptor.HEADER_LENGTH, capacity);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE);
        SegmentFiles.syncDirectory(dir);
        return open(base, path, WalDescriptor.HEADER_LENGTH, capacity);
    }

    /**
     * Maps an existing segment whose records end at file offset {@code dataEnd}, after recovery has cut whatever
     * followed them; a file shorter than {@code capacity} is zero-filled to it first.
     */
    static ActiveSegment open(long base, Path path, int dataEnd, int capacity) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long size = channel.size();
            if (size < capacity) {
                SegmentFiles.zeroFill(channel, size, capacity);
            }
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, Math.max(size, capacity));
            return new ActiveSegment(base, path, channel, map, dataEnd);
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
        return map.capacity() - writeOffset >= WalDescriptor.FRAME_LENGTH + (long) payloadLength;
    }

    /** Copies one record in; the caller checked it {@link #fits}. Returns the position just after it. */
    long append(int checksum, byte[] payload) {
        int offset = writeOffset;
        map.putInt(offset + WalDescriptor.LENGTH_OFFSET, payload.length);
        map.putInt(offset + WalDescriptor.CRC_OFFSET, checksum);
        map.put(offset + WalDescriptor.FRAME_LENGTH, payload, 0, payload.length);
        writeOffset = offset + WalDescriptor.FRAME_LENGTH + payload.length;
        return endPosition();
    }

    /** As {@link #append(int, byte[])}, for the payload's bytes between its position and limit. */
    long append(int checksum, ByteBuffer payload) {
        int length = payload.remaining();
        int offset = writeOffset;
        map.putInt(offset + WalDescriptor.LENGTH_OFFSET, length);
        map.putInt(offset + WalDescriptor.CRC_OFFSET, checksum);
        map.put(offset + WalDescriptor.FRAME_LENGTH, payload, payload.position(), length);
        writeOffset = offset + WalDescriptor.FRAME_LENGTH + length;
        return endPosition();
    }

    /** Forces the records between two positions of this segment to disk (msync of the pages they lie on). */
    void force(long fromPosition, long toPosition) throws IOException {
        int from = (int) (fromPosition - base) + WalDescriptor.HEADER_LENGTH;
        int to = (int) (toPosition - base) + WalDescriptor.HEADER_LENGTH;
        try {
            map.force(from, to - from);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Closes the file channel of a segment that is no longer written; the mapping stays valid until {@link #unmap}, so
     * a force still in flight completes.
     */
    void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    void unmap() {
        SegmentFiles.unmap(map);
    }

    /** After a failure while opening: unmaps and closes, changing nothing on disk. */
    void abandon() {
        unmap();
        try {
            closeChannel();
        } catch (IOException alreadyFailing) {
            // The caller is already reporting why the log could not open.
        }
    }

    /**
     * On close of the log: unmaps, cuts the file to its records so the next open need not scan the preallocated tail,
     * and closes it. The records must have been forced.
     */
    void closeTruncated() throws IOException {
        unmap();
        if (channel != null) {
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
    }
}
