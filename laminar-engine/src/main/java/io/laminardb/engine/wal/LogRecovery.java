package io.laminardb.engine.wal;

import io.laminardb.engine.wal.SegmentFiles.SegmentFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening a log directory: every segment validated record by record, a torn tail cut, corruption reported or (when
 * asked) cut, and the last segment mapped for appending.
 *
 * <p>The rule that tells a torn write from corruption: a crash can only damage the end of what was being written, so a
 * bad record is a torn write when nothing valid comes after it, that is, it lies in the last segment and no valid
 * record starts anywhere after it. A bad record with another segment or a valid record after it is corruption, as is a
 * segment whose records do not end exactly where the next segment begins. The log forces a segment before it creates
 * the next one, which is what makes "another segment follows" a sign of damage rather than of a crash.
 */
final class LogRecovery {

    private static final Logger log = LoggerFactory.getLogger(LogRecovery.class);

    /** The recovered log: the segments before the last, the last mapped for appending, and what was cut. */
    record Recovered(List<SegmentFile> sealed, ActiveSegment active, RepairReport report) {}

    private LogRecovery() {}

    /** Recovers the log in {@code dir}, creating the directory and a first segment if there is none. */
    static Recovered recover(Path dir, WalOptions options) throws IOException {
        Files.createDirectories(dir);
        List<SegmentFile> files = SegmentFiles.list(dir);
        int segmentSize = (int) options.segmentSize();
        if (files.isEmpty()) {
            return new Recovered(
                    List.of(), ActiveSegment.create(dir, 0, segmentSize, options.mode()), RepairReport.clean(0));
        }
        CRC32C crc = new CRC32C();
        List<SegmentFile> sealed = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            SegmentFile file = files.get(i);
            try (SegmentScan scan = SegmentScan.scan(file, segmentSize, crc)) {
                if (scan.headerProblem() != null) {
                    return dropDamagedHeader(dir, options, files, i, sealed, scan.headerProblem(), crc);
                }
                String problem = scan.problem();
                if (i < files.size() - 1) {
                    SegmentFile next = files.get(i + 1);
                    if (problem == null && scan.endPosition() != next.base()) {
                        problem = "the segment's records end at position " + scan.endPosition() + ", but the next"
                                + " segment starts at position " + next.base();
                    }
                    if (problem != null) {
                        String what = problem + ", and another segment ("
                                + next.path().getFileName() + ") follows";
                        return cutCorrupt(dir, options, files, i, sealed, scan, what);
                    }
                    sealed.add(file);
                    continue;
                }
                return recoverLast(dir, options, files, sealed, scan);
            }
        }
        throw new AssertionError("the last segment always returns");
    }

    /** The last segment: whole, or ending in a torn write to cut, or corrupt with valid data after the damage. */
    private static Recovered recoverLast(
            Path dir, WalOptions options, List<SegmentFile> files, List<SegmentFile> sealed, SegmentScan scan)
            throws IOException {
        SegmentFile file = scan.file();
        String problem = scan.problem();
        int garbageEnd = Math.max(scan.dataEnd(), scan.lastNonZero(scan.dataEnd()) + 1);
        if (problem == null && garbageEnd == scan.dataEnd()) {
            ActiveSegment active = activate(file, scan.dataEnd(), garbageEnd, options);
            return new Recovered(sealed, active, RepairReport.clean(scan.endPosition()));
        }
        if (problem == null) {
            problem = "the data ends there, but " + (garbageEnd - scan.dataEnd()) + " bytes that are not zero follow";
        }
        int valid = scan.findValidRecordAfter(scan.dataEnd());
        if (valid >= 0) {
            long validPosition = file.base() + valid - WalDescriptor.HEADER_LENGTH;
            String what = problem + ", and a valid record follows at position " + validPosition;
            return cutCorrupt(dir, options, files, files.size() - 1, sealed, scan, what);
        }
        long bytesCut = garbageEnd - scan.dataEnd();
        log.warn(
                "Write-ahead log {}: cut {} bytes of a torn write at position {} (offset {} of {}): {}",
                dir,
                bytesCut,
                scan.endPosition(),
                scan.dataEnd(),
                file.path().getFileName(),
                problem);
        ActiveSegment active = activate(file, scan.dataEnd(), garbageEnd, options);
        RepairReport report =
                new RepairReport(RepairReport.Outcome.TORN_TAIL, scan.endPosition(), bytesCut, List.of(), problem);
        return new Recovered(sealed, active, report);
    }

    /** Segment {@code index} is corrupt at its data end: fail, or cut it there and delete the segments after it. */
    private static Recovered cutCorrupt(
            Path dir,
            WalOptions options,
            List<SegmentFile> files,
            int index,
            List<SegmentFile> sealed,
            SegmentScan scan,
            String what)
            throws IOException {
        SegmentFile file = files.get(index);
        List<SegmentFile> later = files.subList(index + 1, files.size());
        failUnlessTruncating(options, file, scan.endPosition(), scan.dataEnd(), what, later);
        int garbageEnd = Math.max(scan.dataEnd(), scan.lastNonZero(scan.dataEnd()) + 1);
        long bytesCut = garbageEnd - scan.dataEnd();
        long laterBytes = sizes(later);
        List<String> deleted = delete(dir, later);
        log.error(
                "Write-ahead log {} is corrupt at position {} (offset {} of {}): {}. truncateOnCorruption is set, so"
                        + " the log is cut there: dropped {} bytes of that segment{}",
                dir,
                scan.endPosition(),
                scan.dataEnd(),
                file.path().getFileName(),
                what,
                bytesCut,
                deleted.isEmpty()
                        ? ""
                        : " and deleted " + deleted.size() + " later segment(s) (" + laterBytes + " bytes): "
                                + deleted);
        ActiveSegment active = activate(file, scan.dataEnd(), garbageEnd, options);
        return truncated(sealed, active, scan.endPosition(), bytesCut, deleted, what);
    }

    /**
     * Segment {@code index} has a damaged header, so nothing in it can be trusted: fail, or delete it with everything
     * after it and append to the segment before it (or to a new one at its base, if it was the first).
     */
    private static Recovered dropDamagedHeader(
            Path dir,
            WalOptions options,
            List<SegmentFile> files,
            int index,
            List<SegmentFile> sealed,
            String headerProblem,
            CRC32C crc)
            throws IOException {
        SegmentFile file = files.get(index);
        String what = "the segment header is damaged: " + headerProblem;
        List<SegmentFile> dropped = files.subList(index, files.size());
        failUnlessTruncating(options, file, file.base(), 0, what, dropped.subList(1, dropped.size()));
        long droppedBytes = sizes(dropped);
        List<String> deleted = delete(dir, dropped);
        log.error(
                "Write-ahead log {} is corrupt at position {}: {}. truncateOnCorruption is set, so the log is cut"
                        + " there: deleted {} segment(s) ({} bytes): {}",
                dir,
                file.base(),
                what,
                deleted.size(),
                droppedBytes,
                deleted);
        int segmentSize = (int) options.segmentSize();
        if (sealed.isEmpty()) {
            ActiveSegment fresh = ActiveSegment.create(dir, file.base(), segmentSize, options.mode());
            return truncated(List.of(), fresh, file.base(), 0, deleted, what);
        }
        SegmentFile previous = sealed.remove(sealed.size() - 1);
        try (SegmentScan scan = SegmentScan.scan(previous, segmentSize, crc)) {
            int garbageEnd = Math.max(scan.dataEnd(), scan.lastNonZero(scan.dataEnd()) + 1);
            ActiveSegment active = activate(previous, scan.dataEnd(), garbageEnd, options);
            return truncated(sealed, active, file.base(), 0, deleted, what);
        }
    }

    private static void failUnlessTruncating(
            WalOptions options, SegmentFile file, long position, int offset, String what, List<SegmentFile> later)
            throws IOException {
        if (options.truncateOnCorruption()) {
            return;
        }
        String dropped = later.isEmpty()
                ? "the rest of this segment"
                : "the rest of this segment and " + later.size() + " later segment(s), " + sizes(later) + " bytes";
        throw new WalCorruptedException(
                "Write-ahead log segment " + file.path() + " is corrupt at position " + position + " (file offset "
                        + offset + "): " + what + ". Everything before position " + position + " is intact. To open"
                        + " the log, either open it with WalOptions.withTruncateOnCorruption(true), which keeps the"
                        + " log up to position " + position + " and drops " + dropped + ", or restore the directory"
                        + " from a copy",
                file.path(),
                position);
    }

    private static long sizes(List<SegmentFile> segments) throws IOException {
        long bytes = 0;
        for (SegmentFile segment : segments) {
            bytes += Files.size(segment.path());
        }
        return bytes;
    }

    private static List<String> delete(Path dir, List<SegmentFile> segments) throws IOException {
        List<String> deleted = new ArrayList<>();
        for (SegmentFile segment : segments) {
            Files.delete(segment.path());
            deleted.add(segment.path().getFileName().toString());
        }
        if (!deleted.isEmpty()) {
            SegmentFiles.syncDirectory(dir);
        }
        return deleted;
    }

    /**
     * Makes {@code file} the segment appends go to: zeroes the bytes up to {@code garbageEnd} that follow its records,
     * forced to disk so that no stale record can line up behind a new one after another crash, and maps it.
     */
    private static ActiveSegment activate(SegmentFile file, int dataEnd, int garbageEnd, WalOptions options)
            throws IOException {
        if (garbageEnd > dataEnd) {
            try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.WRITE)) {
                SegmentFiles.zeroFill(channel, dataEnd, garbageEnd);
                channel.force(false);
            }
        }
        return ActiveSegment.open(file.base(), file.path(), dataEnd, (int) options.segmentSize(), options.mode());
    }

    private static Recovered truncated(
            List<SegmentFile> sealed,
            ActiveSegment active,
            long position,
            long bytesCut,
            List<String> deleted,
            String what) {
        RepairReport report =
                new RepairReport(RepairReport.Outcome.CORRUPTION_TRUNCATED, position, bytesCut, deleted, what);
        return new Recovered(sealed, active, report);
    }
}
