package io.laminardb.engine.wal;

import io.laminardb.engine.wal.SegmentFiles.SegmentFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads records back from a {@link WriteAheadLog}, in position order across segments, checking each one's checksum. A
 * cursor, so reading allocates nothing per record:
 *
 * <pre>{@code
 * try (WalReader reader = wal.read(checkpoint.walPosition())) {
 *     while (reader.next()) {
 *         replay(reader.payload());                 // valid until the next call to next()
 *         lastApplied = reader.position();          // the end of the record just read
 *     }
 * }
 * }</pre>
 *
 * <p>Reads the segment files through its own channels (not the log's mappings), up to the end of the log when {@link
 * WriteAheadLog#read} was called. One thread at a time.
 */
public final class WalReader implements AutoCloseable {

    private static final int INITIAL_BUFFER_SIZE = 64 * 1024;

    private final Path dir;
    private final List<SegmentFile> segments;
    private final long end;
    private final CRC32C crc = new CRC32C();

    private ByteBuffer buffer = ByteBuffer.allocate(INITIAL_BUFFER_SIZE).flip();
    private ByteBuffer checksumView = buffer.duplicate();
    private ByteBuffer payloadView = buffer.asReadOnlyBuffer();

    private int segmentIndex = -1;
    private FileChannel channel;
    /** File offset of the next byte to read into the buffer. */
    private long fileOffset;
    /** File offset where the current segment's records end. */
    private long dataLimit;
    /** Where the next record starts. */
    private long position;

    private boolean hasRecord;
    private boolean closed;

    private WalReader(Path dir, List<SegmentFile> segments, long end) {
        this.dir = dir;
        this.segments = List.copyOf(segments);
        this.end = end;
    }

    static WalReader open(Path dir, List<SegmentFile> segments, long end, long from) {
        long start = segments.get(0).base();
        if (from < start || from > end) {
            throw new IllegalArgumentException("Position " + from + " is outside the write-ahead log in " + dir
                    + ", which holds positions " + start + " to " + end
                    + (from < start ? ": the segments before " + start + " were deleted" : ""));
        }
        int index = 0;
        while (index + 1 < segments.size() && segments.get(index + 1).base() <= from) {
            index++;
        }
        WalReader reader = new WalReader(dir, segments, end);
        try {
            reader.openSegment(index);
            while (reader.position < from) {
                reader.readRecord();
            }
            if (reader.position != from) {
                throw new IllegalArgumentException("Position " + from + " is not the start of a record in the"
                        + " write-ahead log in " + dir + ": a record runs from before it to " + reader.position
                        + "; use a position append() returned or WalReader.position() gave");
            }
            reader.hasRecord = false;
            return reader;
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * Moves to the next record.
     *
     * @return false at the end of the log
     * @throws WalCorruptedException if a record fails its checksum or is cut short
     * @throws WalException if a segment file cannot be read, or was deleted while needed
     */
    public boolean next() {
        if (closed) {
            throw new IllegalStateException("This write-ahead log reader is closed");
        }
        while (position == segmentEnd()) {
            if (segmentIndex == segments.size() - 1) {
                hasRecord = false;
                return false;
            }
            openSegment(segmentIndex + 1);
        }
        readRecord();
        hasRecord = true;
        return true;
    }

    /**
     * The payload of the current record, read-only, between its position and limit. Valid until the next call to
     * {@link #next()} or {@link #close()}: copy what must outlive it.
     */
    public ByteBuffer payload() {
        checkRecord();
        return payloadView;
    }

    /**
     * The position just after the current record, the same position {@link WriteAheadLog#append} returned for it: the
     * position to store as "replayed up to here", and to pass to {@link WriteAheadLog#read} to continue after it.
     * Before the first {@link #next()}, the position reading started from.
     */
    public long position() {
        return position;
    }

    @Override
    public void close() {
        closed = true;
        hasRecord = false;
        closeChannel();
    }

    private void checkRecord() {
        if (!hasRecord) {
            throw new IllegalStateException("No current record: call next() first, and only while it returns true");
        }
    }

    private long segmentEnd() {
        return segmentIndex + 1 < segments.size()
                ? segments.get(segmentIndex + 1).base()
                : end;
    }

    private void openSegment(int index) {
        closeChannel();
        SegmentFile segment = segments.get(index);
        segmentIndex = index;
        position = segment.base();
        buffer.clear().flip();
        try {
            channel = FileChannel.open(segment.path(), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new WalException(
                    "Write-ahead log segment " + segment.path() + " was deleted while a reader needed"
                            + " it: deleteBefore must not delete what is still being read",
                    e);
        } catch (IOException e) {
            throw readFailure(e);
        }
        fileOffset = 0;
        dataLimit = WalDescriptor.HEADER_LENGTH + segmentEnd() - segment.base();
        fill(WalDescriptor.HEADER_LENGTH);
        String problem = WalDescriptor.headerProblem(buffer.slice(), segment.base());
        if (problem != null) {
            throw corrupt("the segment header is damaged: " + problem);
        }
        buffer.position(buffer.position() + WalDescriptor.HEADER_LENGTH);
    }

    private void readRecord() {
        fill(WalDescriptor.FRAME_LENGTH);
        int length = buffer.getInt(buffer.position() + WalDescriptor.LENGTH_OFFSET);
        int stored = buffer.getInt(buffer.position() + WalDescriptor.CRC_OFFSET);
        long following = segmentEnd() - position - WalDescriptor.FRAME_LENGTH;
        if (length < 0 || length > following) {
            throw corrupt("its length field says " + length + " bytes, but the segment's records end " + following
                    + " bytes after the frame");
        }
        fill(WalDescriptor.FRAME_LENGTH + length);
        int payloadStart = buffer.position() + WalDescriptor.FRAME_LENGTH;
        int computed = WalDescriptor.checksum(crc, checksumView, payloadStart, length);
        if (computed != stored) {
            throw corrupt(String.format(
                    "its checksum does not match its contents (stored 0x%08x, computed 0x%08x)", stored, computed));
        }
        payloadView.limit(payloadStart + length).position(payloadStart);
        buffer.position(payloadStart + length);
        position += WalDescriptor.FRAME_LENGTH + length;
    }

    /** Makes at least {@code needed} unread bytes available in the buffer. */
    private void fill(int needed) {
        if (buffer.remaining() >= needed) {
            return;
        }
        if (buffer.capacity() < needed) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(needed, buffer.capacity() * 2));
            larger.put(buffer).flip();
            buffer = larger;
            checksumView = buffer.duplicate();
            payloadView = buffer.asReadOnlyBuffer();
        }
        buffer.compact();
        try {
            while (buffer.position() < needed) {
                int room = (int) Math.min(buffer.remaining(), dataLimit - fileOffset);
                if (room <= 0) {
                    break;
                }
                buffer.limit(buffer.position() + room);
                int read = channel.read(buffer, fileOffset);
                buffer.limit(buffer.capacity());
                if (read < 0) {
                    break;
                }
                fileOffset += read;
            }
        } catch (IOException e) {
            throw readFailure(e);
        } finally {
            buffer.flip();
        }
        if (buffer.remaining() < needed) {
            throw corrupt("the file ends " + buffer.remaining() + " bytes into it, " + needed + " bytes are needed");
        }
    }

    private WalCorruptedException corrupt(String what) {
        Path path = segments.get(segmentIndex).path();
        return new WalCorruptedException(
                "Write-ahead log segment " + path + " is corrupt at position " + position + ": " + what + ". The"
                        + " file changed after the log checked it; reopen the log to have it checked again (with"
                        + " WalOptions.withTruncateOnCorruption(true) to cut it there), or restore it from a copy",
                path,
                position);
    }

    private WalException readFailure(IOException e) {
        return new WalException(
                "Could not read write-ahead log segment "
                        + segments.get(segmentIndex).path() + " in " + dir + ": " + e,
                e);
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Read-only: nothing is lost by a failed close.
            }
            channel = null;
        }
    }
}
