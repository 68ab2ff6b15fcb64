package io.laminardb.engine.wal;

import static io.laminardb.engine.wal.WalTestFiles.payload;
import static io.laminardb.engine.wal.WalTestFiles.readAll;
import static io.laminardb.engine.wal.WalTestFiles.readFrom;
import static io.laminardb.engine.wal.WalTestFiles.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.WalMode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Appending, reading back, rolling, deleting and forcing, on a log that is not damaged. */
class WriteAheadLogTest {

    private static final WalOptions SMALL_SEGMENTS = WalOptions.of(WalMode.SYNC).withSegmentSize(256);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(names = {"ASYNC", "SYNC"})
    void recordsReadBackInOrderAcrossSegmentRollsAndAReopen(WalMode mode) {
        WalOptions options = WalOptions.of(mode).withSegmentSize(256);
        List<byte[]> appended = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        try (WriteAheadLog wal = WriteAheadLog.open(dir, options)) {
            for (int i = 0; i < 40; i++) {
                appended.add(payload(i, 10 + i % 50));
                positions.add(wal.append(appended.get(i)));
            }
            assertThat(readAll(wal)).containsExactlyElementsOf(appended);
        }
        assertThat(segments(dir)).as("rolled at 256 bytes").hasSizeGreaterThan(5);

        try (WriteAheadLog wal = WriteAheadLog.open(dir, options)) {
            assertThat(wal.repairReport().isClean()).isTrue();
            assertThat(wal.endPosition()).isEqualTo(positions.get(39));
            assertThat(wal.durablePosition()).isEqualTo(wal.endPosition());
            appended.add(payload(40, 33));
            positions.add(wal.append(appended.get(40)));

            assertThat(readAll(wal)).containsExactlyElementsOf(appended);
            List<Long> readPositions = new ArrayList<>();
            try (WalReader reader = wal.read(0)) {
                while (reader.next()) {
                    readPositions.add(reader.position());
                }
            }
            assertThat(readPositions).as("the reader's position is append's").isEqualTo(positions);
        }
    }

