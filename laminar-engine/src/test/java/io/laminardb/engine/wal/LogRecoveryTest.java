package io.laminardb.engine.wal;

import static io.laminardb.engine.wal.WalTestFiles.copyDirectory;
import static io.laminardb.engine.wal.WalTestFiles.deleteRecursively;
import static io.laminardb.engine.wal.WalTestFiles.flipBit;
import static io.laminardb.engine.wal.WalTestFiles.offsetOf;
import static io.laminardb.engine.wal.WalTestFiles.payload;
import static io.laminardb.engine.wal.WalTestFiles.readAll;
import static io.laminardb.engine.wal.WalTestFiles.segmentOf;
import static io.laminardb.engine.wal.WalTestFiles.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.WalMode;
import io.laminardb.engine.wal.RepairReport.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Opening damaged logs: torn tails are cut, corruption fails the open or, when asked, is cut. */
class LogRecoveryTest {

    private static final WalOptions ONE_SEGMENT = WalOptions.of(WalMode.SYNC).withSegmentSize(4096);
    private static final WalOptions SMALL_SEGMENTS = WalOptions.of(WalMode.SYNC).withSegmentSize(256);
    private static final int PAYLOAD = 40;
    private static final int RECORD = WalDescriptor.FRAME_LENGTH + PAYLOAD;

    @TempDir
    Path dir;

    /** How the final record is damaged, from byte {@code k} of it on; returns the damaged bytes from its start. */
    enum Tear {
        /** The file ends {@code k} bytes into the record, as after a crash while extending a file. */
        TRUNCATED,
        /** The record's bytes from {@code k} on are zeros, as when the pages holding them never reached the disk. */
        ZEROED,
        /** The bytes from {@code k} on, and 32 after the record, are garbage. */
        GARBAGE
    }

    @Test
    void aTornFinalRecordIsCutAtEveryByteOffsetAndAppendingContinues() throws IOException {
        Path original = dir.resolve("original");
        Path image = dir.resolve("image");
        List<byte[]> kept = new ArrayList<>();
        long finalStart;
        try (WriteAheadLog wal = WriteAheadLog.open(original, ONE_SEGMENT)) {
            for (int i = 0; i < 5; i++) {
                kept.add(payload(i, 20 + i));
                wal.append(kept.get(i));
            }
            finalStart = wal.endPosition();
            wal.append(payload(99, PAYLOAD));
            // A killed process leaves the page cache as it is: preallocated zeros after the last record.
            copyDirectory(original, image);
        }
        Path segment = segments(image).get(0);
        long offset = offsetOf(segment, finalStart);
        byte[] finalRecord = WalTestFiles.read(segment, offset, RECORD);
        Random random = new Random(20261122);

        for (Tear tear : Tear.values()) {
            for (int k = 0; k < RECORD; k++) {
                Path trial = dir.resolve(tear + "-" + k);
                copyDirectory(image, trial);
                byte[] left = tear(tear, segments(trial).get(0), offset, k, finalRecord, random);
                long expectedCut = lastNonZero(left) + 1;
                String description = tear + " from byte " + k + " of the final record";

                try (WriteAheadLog wal = WriteAheadLog.open(trial, ONE_SEGMENT)) {
                    RepairReport report = wal.repairReport();
                    assertThat(readAll(wal)).as(description).containsExactlyElementsOf(kept);
                    assertThat(wal.endPosition()).as(description).isEqualTo(finalStart);
                    assertThat(report.outcome())
                            .as(description)
                            .isEqualTo(expectedCut == 0 ? Outcome.CLEAN : Outcome.TORN_TAIL);
                    assertThat(report.position()).as(description).isEqualTo(finalStart);
                    assertThat(report.bytesCut()).as(description).isEqualTo(expectedCut);
                    wal.append(payload(7, 30));
                }
                try (WriteAheadLog wal = WriteAheadLog.open(trial, ONE_SEGMENT)) {
                    assertThat(wal.repairReport().isClean()).as(description).isTrue();
                    assertThat(readAll(wal)).as(description).hasSize(6).endsWith(payload(7, 30));
                }
                deleteRecursively(trial);
            }
        }
    }

    private static byte[] tear(Tear tear, Path file, long offset, int k, byte[] finalRecord, Random random)
            throws IOException {
        switch (tear) {
            case TRUNCATED -> {
                WalTestFiles.truncate(file, offset + k);
                return Arrays.copyOf(finalRecord, k);
            }
            case ZEROED -> {
                WalTestFiles.write(file, offset + k, new byte[RECORD - k]);
                byte[] left = finalRecord.clone();
                Arrays.fill(left, k, RECORD, (byte) 0);
                return left;
            }
            case GARBAGE -> {
                byte[] left = Arrays.copyOf(finalRecord, RECORD + 32);
                byte[] garbage = new byte[RECORD + 32 - k];
                random.nextBytes(garbage);
                // The byte at k must change, or the record might not be damaged at all.
                garbage[0] = (byte) (finalRecord[k] ^ (1 + random.nextInt(255)));
                System.arraycopy(garbage, 0, left, k, garbage.length);
                WalTestFiles.write(file, offset + k, garbage);
                return left;
            }
            default -> throw new AssertionError(tear);
        }
    }

