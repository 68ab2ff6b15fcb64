package io.laminardb.engine.durability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Reads the logs of every engine thread back as one sequence of records, interleaved by their order numbers, and
 * collects the watermarks each source forwarded so that they can be handed on right after the element they followed.
 */
final class Replay {

    /** A log's records, one ahead. */
    private static final class Cursor {
        final Iterator<byte[]> records;
        final Function<String, List<Field>> columns;
        LogRecord head;

        Cursor(Iterator<byte[]> records, Function<String, List<Field>> columns) {
            this.records = records;
            this.columns = columns;
        }

        boolean advance() {
            head = records.hasNext() ? LogRecord.decode(records.next(), columns) : null;
            return head != null;
        }
    }

    private Replay() {}

    /**
     * What the logs hold, read once at open: the last sequence number of each source and the last order number, so that
     * this run continues them; and each table's changes (payloads, in order), applied when the table is declared.
     */
    record Summary(Map<String, Long> lastSeq, long lastOrder, long events, Map<String, List<byte[]>> tableChanges) {}

    static Summary summarize(List<Iterator<byte[]>> logs) {
        Map<String, Long> lastSeq = new HashMap<>();
        Map<String, List<byte[]>> tableChanges = new HashMap<>();
        long lastOrder = 0;
        long events = 0;
        List<byte[]> changes = new ArrayList<>();
        for (Iterator<byte[]> log : logs) {
            while (log.hasNext()) {
                byte[] payload = log.next();
                LogRecord record = LogRecord.decode(payload, owner -> null);
                lastOrder = Math.max(lastOrder, record.order());
                if (record instanceof LogRecord.Events e) {
                    events++;
                    lastSeq.merge(key(e.owner()), e.seq(), Math::max);
                } else if (record instanceof LogRecord.TableUpsert || record instanceof LogRecord.TableDelete) {
                    changes.add(payload);
                }
            }
        }
        // A table lives on one engine thread, but may have lived on another in an earlier run: order across logs.
        changes.sort(java.util.Comparator.comparingLong(
                p -> LogRecord.decode(p, owner -> null).order()));
        for (byte[] payload : changes) {
            tableChanges
                    .computeIfAbsent(
                            key(LogRecord.decode(payload, owner -> null).owner()), k -> new ArrayList<>())
                    .add(payload);
        }
        return new Summary(lastSeq, lastOrder, events, tableChanges);
    }

    /**
     * Each source's forwarded watermarks by the sequence number they followed (the highest per number), of those
     * numbered after {@code afterOrder}.
     */
    static Map<String, NavigableMap<Long, Long>> watermarks(List<Iterator<byte[]>> logs, long afterOrder) {
        Map<String, NavigableMap<Long, Long>> marks = new HashMap<>();
        for (Iterator<byte[]> log : logs) {
            while (log.hasNext()) {
                LogRecord record = LogRecord.decode(log.next(), owner -> null);
                if (record instanceof LogRecord.Watermark mark && mark.order() > afterOrder) {
                    marks.computeIfAbsent(key(mark.owner()), k -> new TreeMap<>())
                            .merge(mark.afterSeq(), mark.watermark(), Math::max);
                }
            }
        }
        return marks;
    }

    /** Every element record of {@code logs}, lowest order number first across logs. */
    static Iterator<LogRecord> merged(List<Iterator<byte[]>> logs, Function<String, List<Field>> columns) {
        PriorityQueue<Cursor> heads = new PriorityQueue<>((a, b) -> Long.compare(a.head.order(), b.head.order()));
        for (Iterator<byte[]> log : logs) {
            Cursor cursor = new Cursor(log, columns);
            if (advancePastWatermarks(cursor)) {
                heads.add(cursor);
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public LogRecord next() {
                Cursor cursor = heads.poll();
                LogRecord record = cursor.head;
                if (advancePastWatermarks(cursor)) {
                    heads.add(cursor);
                }
                return record;
            }
        };
    }

    private static boolean advancePastWatermarks(Cursor cursor) {
        while (cursor.advance()) {
            if (cursor.head instanceof LogRecord.Events) {
                return true;
            }
        }
        return false;
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
