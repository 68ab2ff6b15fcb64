package io.laminardb.engine.stream;

import io.laminardb.engine.stream.Events.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The source's watermark simulated over an arrival order, for {@code HOP} windows ({@code TUMBLE} when {@code slide ==
 * size}): before each row the watermark is the largest event time seen less the delay, and a row is late for each of
 * its windows whose end is at or before it.
 *
 * @param kept per {@code key|window_start}, the rows on time for that window, in arrival order
 * @param late (row, window) pairs that were late
 * @param size the window size, to render the window end
 */
record LateRun(Map<String, List<Event>> kept, long late, long size) {

    static LateRun simulate(List<Event> arriving, long size, long slide, long delayMillis) {
        Map<String, List<Event>> kept = new LinkedHashMap<>();
        long late = 0;
        long max = Long.MIN_VALUE;
        for (Event e : arriving) {
            long watermark = max == Long.MIN_VALUE ? Long.MIN_VALUE : max - delayMillis;
            for (long start : ExpectedAggregates.windowStarts(e.t(), size, slide)) {
                if (start + size <= watermark) {
                    late++;
                } else {
                    kept.computeIfAbsent(e.k() + "|" + Instant.ofEpochMilli(start), w -> new ArrayList<>())
                            .add(e);
                }
            }
            max = Math.max(max, e.t());
        }
        return new LateRun(kept, late, size);
    }

    /** The rows a query of {@link ExpectedAggregates#SQL} emits for the rows kept. */
    List<String> rows() {
        List<String> rows = new ArrayList<>();
        kept.forEach((window, events) -> {
            long start =
                    Instant.parse(window.substring(window.indexOf('|') + 1)).toEpochMilli();
            rows.add(ExpectedAggregates.render(events.get(0).k(), start, start + size, events));
        });
        return rows;
    }

    /** The rows kept for {@code key|window_start}. */
    long count(String window) {
        return kept.getOrDefault(window, List.of()).size();
    }

    /** The (row, window) pairs kept. */
    long pairs() {
        return kept.values().stream().mapToLong(List::size).sum();
    }
}
