package io.laminardb.engine.sql;

import static io.laminardb.engine.sql.AnalyticRun.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Differential property of {@code LAG}, {@code LEAD} and the rankings ordered by event time: a random stream, out of
 * order and partly late, pushed with explicit watermarks of the source's own rule (the largest event time so far, less
 * the delay), gives per partition exactly the rows computed directly: the rows not late, sorted by event time (ties in
 * arrival order), each with the values of the rows before and after it in that order, and the late rows counted.
 */
class AnalyticEventTimeProperties {

    private static final long BASE = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final long GRID = 250;

    private static final String QUERY = "CREATE STREAM seq AS SELECT k, n, ts, LAG(n) OVER w AS l1,"
            + " LAG(n, 2, -1) OVER w AS l2, LEAD(n) OVER w AS d1, LEAD(n, 3, n) OVER w AS d3, ROW_NUMBER() OVER w AS rn,"
            + " RANK() OVER w AS rk, DENSE_RANK() OVER w AS dr FROM ev WINDOW w AS (PARTITION BY k ORDER BY ts)";

    /** A row of {@code ev}, in arrival order; {@code t} is null for a row without event time. */
    record Event(String k, Long n, Long t) {
        Object[] row() {
            return new Object[] {k, n, t == null ? null : Instant.ofEpochMilli(t)};
        }
    }

    /** Event times move on by up to 2 s a row; a row may be up to 4 s older than that, and one in 25 has none. */
    @Provide
    Arbitrary<List<Event>> events() {
        return Combinators.combine(
                        Arbitraries.of("a", "b", "c").injectNull(0.05),
                        Arbitraries.longs().between(-9, 9).injectNull(0.1),
                        Arbitraries.integers().between(0, 8),
                        Arbitraries.integers().between(0, 16).injectNull(0.6),
                        Arbitraries.integers().between(0, 24))
                .as((k, n, advance, back, noTime) -> new Object[] {k, n, advance, back, noTime})
                .list()
                .ofMaxSize(150)
                .map(rows -> {
                    List<Event> events = new ArrayList<>();
                    long t = BASE;
                    for (Object[] r : rows) {
                        t += (Integer) r[2] * GRID;
                        Long time = (Integer) r[4] == 0 ? null : r[3] == null ? t : t - (Integer) r[3] * GRID;
                        events.add(new Event((String) r[0], (Long) r[1], time));
                    }
                    return events;
                });
    }

    @Property(tries = 80)
    void lagLeadAndRankingsFollowEventTimeAndDropLateRows(
            @ForAll("events") List<Event> events,
            @ForAll @IntRange(min = 0, max = 8) int delay,
            @ForAll @IntRange(min = 1, max = 2) int cores) {
        long delayMillis = delay * GRID;
        long[] watermarks = new long[events.size()];
        List<Event> onTime = new ArrayList<>();
        long max = Long.MIN_VALUE;
        long late = 0;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            long watermark = max == Long.MIN_VALUE ? Long.MIN_VALUE : max - delayMillis;
            watermarks[i] = watermark;
            if (e.t() == null || e.t() < watermark) {
                late++;
            } else {
                onTime.add(e);
            }
            if (e.t() != null) {
                max = Math.max(max, e.t());
            }
        }
        Map<String, List<String>> expected = expected(onTime);
        Statistics.label("late").collect(late == 0 ? "none" : "some");

        try (AnalyticRun run = new AnalyticRun(cores, source(delayMillis), QUERY)) {
            CompletableFuture<List<String>> changes = run.changes("seq");
            run.push("ev", events.stream().map(Event::row).toList(), watermarks);

            Map<String, List<String>> actual = new TreeMap<>();
            for (String change : await(changes)) {
                assertThat(change).startsWith("INSERT ");
                String row = change.substring("INSERT ".length());
                actual.computeIfAbsent(row.substring(0, row.indexOf('|')), k -> new ArrayList<>())
                        .add(row);
            }
            assertThat(actual).isEqualTo(expected);
            assertThat(run.lateRows("seq")).as("late rows").isEqualTo(late);
        }
    }

    /** Per partition, the rows in event-time order (ties in arrival order) with each function's value. */
    private static Map<String, List<String>> expected(List<Event> onTime) {
        Map<String, List<Event>> partitions = new TreeMap<>();
        for (Event e : onTime) {
            partitions
                    .computeIfAbsent(String.valueOf(e.k()), k -> new ArrayList<>())
                    .add(e);
        }
        Map<String, List<String>> expected = new TreeMap<>();
        partitions.forEach((key, rows) -> {
            List<Event> sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparingLong(Event::t));
            List<String> out = new ArrayList<>();
            long rank = 0;
            long dense = 0;
            for (int i = 0; i < sorted.size(); i++) {
                Event e = sorted.get(i);
                if (i == 0 || !sorted.get(i - 1).t().equals(e.t())) {
                    rank = i + 1;
                    dense++;
                }
                Object l1 = i >= 1 ? sorted.get(i - 1).n() : null;
                Object l2 = i >= 2 ? sorted.get(i - 2).n() : (Object) (-1L);
                Object d1 = i + 1 < sorted.size() ? sorted.get(i + 1).n() : null;
                Object d3 = i + 3 < sorted.size() ? sorted.get(i + 3).n() : e.n();
                out.add(e.k() + "|" + e.n() + "|" + Instant.ofEpochMilli(e.t()) + "|" + l1 + "|" + l2 + "|" + d1 + "|"
                        + d3 + "|" + (i + 1) + "|" + rank + "|" + dense);
            }
            expected.put(key, out);
        });
        return expected;
    }

    private static String source(long delayMillis) {
        return "CREATE SOURCE ev (k VARCHAR, n BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '"
                + delayMillis + "' MILLISECOND)";
    }
}
