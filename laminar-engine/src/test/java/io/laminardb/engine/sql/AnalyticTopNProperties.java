package io.laminardb.engine.sql;

import static io.laminardb.engine.sql.AnalyticRun.await;
import static io.laminardb.engine.sql.AnalyticRun.fold;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Differential properties of top-N queries: whatever the input, folding the changelog a top-N emits (applying every
 * insertion and retraction in order) leaves exactly the top N computed directly over the whole input: over an
 * append-only source, and over a changelog (an aggregate whose rows are updated and move between partitions).
 *
 * <p>{@code ROW_NUMBER} numbers tied rows in the order they arrived (documented in docs/sql.md), which the direct
 * computation follows with a stable sort of the rows in arrival order.
 */
class AnalyticTopNProperties {

    /** A row of the source {@code s}. */
    record Input(long id, String k, Long v) {
        Object[] row() {
            return new Object[] {id, k, v};
        }
    }

    @Provide
    Arbitrary<List<Input>> inputs() {
        return Combinators.combine(
                        Arbitraries.of("a", "b", "c").injectNull(0.1),
                        Arbitraries.longs().between(-4, 4).injectNull(0.15))
                .as((k, v) -> new Object[] {k, v})
                .list()
                .ofMaxSize(120)
                .map(rows -> {
                    List<Input> inputs = new ArrayList<>();
                    for (int i = 0; i < rows.size(); i++) {
                        inputs.add(new Input(i, (String) rows.get(i)[0], (Long) rows.get(i)[1]));
                    }
                    return inputs;
                });
    }

    @Provide
    Arbitrary<String> functions() {
        return Arbitraries.of("ROW_NUMBER", "RANK", "DENSE_RANK");
    }

    @Provide
    Arbitrary<String> nullOrders() {
        return Arbitraries.of("", " NULLS FIRST", " NULLS LAST");
    }

    @Property(tries = 60)
    void aTopNOfAnAppendOnlyStreamFoldsIntoTheTopOfTheWholeInput(
            @ForAll("inputs") List<Input> inputs,
            @ForAll("functions") String function,
            @ForAll @IntRange(min = 1, max = 4) int limit,
            @ForAll boolean descending,
            @ForAll("nullOrders") String nulls,
            @ForAll boolean rankShown,
            @ForAll @IntRange(min = 1, max = 2) int cores) {
        String order = "v" + (descending ? " DESC" : "") + nulls;
        String top = "CREATE STREAM top AS SELECT id, k, v" + (rankShown ? ", r" : "") + " FROM (SELECT id, k, v, "
                + function + "() OVER (PARTITION BY k ORDER BY " + order + ") AS r FROM s) WHERE r <= " + limit;
        Comparator<Long> byV = order(descending, nulls);
        List<String> expected = new ArrayList<>();
        Map<String, List<Input>> partitions = new LinkedHashMap<>();
        inputs.forEach(
                in -> partitions.computeIfAbsent(in.k(), k -> new ArrayList<>()).add(in));
        partitions.values().forEach(rows -> {
            List<Input> sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparing(Input::v, byV)); // stable: ties stay in arrival order
            List<Long> ranks = ranks(function, sorted.stream().map(Input::v).toList(), byV);
            for (int i = 0; i < sorted.size() && ranks.get(i) <= limit; i++) {
                Input in = sorted.get(i);
                expected.add(in.id() + "|" + in.k() + "|" + in.v() + (rankShown ? "|" + ranks.get(i) : ""));
            }
        });

