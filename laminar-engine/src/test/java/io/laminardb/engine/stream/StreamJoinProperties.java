package io.laminardb.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Differential properties of joins of two inputs: the rows a streaming join hands on are those of the same join
 * computed directly over the whole input in the test, whatever the order the inputs' rows interleave in and however
 * many engine threads the join is partitioned over; and its state is let go as the watermarks pass.
 */
class StreamJoinProperties {

    private static final long BASE = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    /** A row of input {@code side} (0 left, 1 right): key {@code k} (null sometimes), value {@code v}, time {@code t}. */
    record Event(int side, Integer k, long v, long t) {}

    /**
     * Rows of both inputs over four keys, times moving on by up to 1.5 s per row and sometimes back by up to 2 s: never
     * later than the watermark, 2 s behind the largest time of the row's own input, so the join loses nothing.
     */
    @Provide
    Arbitrary<List<Event>> events() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(0, 3).injectNull(0.1),
                        Arbitraries.integers().between(0, 6),
                        Arbitraries.integers().between(0, 8).injectNull(0.7))
                .as((side, k, advance, back) -> new Object[] {side, k, advance, back})
                .list()
                .ofMaxSize(60)
                .map(raw -> {
                    List<Event> events = new ArrayList<>();
                    long[] max = {BASE, BASE};
                    long t = BASE;
                    long v = 0;
                    for (Object[] r : raw) {
                        int side = (Integer) r[0];
                        t += (Integer) r[2] * 250L;
                        long time = r[3] == null ? t : t - (Integer) r[3] * 250L;
                        time = Math.max(time, max[side] - 2000); // not late for its own input's watermark
                        max[side] = Math.max(max[side], time);
                        events.add(new Event(side, (Integer) r[1], v++, time));
                    }
                    return events;
                });
    }

    @Property(tries = 40)
    void intervalJoinsOfEveryKindGiveTheJoinOfTheWholeInput(
            @ForAll("events") List<Event> events, @ForAll @IntRange(min = 1, max = 2) int cores) {
        try (LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(cores).build())) {
            db.execute("CREATE SOURCE l (k INT, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2'"
                    + " SECOND)");
            db.execute("CREATE SOURCE r (k INT, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2'"
                    + " SECOND)");
            String condition =
                    " ON l.k = r.k AND r.ts BETWEEN l.ts - INTERVAL '1' SECOND AND l.ts + INTERVAL" + " '1.5' SECOND";
            Map<String, Subscription<Row>> outputs = new HashMap<>();
            for (String kind : List.of("INNER", "LEFT", "RIGHT", "FULL")) {
                String name = kind.toLowerCase() + "_j";
                db.execute("CREATE STREAM " + name + " AS SELECT l.v AS lv, r.v AS rv FROM l " + kind + " JOIN r"
                        + condition);
                outputs.put(kind, db.subscribe(name));
            }
            db.start();
            for (Event e : events) {
                db.source(e.side() == 0 ? "l" : "r").push(e.k(), e.v(), Instant.ofEpochMilli(e.t()));
            }
            db.source("l").close();
            db.source("r").close();

            for (String kind : List.of("INNER", "LEFT", "RIGHT", "FULL")) {
                List<String> actual =
                        outputs.get(kind).stream().map(Rows::render).toList();
                assertThat(actual)
                        .as(kind + " JOIN")
                        .containsExactlyInAnyOrderElementsOf(expected(events, kind, -1000, 1500));
            }
        }
    }

    @Property(tries = 25)
    void anIntervalJoinHoldsOnlyTheRowsItsBoundsStillNeed(
            @ForAll("events") List<Event> events, @ForAll @IntRange(min = 1, max = 2) int cores)
            throws InterruptedException {
        try (LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(cores).build())) {
            db.execute("CREATE SOURCE l (k INT, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2'"
                    + " SECOND)");
            db.execute("CREATE SOURCE r (k INT, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2'"
                    + " SECOND)");
            db.execute("CREATE STREAM j AS SELECT l.v AS lv, r.v AS rv FROM l JOIN r ON l.k = r.k"
                    + " AND r.ts BETWEEN l.ts - INTERVAL '1' SECOND AND l.ts + INTERVAL '1.5' SECOND");
            Subscription<Row> out = db.subscribe("j");
            db.start();
            for (Event e : events) {
                db.source(e.side() == 0 ? "l" : "r").push(e.k(), e.v(), Instant.ofEpochMilli(e.t()));
            }
            List<String> expected = expected(events, "INNER", -1000, 1500);
            List<String> seen = new ArrayList<>(Rows.take(out, expected.size()));
            // Once every row is in: the left rows the right watermark has not passed, and the reverse, are all kept.
            long leftWatermark = events.stream()
                            .filter(e -> e.side() == 0)
                            .mapToLong(Event::t)
                            .max()
                            .orElse(0)
                    - 2000;
            long rightWatermark = events.stream()
                            .filter(e -> e.side() == 1)
                            .mapToLong(Event::t)
                            .max()
                            .orElse(0)
                    - 2000;
            long needed = events.stream()
                    .filter(e -> e.k() != null)
                    .filter(e -> e.side() == 0 ? e.t() + 1500 >= rightWatermark : e.t() + 1000 >= leftWatermark)
                    .count();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (db.streams().get(0).stateRows() != needed && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(db.streams().get(0).stateRows()).isEqualTo(needed);
            assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Property(tries = 30)
    void asofJoinsPickWhatAScanOfTheWholeInputPicks(
            @ForAll("events") List<Event> events, @ForAll @IntRange(min = 1, max = 2) int cores) {
        try (LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(cores).build())) {
            db.execute("CREATE SOURCE l (k INT, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2'"
                    + " SECOND)");
            db.execute("CREATE SOURCE r (k INT, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2'"
                    + " SECOND)");
            Map<String, String> matches =
                    Map.of("backward", "l.ts >= r.ts", "after", "l.ts < r.ts", "nearest", "NEAREST(l.ts, r.ts)");
            Map<String, Subscription<Row>> outputs = new HashMap<>();
            for (Map.Entry<String, String> match : matches.entrySet()) {
                db.execute("CREATE STREAM " + match.getKey() + " AS SELECT l.v AS lv, r.v AS rv FROM l LEFT ASOF JOIN"
                        + " r MATCH_CONDITION (" + match.getValue() + ") ON l.k = r.k");
                outputs.put(match.getKey(), db.subscribe(match.getKey()));
            }
            db.start();
            for (Event e : events) {
                db.source(e.side() == 0 ? "l" : "r").push(e.k(), e.v(), Instant.ofEpochMilli(e.t()));
            }
            db.source("l").close();
            db.source("r").close();

            for (String kind : matches.keySet()) {
                List<String> expected = new ArrayList<>();
                for (Event l : events) {
                    if (l.side() == 0) {
                        Event picked = l.k() == null ? null : pick(events, l, kind);
                        expected.add(l.v() + "|" + (picked == null ? "null" : picked.v()));
                    }
                }
                assertThat(outputs.get(kind).stream().map(Rows::render).toList())
                        .as(kind)
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    /** The right row {@code kind} picks for {@code l}: by time, the last to arrive of one time; the earlier on a tie. */
    private static Event pick(List<Event> events, Event l, String kind) {
        Event best = null;
        for (Event r : events) {
            if (r.side() != 1 || !Objects.equals(r.k(), l.k())) {
                continue;
            }
            long d = r.t() - l.t();
            boolean eligible = switch (kind) {
                case "backward" -> d <= 0;
                case "after" -> d > 0;
                default -> true;
            };
            if (!eligible) {
                continue;
            }
            if (best == null) {
                best = r;
                continue;
            }
            long bd = best.t() - l.t();
            boolean better = switch (kind) {
                case "backward" -> d >= bd;
                case "after" -> d <= bd;
                default -> Math.abs(d) < Math.abs(bd) || (Math.abs(d) == Math.abs(bd) && (d == bd || d < 0));
            };
            if (better) {
                best = r;
            }
        }
        return best;
    }

    /**
     * The join computed directly: pairs with equal non-null keys and {@code r.t - l.t} within {@code [lower, upper]},
     * and for the outer kinds the rows of an outer side without a pair, padded.
     */
    private static List<String> expected(List<Event> events, String kind, long lower, long upper) {
        List<Event> left = events.stream().filter(e -> e.side() == 0).toList();
        List<Event> right = events.stream().filter(e -> e.side() == 1).toList();
        List<String> rows = new ArrayList<>();
        Map<Event, Boolean> matched = new HashMap<>();
        for (Event l : left) {
            for (Event r : right) {
                if (l.k() != null && Objects.equals(l.k(), r.k()) && r.t() - l.t() >= lower && r.t() - l.t() <= upper) {
                    rows.add(l.v() + "|" + r.v());
                    matched.put(l, true);
                    matched.put(r, true);
                }
            }
        }
        if (kind.equals("LEFT") || kind.equals("FULL")) {
            left.stream().filter(l -> !matched.containsKey(l)).forEach(l -> rows.add(l.v() + "|null"));
        }
        if (kind.equals("RIGHT") || kind.equals("FULL")) {
            right.stream().filter(r -> !matched.containsKey(r)).forEach(r -> rows.add("null|" + r.v()));
        }
        return rows;
    }
}
