package io.laminardb.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The differential check of checkpoints: the same steps through a database that runs uninterrupted, and through one
 * that is snapshotted after the first {@code split} steps, whose snapshot (through its bytes) is restored into a new
 * database with the same statements, which takes the remaining steps. The changes each stream emitted (the first
 * database's up to the snapshot, then the second's) must be those of the uninterrupted run, and so must the rows of
 * the one-shot queries asked at the end.
 *
 * <p>Changes are compared per key (the first {@code keyColumns} columns of the stream's rows), in order: the rows of
 * different keys that leave at one watermark may leave in another order, and do with another number of partitions.
 *
 * @param statements the DDL, the same for every database
 * @param outputs each stream to compare, with the number of its leading columns that form its key
 * @param queries the one-shot queries to compare after the last step
 */
record CheckpointRun(List<String> statements, Map<String, Integer> outputs, List<String> queries) {

    /** The source every scenario reads, with a watermark a second behind its largest event time. */
    static final String SOURCE = "CREATE SOURCE ev (k VARCHAR, d DOUBLE, n BIGINT, ts TIMESTAMP(3),"
            + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)";

    static final long BASE = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    static final long GRID = 250;

    /** One step of the input, shown in shrunk counterexamples. */
    record Step(String text, Consumer<SteppedDatabase> action) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A row of {@code ev}. */
    static Step event(String k, Double d, Long n, long t) {
        return new Step(
                k + "|" + d + "|" + n + "|+" + (t - BASE), db -> db.push("ev", k, d, n, Instant.ofEpochMilli(t)));
    }

    /** A statement: a table's upsert or delete. */
    static Step sql(String statement) {
        return new Step(statement, db -> db.execute(statement));
    }

    /**
     * Rows of {@code ev} over five keys, with nulls; event times move on by up to 2 s a row, and one row in five is
     * up to 7.5 s older than that, so that some rows are late for a watermark a second behind.
     */
    static Arbitrary<List<Step>> events(int maxSize) {
        Arbitrary<List<Object[]>> raw = Combinators.combine(
                        Arbitraries.of("a", "b", "c", "d", "e"),
                        Arbitraries.integers()
                                .between(-40, 40)
                                .map(q -> q / 4.0)
                                .injectNull(0.1),
                        Arbitraries.longs().between(-5, 5).injectNull(0.1),
                        Arbitraries.integers().between(0, 8),
                        Arbitraries.integers().between(0, 30).injectNull(0.8))
                .as((k, d, n, advance, back) -> new Object[] {k, d, n, advance, back})
                .list()
                .ofMaxSize(maxSize);
        return raw.map(rows -> {
            List<Step> steps = new ArrayList<>();
            long t = BASE;
            for (Object[] r : rows) {
                t += (Integer) r[3] * GRID;
                long time = r[4] == null ? t : t - (Integer) r[4] * GRID;
                steps.add(event((String) r[0], (Double) r[1], (Long) r[2], time));
            }
            return steps;
        });
    }

    /** The index to split {@code steps} at for a percentage. */
    static int split(List<Step> steps, int percent) {
        return steps.size() * percent / 100;
    }

    /** Checks that checkpointing after {@code split} steps changes nothing, all with one engine thread. */
    void check(List<Step> steps, int split) {
        check(steps, split, 1, 1, 1);
    }

    /**
     * Checks that a database of {@code before} engine threads, snapshotted after {@code split} steps and restored into
     * one of {@code after} engine threads, emits what one of {@code uninterrupted} engine threads emits.
     */
    void check(List<Step> steps, int split, int before, int after, int uninterrupted) {
        Outcome outcome = run(steps, split, before, after, uninterrupted);
        outputs.forEach((name, keyColumns) -> assertThat(byKey(outcome.actual().get(name), keyColumns))
                .as("the changes of %s", name)
                .isEqualTo(byKey(outcome.expected().get(name), keyColumns)));
        assertThat(outcome.actualQueries()).as("the one-shot queries").isEqualTo(outcome.expectedQueries());
    }

    /**
     * Checks that checkpointing after {@code split} steps leaves each stream's changes folding into the same rows, for
     * streams that emit on processing time ({@code EMIT EVERY}), whose batches depend on when the clock ticks.
     */
    void checkFinalRows(List<Step> steps, int split) {
        checkFinalRows(steps, split, 1, 1, 1);
    }

    /**
     * As {@link #checkFinalRows(List, int)}, with the engine threads of {@link #check(List, int, int, int, int)}: for
     * streams whose changes depend on how the rows of several keys interleave between engine threads (a top-N over a
     * partitioned aggregate), which leaves the rows they fold into unchanged.
     */
    void checkFinalRows(List<Step> steps, int split, int before, int after, int uninterrupted) {
        Outcome outcome = run(steps, split, before, after, uninterrupted);
        outputs.keySet()
                .forEach(name -> assertThat(fold(outcome.actual().get(name)))
                        .as("the rows %s's changes leave", name)
                        .isEqualTo(fold(outcome.expected().get(name))));
    }

    /** What the uninterrupted run and the checkpointed one emitted and answered. */
    private record Outcome(
            Map<String, List<String>> expected,
            Map<String, List<String>> actual,
            List<List<String>> expectedQueries,
            List<List<String>> actualQueries) {}

    private Outcome run(List<Step> steps, int split, int before, int after, int uninterrupted) {
        Map<String, List<String>> expected;
        List<List<String>> expectedQueries;
        try (SteppedDatabase db = new SteppedDatabase(uninterrupted, statements, List.copyOf(outputs.keySet()))) {
            steps.forEach(step -> step.action().accept(db));
            expectedQueries = queries.stream().map(db::query).toList();
            expected = db.finish();
        }

        byte[] snapshot;
        Map<String, List<String>> actual = new LinkedHashMap<>();
        try (SteppedDatabase db = new SteppedDatabase(before, statements, List.copyOf(outputs.keySet()))) {
            steps.subList(0, split).forEach(step -> step.action().accept(db));
            snapshot = db.snapshot();
            db.changes().forEach((name, changes) -> actual.put(name, new ArrayList<>(changes)));
        }
        List<List<String>> actualQueries;
        try (SteppedDatabase db = new SteppedDatabase(after, statements, List.copyOf(outputs.keySet()))) {
            RestoreReport report = db.restore(snapshot);
            assertThat(report.changed()).isEmpty();
            assertThat(report.orphaned()).isEmpty();
            assertThat(report.fresh()).isEmpty();
            steps.subList(split, steps.size()).forEach(step -> step.action().accept(db));
            actualQueries = queries.stream().map(db::query).toList();
            db.finish().forEach((name, changes) -> actual.get(name).addAll(changes));
        }
        return new Outcome(expected, actual, expectedQueries, actualQueries);
    }

    /** The rows a changelog leaves, sorted: inserts and updates' new rows added, deletes and old rows removed. */
    static List<String> fold(List<String> changes) {
        Map<String, Integer> rows = new java.util.TreeMap<>();
        for (String change : changes) {
            String row = change.substring(change.indexOf(' ') + 1);
            if (change.startsWith("INSERT") || change.startsWith("UPDATE_AFTER")) {
                rows.merge(row, 1, Integer::sum);
            } else {
                assertThat(rows).as("%s retracts a row that is present", change).containsKey(row);
                rows.compute(row, (r, n) -> n == 1 ? null : n - 1);
            }
        }
        List<String> left = new ArrayList<>();
        rows.forEach((row, n) -> java.util.Collections.addAll(
                left, java.util.Collections.nCopies(n, row).toArray(String[]::new)));
        return left;
    }

    /** Changes grouped by the first {@code keyColumns} columns of their rows, in order within each group. */
    static Map<String, List<String>> byKey(List<String> changes, int keyColumns) {
        Map<String, List<String>> groups = new java.util.TreeMap<>();
        for (String change : changes) {
            String[] columns = change.substring(change.indexOf(' ') + 1).split("\\|", -1);
            String key = String.join("|", java.util.Arrays.asList(columns).subList(0, keyColumns));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(change);
        }
        return groups;
    }
}
