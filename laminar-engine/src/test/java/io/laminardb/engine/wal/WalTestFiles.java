package io.laminardb.engine.wal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Reading logs back, and damaging their files, for the tests. */
final class WalTestFiles {

    private WalTestFiles() {}

    /** A payload of {@code size} bytes that says which record it is, none of them zero. */
    static byte[] payload(int record, int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (1 + (record * 31 + i) % 255);
        }
        return bytes;
    }

    /** Every record from the start of the log, copied. */
    static List<byte[]> readAll(WriteAheadLog wal) {
        return readFrom(wal, wal.startPosition());
    }

    static List<byte[]> readFrom(WriteAheadLog wal, long position) {
        List<byte[]> records = new ArrayList<>();
        try (WalReader reader = wal.read(position)) {
            while (reader.next()) {
                ByteBuffer payload = reader.payload();
                byte[] bytes = new byte[payload.remaining()];
                payload.get(bytes);
                records.add(bytes);
            }
        }
        return records;
    }

    /** The segment files, oldest first. */
    static List<Path> segments(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".wal"))
                    .sorted(Comparator.comparing(Path::getFileName))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The segment holding the record that starts at {@code position}. */
    static Path segmentOf(Path dir, long position) {
        Path found = null;
        for (Path segment : segments(dir)) {
            if (base(segment) <= position) {
                found = segment;
            }
        }
        return found;
    }

    static long base(Path segment) {
        return WalDescriptor.parseBase(segment.getFileName().toString()).orElseThrow();
    }

    /** The file offset of {@code position} in {@code segment}. */
    static long offsetOf(Path segment, long position) {
        return WalDescriptor.HEADER_LENGTH + position - base(segment);
    }

    /**
     * Copies a log's files while it is open: what the page cache holds, which is what a killed process leaves
     * behind, preallocated tails included.
     */
    static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (Path segment : segments(from)) {
            Files.copy(segment, to.resolve(segment.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void flipBit(Path file, long offset, int bit) throws IOException {
        byte[] one = read(file, offset, 1);
        one[0] ^= (byte) (1 << bit);
        write(file, offset, one);
    }

    static byte[] read(Path file, long offset, int length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) >= 0) {
                // read on
            }
            return buffer.array();
        }
    }

    static void write(Path file, long offset, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer, offset + buffer.position());
            }
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
