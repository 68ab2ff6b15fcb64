package io.laminardb.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Differential property of aggregates over a table: after any sequence of upserts and deletes over a small key space,
 * the view over the table equals the aggregation computed directly from the table's final rows, and those rows equal
 * the ones a map folding the same statements holds.
 */
class TableProperties {

    /** One statement: an upsert of key {@code k} (in group {@code g}), or a delete of it, or of a whole group. */
    record Step(int kind, int k, String g, long v) {
        String sql() {
            return switch (kind) {
                case 0, 1 -> "INSERT INTO t VALUES (" + k + ", '" + g + "', " + v + ")";
                case 2 -> "DELETE FROM t WHERE k = " + k;
                default -> "DELETE FROM t WHERE g = '" + g + "'";
            };
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.of("a", "b", "c"),
                        Arbitraries.longs().between(-5, 5))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 40)
    void theViewOverATableEqualsTheAggregationOfItsFinalRows(@ForAll("steps") List<Step> steps) {
        try (LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(2).build())) {
            db.execute("CREATE TABLE t (k INT, g VARCHAR NOT NULL, v BIGINT NOT NULL, PRIMARY KEY (k))");
            db.execute("CREATE MATERIALIZED VIEW agg AS SELECT g, COUNT(*) AS n, SUM(v) AS s, MIN(v) AS lo,"
                    + " MAX(v) AS hi FROM t GROUP BY g");
            db.start();
            Map<Integer, Step> model = new TreeMap<>();
            for (Step step : steps) {
                db.execute(step.sql());
                switch (step.kind()) {
                    case 0, 1 -> model.put(step.k(), step);
                    case 2 -> model.remove(step.k());
                    default -> model.values().removeIf(s -> s.g().equals(step.g()));
                }
            }

            List<String> tableRows = rows(db, "SELECT k, g, v FROM t ORDER BY k");
            assertThat(tableRows)
                    .containsExactlyElementsOf(model.values().stream()
                            .map(s -> s.k() + " " + s.g() + " " + s.v())
                            .toList());
            List<String> expected = direct(model);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            List<String> view = rows(db, "SELECT g, n, s, lo, hi FROM agg ORDER BY g");
            while (!view.equals(expected) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                view = rows(db, "SELECT g, n, s, lo, hi FROM agg ORDER BY g");
            }
            assertThat(view).isEqualTo(expected);
        }
    }

    private static List<String> direct(Map<Integer, Step> rows) {
        Map<String, List<Long>> groups = new TreeMap<>();
        rows.values()
                .forEach(s ->
                        groups.computeIfAbsent(s.g(), g -> new ArrayList<>()).add(s.v()));
        List<String> result = new ArrayList<>();
        groups.forEach((g, values) -> result.add(g + " " + values.size() + " "
                + values.stream().mapToLong(Long::longValue).sum() + " "
                + values.stream().mapToLong(Long::longValue).min().orElseThrow() + " "
                + values.stream().mapToLong(Long::longValue).max().orElseThrow()));
        return result;
    }

    private static List<String> rows(LaminarDB db, String sql) {
        List<String> rows = new ArrayList<>();
        for (Row row : db.query(sql).rows()) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                values.add(String.valueOf(row.get(i)));
            }
            rows.add(String.join(" ", values));
        }
        return rows;
    }
}