    private static int lastNonZero(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] != 0) {
                return i;
            }
        }
        return -1;
    }

    /** Which bit of a record in the middle of a segment is flipped, and what the error then says. */
    enum Flip {
        PAYLOAD(WalDescriptor.FRAME_LENGTH + 17, 3, "its checksum does not match"),
        LENGTH_LOW_BIT(WalDescriptor.LENGTH_OFFSET + 3, 0, "its checksum does not match"),
        LENGTH_HIGH_BIT(WalDescriptor.LENGTH_OFFSET, 6, "more than a segment of 4096 bytes can hold"),
        LENGTH_SIGN_BIT(WalDescriptor.LENGTH_OFFSET, 7, "its length field is negative"),
        CRC(WalDescriptor.CRC_OFFSET + 2, 5, "its checksum does not match");

        final int offset;
        final int bit;
        final String problem;

        Flip(int offset, int bit, String problem) {
            this.offset = offset;
            this.bit = bit;
            this.problem = problem;
        }
    }

    @ParameterizedTest
    @EnumSource(Flip.class)
    void aFlippedBitInTheMiddleOfTheLastSegmentFailsTheOpenNamingThePositionAndTruncatingDropsFromThere(Flip flip)
            throws IOException {
        List<Long> ends = appendAndClose(ONE_SEGMENT, 10);
        long damaged = ends.get(3);
        Path segment = segmentOf(dir, damaged);
        flipBit(segment, offsetOf(segment, damaged) + flip.offset, flip.bit);

        assertThatThrownBy(() -> WriteAheadLog.open(dir, ONE_SEGMENT))
                .isInstanceOf(WalCorruptedException.class)
                .hasMessageContaining(segment.toString())
                .hasMessageContaining("corrupt at position " + damaged)
                .hasMessageContaining(flip.problem)
                .hasMessageContaining("a valid record follows at position " + ends.get(4))
                .hasMessageContaining("WalOptions.withTruncateOnCorruption(true)")
                .satisfies(
                        e -> assertThat(((WalCorruptedException) e).position()).isEqualTo(damaged));

        try (WriteAheadLog wal = WriteAheadLog.open(dir, ONE_SEGMENT.withTruncateOnCorruption(true))) {
            RepairReport report = wal.repairReport();
            assertThat(report.outcome()).isEqualTo(Outcome.CORRUPTION_TRUNCATED);
            assertThat(report.position()).isEqualTo(damaged);
            assertThat(report.bytesCut()).isEqualTo(6L * RECORD);
            assertThat(report.problem()).contains(flip.problem);
            assertThat(readAll(wal)).hasSize(4);
            assertThat(wal.endPosition()).isEqualTo(damaged);
            wal.append(payload(50, PAYLOAD));
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, ONE_SEGMENT)) {
            assertThat(wal.repairReport().isClean()).isTrue();
            assertThat(readAll(wal)).hasSize(5).endsWith(payload(50, PAYLOAD));
        }
    }

    @Test
    void aDamagedRecordInASegmentThatAnotherFollowsIsCorruptionAndTruncatingDeletesTheLaterSegments()
            throws IOException {
        List<Long> ends = appendAndClose(SMALL_SEGMENTS, 20);
        long damaged = ends.get(0);
        Path segment = segmentOf(dir, damaged);
        assertThat(segments(dir)).hasSizeGreaterThan(2).first().isEqualTo(segment);
        flipBit(segment, offsetOf(segment, damaged) + WalDescriptor.FRAME_LENGTH, 0);

        assertThatThrownBy(() -> WriteAheadLog.open(dir, SMALL_SEGMENTS))
                .isInstanceOf(WalCorruptedException.class)
                .hasMessageContaining("corrupt at position " + damaged)
                .hasMessageContaining("another segment (" + segments(dir).get(1).getFileName() + ") follows")
                .hasMessageContaining((segments(dir).size() - 1) + " later segment(s)");

        int later = segments(dir).size() - 1;
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS.withTruncateOnCorruption(true))) {
            assertThat(wal.repairReport().deletedSegments()).hasSize(later);
            assertThat(segments(dir)).containsExactly(segment);
            assertThat(readAll(wal)).containsExactly(payload(0, PAYLOAD));
            assertThat(wal.endPosition()).isEqualTo(damaged);
            for (int i = 0; i < 10; i++) {
                wal.append(payload(100 + i, PAYLOAD));
            }
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS)) {
            assertThat(wal.repairReport().isClean()).isTrue();
            assertThat(readAll(wal)).hasSize(11).endsWith(payload(109, PAYLOAD));
        }
    }

    @Test
    void aSegmentCutShortInsideItsLastRecordIsCorruptionWhenAnotherSegmentFollows() throws IOException {
        List<Long> ends = appendAndClose(SMALL_SEGMENTS, 20);
        Path first = segments(dir).get(0);
        long lastStart = WalTestFiles.base(segments(dir).get(1)) - RECORD;
        WalTestFiles.truncate(first, offsetOf(first, lastStart) + 20);

        assertThatThrownBy(() -> WriteAheadLog.open(dir, SMALL_SEGMENTS))
                .isInstanceOf(WalCorruptedException.class)
                .hasMessageContaining("corrupt at position " + lastStart)
                .hasMessageContaining("but the file ends")
                .hasMessageContaining("another segment");
        assertThat(ends).contains(lastStart);
    }

    @Test
    void aSegmentWhoseRecordsStopShortOfTheNextSegmentIsCorruption() throws IOException {
        appendAndClose(SMALL_SEGMENTS, 20);
        Path first = segments(dir).get(0);
        long nextBase = WalTestFiles.base(segments(dir).get(1));
        long lastStart = nextBase - RECORD;
        WalTestFiles.write(first, offsetOf(first, lastStart), new byte[RECORD]);

        assertThatThrownBy(() -> WriteAheadLog.open(dir, SMALL_SEGMENTS))
                .isInstanceOf(WalCorruptedException.class)
                .hasMessageContaining("the segment's records end at position " + lastStart
                        + ", but the next segment starts at position " + nextBase);
    }

    @Test
    void zerosFollowedByAValidRecordInTheLastSegmentAreCorruptionNotTheEnd() throws IOException {
        List<Long> ends = appendAndClose(ONE_SEGMENT, 10);
        Path segment = segments(dir).get(0);
        WalTestFiles.write(segment, offsetOf(segment, ends.get(5)), new byte[RECORD]);

        assertThatThrownBy(() -> WriteAheadLog.open(dir, ONE_SEGMENT))
                .isInstanceOf(WalCorruptedException.class)
                .hasMessageContaining("corrupt at position " + ends.get(5))
                .hasMessageContaining("a valid record follows at position " + ends.get(6));
    }

    @Test
    void aDamagedSegmentHeaderIsCorruptionAndTruncatingAppendsToTheSegmentBeforeIt() throws IOException {
        appendAndClose(SMALL_SEGMENTS, 20);
        Path second = segments(dir).get(1);
        long secondBase = WalTestFiles.base(second);
        flipBit(second, WalDescriptor.MAGIC_OFFSET, 1);

        assertThatThrownBy(() -> WriteAheadLog.open(dir, SMALL_SEGMENTS))
                .isInstanceOf(WalCorruptedException.class)
                .hasMessageContaining(second.toString())
                .hasMessageContaining("the segment header is damaged")
                .hasMessageContaining("magic");

        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS.withTruncateOnCorruption(true))) {
            assertThat(segments(dir)).hasSize(1);
            assertThat(wal.endPosition()).isEqualTo(secondBase);
            assertThat(readAll(wal)).hasSize((int) (secondBase / RECORD));
            wal.append(payload(100, PAYLOAD));
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS)) {
            assertThat(wal.repairReport().isClean()).isTrue();
            assertThat(readAll(wal)).endsWith(payload(100, PAYLOAD));
        }
    }

    @Test
    void aReaderFindsDamageDoneAfterTheLogWasOpened() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, ONE_SEGMENT)) {
            long end = 0;
            for (int i = 0; i < 3; i++) {
                end = wal.append(payload(i, PAYLOAD));
            }
            Path segment = segments(dir).get(0);
            flipBit(segment, offsetOf(segment, end - PAYLOAD), 0);

            assertThatThrownBy(() -> readAll(wal))
                    .isInstanceOf(WalCorruptedException.class)
                    .hasMessageContaining("corrupt at position " + (end - RECORD))
                    .hasMessageContaining("checksum does not match");
        }
    }

    /** Appends {@code count} records of {@link #PAYLOAD} bytes and closes; returns the position after each. */
    private List<Long> appendAndClose(WalOptions options, int count) {
        List<Long> ends = new ArrayList<>();
        try (WriteAheadLog wal = WriteAheadLog.open(dir, options)) {
            for (int i = 0; i < count; i++) {
                ends.add(wal.append(payload(i, PAYLOAD)));
            }
        }
        return ends;
    }
}