        try (AnalyticRun run = new AnalyticRun(cores, "CREATE SOURCE s (id BIGINT, k VARCHAR, v BIGINT)", top)) {
            CompletableFuture<List<String>> changes = run.changes("top");
            run.push("s", inputs.stream().map(Input::row).toList(), null);

            assertThat(fold(await(changes))).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /**
     * A top-N over the changelog of an aggregate: keys ranked by their sum within the partition of their count, so
     * that every row of a key updates its total and moves it to another partition. Ranked in a stream of its own, or in
     * the same query as the aggregate (two keyed operators, each behind an exchange).
     */
    @Property(tries = 60)
    void aTopNOfAChangelogFoldsIntoTheTopOfTheFinalRows(
            @ForAll("inputs") List<Input> inputs,
            @ForAll("functions") String function,
            @ForAll @IntRange(min = 1, max = 3) int limit,
            @ForAll boolean rankShown,
            @ForAll boolean sameQuery,
            @ForAll @IntRange(min = 1, max = 2) int cores) {
        String totals = "SELECT k, SUM(v) AS s, COUNT(*) AS c FROM ev GROUP BY k";
        // ROW_NUMBER breaks ties by key, so that the top does not depend on the order the totals change in.
        String order = function.equals("ROW_NUMBER") ? "s DESC, k" : "s DESC";
        String ranked = "SELECT k, s, c" + (rankShown ? ", r" : "") + " FROM (SELECT k, s, c, " + function
                + "() OVER (PARTITION BY c ORDER BY " + order + ") AS r FROM "
                + (sameQuery ? "(" + totals + ")" : "totals") + ") WHERE r <= " + limit;
        List<String> statements = new ArrayList<>(List.of("CREATE SOURCE ev (id BIGINT, k VARCHAR, v BIGINT)"));
        if (!sameQuery) {
            statements.add("CREATE STREAM totals AS " + totals);
        }
        statements.add("CREATE STREAM top AS " + ranked);

        try (AnalyticRun run = new AnalyticRun(cores, statements.toArray(String[]::new))) {
            CompletableFuture<List<String>> changes = run.changes("top");
            run.push("ev", inputs.stream().map(Input::row).toList(), null);

            assertThat(fold(await(changes)))
                    .containsExactlyInAnyOrderElementsOf(topOfTotals(inputs, function, limit, rankShown));
        }
    }

    /** The top of the final totals per key, computed directly. */
    private static List<String> topOfTotals(List<Input> inputs, String function, int limit, boolean rankShown) {
        Map<String, List<Input>> byKey = new LinkedHashMap<>();
        inputs.forEach(
                in -> byKey.computeIfAbsent(in.k(), k -> new ArrayList<>()).add(in));
        record Total(String k, Long s, long c) {}
        List<Total> totals = new ArrayList<>();
        byKey.forEach((k, rows) -> {
            List<Long> values =
                    rows.stream().map(Input::v).filter(Objects::nonNull).toList();
            Long sum = values.isEmpty()
                    ? null
                    : values.stream().mapToLong(Long::longValue).sum();
            totals.add(new Total(k, sum, rows.size()));
        });
        Comparator<Long> bySum = order(true, "");
        Comparator<String> byKeyName = Comparator.nullsLast(Comparator.<String>naturalOrder());
        List<String> expected = new ArrayList<>();
        totals.stream().collect(Collectors.groupingBy(Total::c)).values().forEach(partition -> {
            List<Total> sorted = new ArrayList<>(partition);
            sorted.sort(Comparator.comparing(Total::s, bySum).thenComparing(Total::k, byKeyName));
            List<Long> ranks = ranks(function, sorted.stream().map(Total::s).toList(), bySum);
            for (int i = 0; i < sorted.size() && ranks.get(i) <= limit; i++) {
                Total t = sorted.get(i);
                expected.add(t.k() + "|" + t.s() + "|" + t.c() + (rankShown ? "|" + ranks.get(i) : ""));
            }
        });
        return expected;
    }

    /**
     * The order of {@code ORDER BY v [DESC] [NULLS FIRST | LAST]}: without a null order, nulls sort as the largest
     * values (last ascending, first descending), Calcite's default.
     */
    private static Comparator<Long> order(boolean descending, String nulls) {
        Comparator<Long> values = descending ? Comparator.<Long>reverseOrder() : Comparator.<Long>naturalOrder();
        boolean nullsFirst = nulls.isEmpty() ? descending : nulls.contains("FIRST");
        return nullsFirst ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
    }

    /** The rank of each of {@code sorted} (sort keys in order) by {@code function}. */
    private static List<Long> ranks(String function, List<Long> sorted, Comparator<Long> order) {
        List<Long> ranks = new ArrayList<>();
        long dense = 0;
        for (int i = 0; i < sorted.size(); i++) {
            boolean tied = i > 0 && order.compare(sorted.get(i - 1), sorted.get(i)) == 0;
            if (!tied) {
                dense++;
            }
            ranks.add(
                    switch (function) {
                        case "ROW_NUMBER" -> (long) i + 1;
                        case "RANK" -> tied ? ranks.get(i - 1) : i + 1;
                        default -> dense;
                    });
        }
        return ranks;
    }
}
