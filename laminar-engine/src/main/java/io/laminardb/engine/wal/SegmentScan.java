package io.laminardb.engine.wal;

import io.laminardb.engine.wal.SegmentFiles.SegmentFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * One segment file validated record by record: where its whole records end, and what stops the scan there if it is not
 * the end of data. Also answers the two questions recovery asks about the bytes after that point: does a valid record
 * follow, and where do the non-zero bytes end.
 *
 * <p>The file is mapped read-only for the scan and unmapped by {@link #close()}; nothing mapped escapes this class.
 * Single-threaded.
 */
final class SegmentScan implements AutoCloseable {

    private final SegmentFile file;
    private final MappedByteBuffer mapping;
    private final ByteBuffer bytes;
    private final ByteBuffer checksumView;
    private final CRC32C crc;
    private final int size;
    private final long capacity;
    private final int maxPayload;
    private final String headerProblem;
    private int dataEnd = WalDescriptor.HEADER_LENGTH;
    private String problem;

    private SegmentScan(SegmentFile file, MappedByteBuffer mapping, ByteBuffer bytes, long segmentSize, CRC32C crc) {
        this.file = file;
        this.mapping = mapping;
        this.bytes = bytes;
        this.checksumView = bytes.duplicate();
        this.crc = crc;
        this.size = bytes.capacity();
        this.capacity = Math.max(size, segmentSize);
        this.maxPayload = WalDescriptor.maxPayload(capacity);
        this.headerProblem = WalDescriptor.headerProblem(bytes, file.base());
    }

    /** Maps {@code file} and validates its header and records. */
    static SegmentScan scan(SegmentFile file, long segmentSize, CRC32C crc) throws IOException {
        SegmentScan scan;
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new WalCorruptedException(
                        "Write-ahead log segment " + file.path() + " is " + size
                                + " bytes long, more than a segment can be (" + Integer.MAX_VALUE
                                + "); it is not a segment this log wrote: move it out of the directory",
                        file.path(),
                        file.base());
            }
            if (size == 0) {
                scan = new SegmentScan(file, null, ByteBuffer.allocate(0), segmentSize, crc);
            } else {
                MappedByteBuffer mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
                scan = new SegmentScan(file, mapping, mapping, segmentSize, crc);
            }
        }
        if (scan.headerProblem == null) {
            scan.scanRecords();
        }
        return scan;
    }

    SegmentFile file() {
        return file;
    }

    /** What is wrong with the header, or null. When not null, no record was scanned. */
    String headerProblem() {
        return headerProblem;
    }

    /** File offset just after the last whole, valid record. */
    int dataEnd() {
        return dataEnd;
    }

    /** The position just after the last whole, valid record. */
    long endPosition() {
        return file.base() + dataEnd - WalDescriptor.HEADER_LENGTH;
    }

    /** What is wrong with the frame at {@link #dataEnd()}, or null if the data ends there cleanly. */
    String problem() {
        return problem;
    }

    int size() {
        return size;
    }

    private void scanRecords() {
        int offset = WalDescriptor.HEADER_LENGTH;
        while (offset < size) {
            if (size - offset < WalDescriptor.FRAME_LENGTH) {
                if (lastNonZero(offset) >= 0) {
                    problem = "the file ends " + (size - offset) + " bytes into the record's "
                            + WalDescriptor.FRAME_LENGTH + "-byte frame";
                }
                break;
            }
            int length = bytes.getInt(offset + WalDescriptor.LENGTH_OFFSET);
            int stored = bytes.getInt(offset + WalDescriptor.CRC_OFFSET);
            if (length == 0 && stored == 0) {
                break;
            }
            problem = recordProblem(offset, length, stored);
            if (problem != null) {
                break;
            }
            offset += WalDescriptor.FRAME_LENGTH + length;
        }
        dataEnd = offset;
    }

    private String recordProblem(int offset, int length, int stored) {
        if (length < 0) {
            return "its length field is negative (" + length + ")";
        }
        if (length > maxPayload) {
            return "its length field says " + length + " bytes, more than a segment of " + capacity
                    + " bytes can hold (" + maxPayload + ")";
        }
        int following = size - offset - WalDescriptor.FRAME_LENGTH;
        if (length > following) {
            return "its length field says " + length + " bytes, but the file ends " + following
                    + " bytes after the frame";
        }
        int computed = checksum(offset, length);
        if (computed != stored) {
            return String.format(
                    "its checksum does not match its contents (stored 0x%08x, computed 0x%08x)", stored, computed);
        }
        return null;
    }

    private int checksum(int offset, int length) {
        return WalDescriptor.checksum(crc, checksumView, offset + WalDescriptor.FRAME_LENGTH, length);
    }

    /**
     * The file offset of the first valid record starting after {@code from}, or -1. Tries every byte offset, since a
     * damaged length says nothing about where the next record starts; zero runs are skipped eight bytes at a time, and
     * a false match needs a 32-bit checksum to agree by chance.
     */
    int findValidRecordAfter(int from) {
        int last = size - WalDescriptor.FRAME_LENGTH;
        int offset = from + 1;
        while (offset <= last) {
            int nonZero = nextNonZero(offset);
            if (nonZero < 0) {
                return -1;
            }
            // A frame that is not all zeros and starts at or after offset holds nonZero, so starts in these bounds.
            int end = Math.min(nonZero, last);
            for (int candidate = Math.max(offset, nonZero - WalDescriptor.FRAME_LENGTH + 1);
                    candidate <= end;
                    candidate++) {
                if (isValidRecord(candidate)) {
                    return candidate;
                }
            }
            offset = nonZero + 1;
        }
        return -1;
    }

    private boolean isValidRecord(int offset) {
        int length = bytes.getInt(offset + WalDescriptor.LENGTH_OFFSET);
        int stored = bytes.getInt(offset + WalDescriptor.CRC_OFFSET);
        if (length == 0 && stored == 0) {
            return false;
        }
        if (length < 0 || length > maxPayload || length > size - offset - WalDescriptor.FRAME_LENGTH) {
            return false;
        }
        return checksum(offset, length) == stored;
    }

    /** The offset of the first non-zero byte at or after {@code from}, or -1. */
    private int nextNonZero(int from) {
        int offset = from;
        while (offset + Long.BYTES <= size && bytes.getLong(offset) == 0) {
            offset += Long.BYTES;
        }
        for (; offset < size; offset++) {
            if (bytes.get(offset) != 0) {
                return offset;
            }
        }
        return -1;
    }

    /** The offset of the last non-zero byte at or after {@code from}, or -1. */
    int lastNonZero(int from) {
        int end = size;
        while (end - Long.BYTES >= from && bytes.getLong(end - Long.BYTES) == 0) {
            end -= Long.BYTES;
        }
        for (int offset = end - 1; offset >= from; offset--) {
            if (bytes.get(offset) != 0) {
                return offset;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        if (mapping != null) {
            SegmentFiles.unmap(mapping);
        }
    }
}
