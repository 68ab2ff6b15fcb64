package io.laminardb.engine.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A segment appended to with one positional {@code write} per record and forced with {@code fdatasync}. The {@link
 * io.laminardb.engine.WalMode#SYNC SYNC} log's segment: there every record is forced soon after it is written, and a
 * page dirtied through a mapping after each force costs far more to force again than one dirtied by {@code write}
 * (the package documentation has the figures); the system call per append is small beside the force it waits for.
 *
 * <p>The channel stays open until {@link #release()}, so a force in flight when the log rolls completes.
 */
final class WrittenSegment extends ActiveSegment {

    /** Records up to this size go out in one {@code write}, frame and payload copied together. */
    private static final int SCRATCH_SIZE = 64 * 1024;

    /** Used under the log's append lock only. Direct, so the channel does not copy it once more. */
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(SCRATCH_SIZE);

    WrittenSegment(long base, Path path, FileChannel channel, int capacity, int writeOffset) {
        super(base, path, channel, capacity, writeOffset);
    }

    @Override
    long append(int checksum, byte[] payload) throws IOException {
        int length = payload.length;
        scratch.clear().putInt(length).putInt(checksum);
        if (length <= scratch.remaining()) {
            scratch.put(payload).flip();
            writeFully(channel, scratch, writeOffset);
        } else {
            // Frame first, then payload: a crash between the two leaves a record that fails its checksum, a torn tail.
            writeFully(channel, scratch.flip(), writeOffset);
            writeFully(channel, ByteBuffer.wrap(payload), writeOffset + WalDescriptor.FRAME_LENGTH);
        }
        writeOffset += WalDescriptor.FRAME_LENGTH + length;
        return endPosition();
    }

    @Override
    long append(int checksum, ByteBuffer payload) throws IOException {
        int length = payload.remaining();
        int position = payload.position();
        scratch.clear().putInt(length).putInt(checksum);
        try {
            if (length <= scratch.remaining()) {
                scratch.put(payload).flip();
                writeFully(channel, scratch, writeOffset);
            } else {
                writeFully(channel, scratch.flip(), writeOffset);
                writeFully(channel, payload, writeOffset + WalDescriptor.FRAME_LENGTH);
            }
        } finally {
            payload.position(position);
        }
        writeOffset += WalDescriptor.FRAME_LENGTH + length;
        return endPosition();
    }

    /** Forces the whole file, which holds nothing but this segment; the range is for the mapped kind. */
    @Override
    void force(long fromPosition, long toPosition) throws IOException {
        channel.force(false);
    }

    @Override
    void seal() {}

    @Override
    void release() {
        closeQuietly();
    }
}
