package io.laminardb.engine.stream;

import io.laminardb.engine.stream.Events.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The aggregates of the differential properties computed directly over the whole input, rendered as {@link
 * Rows#render} renders the engine's rows, so the two compare as text.
 */
final class ExpectedAggregates {

    /** The aggregate columns of every query, in the order {@link #aggregates} renders them. */
    static final String SQL = "COUNT(*) AS c, COUNT(d) AS cd, SUM(d) AS sd, MIN(d) AS mind, MAX(d) AS maxd,"
            + " AVG(d) AS ad, SUM(n) AS sn, MIN(n) AS minn, MAX(n) AS maxn, AVG(n) AS an, COUNT(DISTINCT n) AS dn,"
            + " COUNT(*) FILTER (WHERE n > 0) AS pos, SUM(d) FILTER (WHERE n > 0) AS spos";

    private ExpectedAggregates() {}

    /** The {@link #SQL} columns over {@code rows}. */
    static List<Object> aggregates(List<Event> rows) {
        List<Double> ds = rows.stream().map(Event::d).filter(Objects::nonNull).toList();
        List<Long> ns = rows.stream().map(Event::n).filter(Objects::nonNull).toList();
        List<Double> positive = rows.stream()
                .filter(e -> e.n() != null && e.n() > 0)
                .map(Event::d)
                .filter(Objects::nonNull)
                .toList();
        Double sd = sumOfDoubles(ds);
        Long sn = ns.isEmpty() ? null : ns.stream().mapToLong(Long::longValue).sum();
        List<Object> values = new ArrayList<>();
        values.add((long) rows.size());
        values.add((long) ds.size());
        values.add(sd);
        values.add(ds.stream().min(Double::compare).orElse(null));
        values.add(ds.stream().max(Double::compare).orElse(null));
        values.add(sd == null ? null : sd / ds.size());
        values.add(sn);
        values.add(ns.stream().min(Long::compare).orElse(null));
        values.add(ns.stream().max(Long::compare).orElse(null));
        values.add(sn == null ? null : sn / ns.size()); // truncated toward zero, as BIGINT AVG is
        values.add((long) new HashSet<>(ns).size());
        values.add(rows.stream().filter(e -> e.n() != null && e.n() > 0).count());
        values.add(sumOfDoubles(positive));
        return values;
    }

    private static Double sumOfDoubles(List<Double> values) {
        return values.isEmpty()
                ? null
                : values.stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * {@code GROUP BY k, window_start, window_end} over {@code HOP} windows ({@code TUMBLE} when {@code slide ==
     * size}): for each key and each window {@code [m * slide, m * slide + size)} the rows whose time falls in it.
     */
    static List<String> windows(List<Event> events, long size, long slide) {
        List<String> rows = new ArrayList<>();
        if (events.isEmpty()) {
            return rows;
        }
        long min = events.stream().mapToLong(Event::t).min().orElseThrow();
        long max = events.stream().mapToLong(Event::t).max().orElseThrow();
        for (Map.Entry<String, List<Event>> key : byKey(events).entrySet()) {
            for (long m = Math.floorDiv(min - size, slide); m <= Math.floorDiv(max, slide); m++) {
                long start = m * slide;
                long end = start + size;
                List<Event> in = key.getValue().stream()
                        .filter(e -> e.t() >= start && e.t() < end)
                        .toList();
                if (!in.isEmpty()) {
                    rows.add(render(key.getKey(), start, end, in));
                }
            }
        }
        return rows;
    }

    /** The starts of the {@code HOP} windows {@code [m * slide, m * slide + size)} that hold {@code time}. */
    static List<Long> windowStarts(long time, long size, long slide) {
        List<Long> starts = new ArrayList<>();
        for (long m = Math.floorDiv(time - size, slide); m <= Math.floorDiv(time, slide); m++) {
            if (m * slide <= time && time < m * slide + size) {
                starts.add(m * slide);
            }
        }
        return starts;
    }

    /**
     * {@code GROUP BY k, window_start, window_end} over {@code SESSION} windows partitioned by {@code k}: each key's
     * rows in time order, split where two neighbours are {@code gap} or more apart; a session is {@code [first, last +
     * gap)}.
     */
    static List<String> sessions(List<Event> events, long gap) {
        List<String> rows = new ArrayList<>();
        for (Map.Entry<String, List<Event>> key : byKey(events).entrySet()) {
            List<Event> sorted = new ArrayList<>(key.getValue());
            sorted.sort((a, b) -> Long.compare(a.t(), b.t()));
            List<Event> session = new ArrayList<>();
            for (Event e : sorted) {
                if (!session.isEmpty()
                        && e.t() - session.get(session.size() - 1).t() >= gap) {
                    rows.add(renderSession(key.getKey(), session, gap));
                    session = new ArrayList<>();
                }
                session.add(e);
            }
            if (!session.isEmpty()) {
                rows.add(renderSession(key.getKey(), session, gap));
            }
        }
        return rows;
    }

    private static String renderSession(String key, List<Event> session, long gap) {
        return render(key, session.get(0).t(), session.get(session.size() - 1).t() + gap, session);
    }

    static String render(String key, long start, long end, List<Event> rows) {
        List<Object> values = new ArrayList<>();
        values.add(key);
        values.add(Instant.ofEpochMilli(start));
        values.add(Instant.ofEpochMilli(end));
        values.addAll(aggregates(rows));
        return values.stream().map(String::valueOf).collect(Collectors.joining("|"));
    }

    static Map<String, List<Event>> byKey(List<Event> events) {
        return events.stream().collect(Collectors.groupingBy(Event::k, TreeMap::new, Collectors.toList()));
    }
}
