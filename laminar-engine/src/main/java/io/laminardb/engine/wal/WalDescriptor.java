package io.laminardb.engine.wal;

import java.nio.ByteBuffer;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of a write-ahead log: segment file names, the segment header and the record frame, and the
 * record checksum. Every number is big-endian.
 *
 * <pre>
 * 00000000000000004096.wal     the segment whose first record starts at position 4096 (20 digits, zero-padded)
 *
 * offset 0   +---------------+---------------+-------------------------------+
 *            | magic   int32 | version int32 | base position            int64|   header, 16 bytes
 * offset 16  +---------------+---------------+-------------------------------+
 *            | length  int32 | crc32c  int32 | payload (length bytes)  ...       the record at position base
 *            +---------------+---------------+----------------------------
 *            | length  int32 | crc32c  int32 | payload ...                       the next record, at base + 8 + length
 *            +---------------+---------------+-----
 *            | 0             | 0             | zeros to the end of the file      end of data
 *            +---------------+---------------+-----
 * </pre>
 *
 * <ul>
 *   <li><b>Positions</b> count record bytes (frames and payloads) only, across segments: a record at file offset
 *       {@code o} of a segment starts at position {@code base + o - 16}, and a segment's base is the position where the
 *       previous segment's last record ends. Positions are therefore global, dense and increasing; the header and the
 *       unused tail of a segment occupy none.
 *   <li><b>crc32c</b> is CRC-32C ({@link CRC32C}) of the four length bytes followed by the payload, so a flipped bit in
 *       the length is caught as surely as one in the payload.
 *   <li><b>End of data</b> is a frame of eight zero bytes, or the end of the file. Segments are preallocated with zeros,
 *       so the bytes after the last record read as the end. A record with an empty payload is still told apart: its
 *       crc32c (of four zero bytes) is not zero.
 *   <li><b>length</b> is at most the segment size minus the header and one frame; anything larger is invalid.
 * </ul>
 *
 * <p>A segment is created under {@code <name>.tmp}, its header forced to disk, and only then renamed, so a file with a
 * segment name always has a whole header; a {@code .tmp} file found when the log opens is a creation that did not
 * finish and is deleted.
 */
final class WalDescriptor {

    /** "LWAL". */
    static final int MAGIC = 0x4C57414C;

    static final int VERSION = 1;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int BASE_OFFSET = 8;
    static final int HEADER_LENGTH = 16;

    static final int LENGTH_OFFSET = 0;
    static final int CRC_OFFSET = 4;
    static final int FRAME_LENGTH = 8;

    /** The smallest segment: a header and room for records of a useful size. */
    static final int MIN_SEGMENT_SIZE = 64;

    static final String SUFFIX = ".wal";
    static final String TEMP_SUFFIX = ".tmp";

    private static final int NAME_DIGITS = 20;

    private WalDescriptor() {}

    /** The largest payload a segment of {@code segmentSize} bytes holds. */
    static int maxPayload(long segmentSize) {
        return (int) Math.min(Integer.MAX_VALUE, segmentSize - HEADER_LENGTH - FRAME_LENGTH);
    }

    /** {@code 00000000000000004096.wal} for base 4096. */
    static String fileName(long base) {
        String digits = Long.toString(base);
        return "0".repeat(NAME_DIGITS - digits.length()) + digits + SUFFIX;
    }

    /** The base position a segment file name carries, or empty if the name is not a segment's. */
    static OptionalLong parseBase(String fileName) {
        if (fileName.length() != NAME_DIGITS + SUFFIX.length() || !fileName.endsWith(SUFFIX)) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < NAME_DIGITS; i++) {
            if (fileName.charAt(i) < '0' || fileName.charAt(i) > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(fileName.substring(0, NAME_DIGITS)));
        } catch (NumberFormatException tooLarge) {
            return OptionalLong.empty();
        }
    }

    /** Writes the header of the segment starting at {@code base} at the buffer's offset 0. */
    static void writeHeader(ByteBuffer buffer, long base) {
        buffer.putInt(MAGIC_OFFSET, MAGIC);
        buffer.putInt(VERSION_OFFSET, VERSION);
        buffer.putLong(BASE_OFFSET, base);
    }

    /** What is wrong with the header at the buffer's offset 0 for a segment named after {@code base}, or null. */
    static String headerProblem(ByteBuffer buffer, long base) {
        if (buffer.limit() < HEADER_LENGTH) {
            return "the file is " + buffer.limit() + " bytes long, shorter than a segment header (" + HEADER_LENGTH
                    + " bytes)";
        }
        int magic = buffer.getInt(MAGIC_OFFSET);
        if (magic != MAGIC) {
            return "the file does not start with the segment magic number (found 0x" + Integer.toHexString(magic) + ")";
        }
        int version = buffer.getInt(VERSION_OFFSET);
        if (version != VERSION) {
            return "segment format version " + version + " is not supported (this version reads " + VERSION + ")";
        }
        long headerBase = buffer.getLong(BASE_OFFSET);
        if (headerBase != base) {
            return "the header says the segment starts at position " + headerBase + ", its name says " + base;
        }
        return null;
    }

    /** The checksum of a record: CRC-32C of its length's four bytes, then its payload. */
    static int checksum(CRC32C crc, byte[] payload, int offset, int length) {
        crc.reset();
        updateLength(crc, length);
        crc.update(payload, offset, length);
        return (int) crc.getValue();
    }

    /**
     * The checksum of a record whose payload is {@code buffer}'s bytes {@code [offset, offset + length)}. Moves the
     * buffer's position and limit: pass a view of your own.
     */
    static int checksum(CRC32C crc, ByteBuffer buffer, int offset, int length) {
        crc.reset();
        updateLength(crc, length);
        buffer.limit(offset + length).position(offset);
        crc.update(buffer);
        return (int) crc.getValue();
    }

    /** The checksum of a record whose payload is {@code payload}'s bytes between its position and limit. */
    static int checksum(CRC32C crc, ByteBuffer payload) {
        int position = payload.position();
        crc.reset();
        updateLength(crc, payload.remaining());
        crc.update(payload);
        payload.position(position);
        return (int) crc.getValue();
    }

    private static void updateLength(CRC32C crc, int length) {
        crc.update(length >>> 24);
        crc.update(length >>> 16);
        crc.update(length >>> 8);
        crc.update(length);
    }
}
