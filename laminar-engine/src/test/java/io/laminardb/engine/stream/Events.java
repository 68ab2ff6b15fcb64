package io.laminardb.engine.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random event streams for the differential properties: rows of {@code (k VARCHAR, d DOUBLE, n BIGINT, ts
 * TIMESTAMP(3))} over a small key set, with nulls, event times on a 250 ms grid (so that rows often fall on window
 * bounds) and, for each row, how far it may be delayed in arrival.
 *
 * <p>The doubles are quarters, so every sum of them is exact in any order and the test's sums equal the engine's bit
 * for bit.
 */
final class Events {

    /** The time the streams start at; any instant would do, windows are aligned to the epoch. */
    static final long BASE = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    static final long GRID = 250;

    /** One row, with its event time in epoch milliseconds and the delay its arrival may have. */
    record Event(String k, Double d, Long n, long t, long jitter) {

        Object[] row() {
            return new Object[] {k, d, n, Instant.ofEpochMilli(t)};
        }

        @Override
        public String toString() {
            return k + "|" + d + "|" + n + "|+" + (t - BASE) + "ms~" + jitter;
        }
    }

    /** What a generated step holds: the event time is the previous one plus {@code advance} grid units. */
    private record Step(String k, Double d, Long n, int advance, int jitter) {}

    private Events() {}

    /** Streams in event-time order, of up to {@code maxSize} rows, each delayed by up to 6 s in arrival. */
    static Arbitrary<List<Event>> inOrder(int maxSize) {
        return inOrder(maxSize, 24);
    }

    /** Streams in event-time order, of up to {@code maxSize} rows, each delayed by up to {@code maxJitter} units. */
    static Arbitrary<List<Event>> inOrder(int maxSize, int maxJitter) {
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.of("a", "b", "c", "d"),
                        Arbitraries.integers()
                                .between(-40, 40)
                                .map(q -> q / 4.0)
                                .injectNull(0.1),
                        Arbitraries.longs().between(-5, 5).injectNull(0.1),
                        Arbitraries.integers().between(0, 8),
                        Arbitraries.integers().between(0, maxJitter))
                .as(Step::new);
        return step.list().ofMaxSize(maxSize).map(Events::timed);
    }

    private static List<Event> timed(List<Step> steps) {
        List<Event> events = new ArrayList<>(steps.size());
        long t = BASE;
        for (Step s : steps) {
            t += s.advance() * GRID;
            events.add(new Event(s.k(), s.d(), s.n(), t, s.jitter() * GRID));
        }
        return events;
    }

    /**
     * The events in arrival order when each is delayed by its jitter, capped at {@code maxDelayMillis}: a row arrives
     * after no row more than {@code maxDelayMillis} younger than it, so a watermark that lags the largest event time
     * seen by that much makes none late.
     */
    static List<Event> arrival(List<Event> inOrder, long maxDelayMillis) {
        List<Event> arriving = new ArrayList<>(inOrder);
        arriving.sort(Comparator.comparingLong(e -> e.t() + Math.min(e.jitter(), maxDelayMillis)));
        return arriving;
    }
}
