package io.laminardb.engine.wal;

import java.util.List;

/**
 * What opening a write-ahead log had to cut, from {@link WriteAheadLog#repairReport()}.
 *
 * @param outcome whether anything was cut, and why
 * @param position where the kept log ends and the cut began; for {@link Outcome#CLEAN}, the end of the log
 * @param bytesCut bytes removed from the segment that now ends at {@code position}: a torn record and whatever followed
 *     it, or the corrupt record and everything after it in its segment; deleted segments are not counted here
 * @param deletedSegments names of the segment files deleted because they followed a corrupt record
 * @param problem what was wrong at {@code position}; empty for {@link Outcome#CLEAN}
 */
public record RepairReport(
        Outcome outcome, long position, long bytesCut, List<String> deletedSegments, String problem) {

    /** Why a log was cut when opened. */
    public enum Outcome {
        /** Nothing was cut: the log ended with a whole record. */
        CLEAN,
        /**
         * The last segment ended in an incomplete or damaged record with no valid data after it, the mark of a crash
         * in the middle of a write; it was cut (logged at WARN). Nothing acknowledged as durable is lost.
         */
        TORN_TAIL,
        /**
         * A corrupt record had valid data or another segment after it, and the log was opened with {@link
         * WalOptions#truncateOnCorruption}: the log was cut at the corrupt record and later segments deleted (logged
         * at ERROR).
         */
        CORRUPTION_TRUNCATED
    }

    public RepairReport {
        deletedSegments = List.copyOf(deletedSegments);
    }

    static RepairReport clean(long end) {
        return new RepairReport(Outcome.CLEAN, end, 0, List.of(), "");
    }

    /** Whether the log was opened as it was found. */
    public boolean isClean() {
        return outcome == Outcome.CLEAN;
    }
}