    @Test
    void positionsAreDenseRecordBytesAcrossSegments() {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS)) {
            long expected = 0;
            for (int i = 0; i < 30; i++) {
                expected += WalDescriptor.FRAME_LENGTH + 20;
                assertThat(wal.append(payload(i, 20))).isEqualTo(expected);
            }
            for (Path segment : segments(dir).subList(1, segments(dir).size())) {
                assertThat(WalTestFiles.base(segment) % (WalDescriptor.FRAME_LENGTH + 20))
                        .as("a segment starts where a record starts")
                        .isZero();
            }
        }
    }

    @Test
    void readingFromAPositionStartsWithTheRecordAfterIt() {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS)) {
            List<Long> positions = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                positions.add(wal.append(payload(i, 30)));
            }

            assertThat(readFrom(wal, positions.get(9))).containsExactly(payloadsFrom(10, 20, 30));
            assertThat(readFrom(wal, wal.endPosition())).isEmpty();
            assertThatThrownBy(() -> wal.read(positions.get(9) + 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not the start of a record");
            assertThatThrownBy(() -> wal.read(wal.endPosition() + 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outside");
        }
    }

    @Test
    void aReaderSeesTheLogAsItWasWhenItWasOpened() {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS)) {
            wal.append(payload(0, 10));
            try (WalReader reader = wal.read(0)) {
                wal.append(payload(1, 10));
                assertThat(reader.next()).isTrue();
                assertThat(reader.next()).isFalse();
            }
        }
    }

    @Test
    void emptyPayloadsAndByteBufferPayloadsRoundTrip() {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS)) {
            wal.append(new byte[0]);
            ByteBuffer buffer =
                    ByteBuffer.allocateDirect(16).put(new byte[] {9, 8, 7, 6}).flip();
            buffer.position(1);
            wal.append(buffer);
            assertThat(buffer.position())
                    .as("append leaves the buffer as it was")
                    .isEqualTo(1);
            wal.append(new byte[0]);

            assertThat(readAll(wal)).containsExactly(new byte[0], new byte[] {8, 7, 6}, new byte[0]);
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS)) {
            assertThat(wal.repairReport().isClean()).isTrue();
            assertThat(readAll(wal)).hasSize(3);
        }
    }

    @Test
    void aRecordLargerThanASegmentIsRefusedAndTheLargestThatFitsIsAccepted() {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS)) {
            wal.append(payload(0, 100));
            assertThatThrownBy(() -> wal.append(new byte[256 - 24 + 1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("233 bytes")
                    .hasMessageContaining("segment of 256 bytes")
                    .hasMessageContaining("at most 232 bytes");

            wal.append(payload(1, 232));
            assertThat(readAll(wal)).containsExactly(payload(0, 100), payload(1, 232));
        }
    }

    @Test
    void deleteBeforeDropsOnlyWholeSegmentsBeforeThePositionAndNeverTheActiveOne() {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS)) {
            List<Long> positions = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                positions.add(wal.append(payload(i, 40)));
            }
            int before = segments(dir).size();
            long checkpoint = positions.get(14);

            int deleted = wal.deleteBefore(checkpoint);

            assertThat(deleted).isPositive();
            assertThat(segments(dir)).hasSize(before - deleted);
            assertThat(wal.startPosition()).isLessThanOrEqualTo(checkpoint);
            assertThat(WalTestFiles.base(segments(dir).get(0))).isEqualTo(wal.startPosition());
            assertThat(readFrom(wal, checkpoint)).containsExactly(payloadsFrom(15, 30, 40));
            assertThatThrownBy(() -> wal.read(0)).hasMessageContaining("were deleted");

            assertThat(wal.deleteBefore(wal.endPosition())).isPositive();
            assertThat(segments(dir)).as("the active segment stays").hasSize(1);
            assertThat(wal.deleteBefore(Long.MAX_VALUE)).isZero();
            wal.append(payload(30, 40));
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS)) {
            assertThat(wal.repairReport().isClean()).isTrue();
            assertThat(readAll(wal)).endsWith(payload(30, 40));
        }
    }

    @Test
    void aSegmentEndingExactlyAtThePositionIsDeletedAndTheNextIsKept() {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS)) {
            for (int i = 0; i < 20; i++) {
                wal.append(payload(i, 40));
            }
            long secondBase = WalTestFiles.base(segments(dir).get(1));

            assertThat(wal.deleteBefore(secondBase - 1)).isZero();
            assertThat(wal.deleteBefore(secondBase)).isOne();
            assertThat(wal.startPosition()).isEqualTo(secondBase);
        }
    }

    @Test
    void asyncModeForcesWithinAFewFlushIntervalsAndIdlesWhenNothingIsNew() throws Exception {
        AtomicLong forces = new AtomicLong();
        WalOptions options = WalOptions.of(WalMode.ASYNC)
                .withSegmentSize(64 * 1024)
                .withFlushInterval(Duration.ofMillis(10))
                .withFsyncListener(nanos -> forces.incrementAndGet());
        try (WriteAheadLog wal = WriteAheadLog.open(dir, options)) {
            long forcesAtOpen = forces.get();
            long end = wal.append(payload(0, 100));

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (wal.durablePosition() < end && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }

            assertThat(wal.durablePosition()).isEqualTo(end);
            assertThat(forces.get()).isEqualTo(forcesAtOpen + 1);
            Thread.sleep(100); // ten intervals with nothing appended
            assertThat(forces.get()).as("nothing new, no force").isEqualTo(forcesAtOpen + 1);
        }
    }

    @Test
    void awaitDurableForcesInAsyncModeToo() {
        WalOptions options = WalOptions.of(WalMode.ASYNC).withFlushInterval(Duration.ofHours(1));
        try (WriteAheadLog wal = WriteAheadLog.open(dir, options.withSegmentSize(4096))) {
            long end = wal.append(payload(0, 10));
            wal.awaitDurable(end);
            assertThat(wal.durablePosition()).isEqualTo(end);
            assertThatThrownBy(() -> wal.awaitDurable(end + 1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aClosedLogRefusesAppendsButAnswersForWhatItForced() {
        WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS);
        long end = wal.append(payload(0, 10));
        wal.close();
        wal.close();

        assertThatThrownBy(() -> wal.append(payload(1, 10)))
                .isInstanceOf(WalException.class)
                .hasMessageContaining("is closed");
        wal.awaitDurable(end);
        assertThat(wal.durablePosition()).isEqualTo(end);
    }

    @Test
    void closeCutsTheLastSegmentToItsRecordsAndReopeningPreallocatesAgain() throws Exception {
        Path last;
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS)) {
            wal.append(payload(0, 10));
            last = segments(dir).get(0);
            assertThat(Files.size(last)).isEqualTo(256);
        }
        assertThat(Files.size(last)).isEqualTo(WalDescriptor.HEADER_LENGTH + WalDescriptor.FRAME_LENGTH + 10);
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS)) {
            assertThat(Files.size(last)).isEqualTo(256);
        }
    }

    @Test
    void leftoversOfAnUnfinishedSegmentCreationAreDeleted() throws Exception {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS)) {
            wal.append(payload(0, 10));
        }
        Path leftover = dir.resolve(WalDescriptor.fileName(18) + WalDescriptor.TEMP_SUFFIX);
        Files.write(leftover, new byte[100]);
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS)) {
            assertThat(leftover).doesNotExist();
            assertThat(readAll(wal)).containsExactly(payload(0, 10));
        }
    }

    @Test
    void optionsRefuseNoneAndSegmentsTooSmallOrTooLargeToMap() {
        assertThatThrownBy(() -> WalOptions.of(WalMode.NONE)).hasMessageContaining("NONE means no write-ahead log");
        assertThatThrownBy(() -> WalOptions.of(WalMode.SYNC).withSegmentSize(63))
                .hasMessageContaining("63");
        assertThatThrownBy(() -> WalOptions.of(WalMode.SYNC).withSegmentSize(1L << 31))
                .hasMessageContaining("2147483648");
        assertThatThrownBy(() -> WalOptions.of(WalMode.SYNC).withFlushInterval(Duration.ZERO))
                .hasMessageContaining("positive");
    }

    private static byte[][] payloadsFrom(int from, int to, int size) {
        byte[][] payloads = new byte[to - from][];
        for (int i = from; i < to; i++) {
            payloads[i - from] = payload(i, size);
        }
        return payloads;
    }
}
