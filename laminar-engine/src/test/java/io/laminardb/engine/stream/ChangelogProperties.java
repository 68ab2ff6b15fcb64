package io.laminardb.engine.stream;

import static io.laminardb.engine.stream.QueryRun.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.stream.Events.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Differential properties of aggregates without a window: folding their changelog gives the aggregates computed
 * directly over the whole input, and an aggregate over that changelog, which sees every update as a retraction and an
 * insertion, ends as the same aggregation computed over the final rows.
 */
class ChangelogProperties {

    private static final String TOTALS =
            "CREATE STREAM totals AS SELECT k, " + ExpectedAggregates.SQL + " FROM ev GROUP BY k";

    /** Keys per largest {@code n}: when a key's maximum moves, it leaves one group for another. */
    private static final String BY_MAX = "CREATE STREAM by_max AS SELECT maxn, COUNT(*) AS nkeys, SUM(c) AS csum,"
            + " MIN(c) AS cmin, MAX(c) AS cmax, COUNT(DISTINCT sn) AS sums, MIN(ad) AS admin FROM totals GROUP BY maxn";

    @Provide
    Arbitrary<List<Event>> events() {
        return Events.inOrder(300);
    }

    @Property(tries = 80)
    void foldedChangelogsEqualTheAggregatesOfTheWholeInputThroughTwoLevels(@ForAll("events") List<Event> events) {
        try (QueryRun run =
                new QueryRun("CREATE SOURCE ev (k VARCHAR, d DOUBLE, n BIGINT, ts TIMESTAMP(3))", TOTALS, BY_MAX)) {
            CompletableFuture<List<String>> totals = run.changes("totals");
            CompletableFuture<List<String>> byMax = run.changes("by_max");
            run.push(events);

            assertThat(Changelogs.fold(await(totals))).containsExactlyInAnyOrderElementsOf(totals(events));
            assertThat(Changelogs.fold(await(byMax))).containsExactlyInAnyOrderElementsOf(byMax(events));
        }
    }

    private static List<String> totals(List<Event> events) {
        List<String> rows = new ArrayList<>();
        ExpectedAggregates.byKey(events).forEach((key, rowsOfKey) -> {
            List<Object> values = new ArrayList<>();
            values.add(key);
            values.addAll(ExpectedAggregates.aggregates(rowsOfKey));
            rows.add(render(values));
        });
        return rows;
    }

    /** {@link #BY_MAX} over the final rows of {@code totals}. */
    private static List<String> byMax(List<Event> events) {
        Map<String, List<List<Object>>> groups = new TreeMap<>();
        for (List<Event> rowsOfKey : ExpectedAggregates.byKey(events).values()) {
            List<Object> total = ExpectedAggregates.aggregates(rowsOfKey);
            groups.computeIfAbsent(String.valueOf(total.get(8)), m -> new ArrayList<>())
                    .add(total);
        }
        List<String> rows = new ArrayList<>();
        groups.forEach((maxn, totals) -> {
            List<Long> counts = totals.stream().map(t -> (Long) t.get(0)).toList();
            List<Object> sums =
                    totals.stream().map(t -> t.get(6)).filter(Objects::nonNull).toList();
            List<Object> values = new ArrayList<>();
            values.add(maxn);
            values.add((long) totals.size());
            values.add(counts.stream().mapToLong(Long::longValue).sum());
            values.add(counts.stream().min(Long::compare).orElseThrow());
            values.add(counts.stream().max(Long::compare).orElseThrow());
            values.add((long) new HashSet<>(sums).size());
            values.add(totals.stream()
                    .map(t -> (Double) t.get(5))
                    .filter(Objects::nonNull)
                    .min(Double::compare)
                    .orElse(null));
            rows.add(render(values));
        });
        return rows;
    }

    private static String render(List<Object> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining("|"));
    }
}
