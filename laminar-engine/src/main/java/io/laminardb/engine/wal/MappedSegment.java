package io.laminardb.engine.wal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A segment mapped read-write whole: an append is a copy into the page cache, with no system call, and a force is an
 * {@code msync} of the pages the records lie on. The {@link io.laminardb.engine.WalMode#ASYNC ASYNC} log's segment.
 *
 * <p>The mapping outlives the channel: {@link #seal()} closes the channel and a force still in flight completes;
 * {@link #release()} unmaps, after which touching the buffer would crash the JVM, so the log calls it only where no
 * force can be running.
 */
final class MappedSegment extends ActiveSegment {

    private final MappedByteBuffer map;

    MappedSegment(long base, Path path, FileChannel channel, int capacity, int writeOffset) throws IOException {
        super(base, path, channel, capacity, writeOffset);
        this.map = channel.map(FileChannel.MapMode.READ_WRITE, 0, capacity);
    }

    @Override
    long append(int checksum, byte[] payload) {
        int offset = writeOffset;
        map.putInt(offset + WalDescriptor.LENGTH_OFFSET, payload.length);
        map.putInt(offset + WalDescriptor.CRC_OFFSET, checksum);
        map.put(offset + WalDescriptor.FRAME_LENGTH, payload, 0, payload.length);
        writeOffset = offset + WalDescriptor.FRAME_LENGTH + payload.length;
        return endPosition();
    }

    @Override
    long append(int checksum, ByteBuffer payload) {
        int length = payload.remaining();
        int offset = writeOffset;
        map.putInt(offset + WalDescriptor.LENGTH_OFFSET, length);
        map.putInt(offset + WalDescriptor.CRC_OFFSET, checksum);
        map.put(offset + WalDescriptor.FRAME_LENGTH, payload, payload.position(), length);
        writeOffset = offset + WalDescriptor.FRAME_LENGTH + length;
        return endPosition();
    }

    @Override
    void force(long fromPosition, long toPosition) throws IOException {
        int from = (int) (fromPosition - base()) + WalDescriptor.HEADER_LENGTH;
        int to = (int) (toPosition - base()) + WalDescriptor.HEADER_LENGTH;
        try {
            map.force(from, to - from);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    void seal() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    @Override
    void release() {
        unmap();
    }

    @Override
    void unmap() {
        SegmentFiles.unmap(map);
    }
}
