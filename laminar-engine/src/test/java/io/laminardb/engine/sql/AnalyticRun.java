package io.laminardb.engine.sql;

import static org.assertj.core.api.Assertions.fail;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.UntypedSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One run of analytic queries over a pushed input: the statements, subscriptions read to their end on threads of their
 * own, and rows pushed into a source that is then closed, so that every stream ends.
 */
final class AnalyticRun implements AutoCloseable {

    private final LaminarDB db;
    private final ExecutorService readers = Executors.newCachedThreadPool();

    AnalyticRun(int cores, String... statements) {
        db = LaminarDB.open(LaminarConfig.builder().cores(cores).build());
        for (String statement : statements) {
            db.execute(statement);
        }
    }

    /** The changes of {@code stream} until it ends, rendered as {@code OP v1|v2|...}. Call before pushing. */
    CompletableFuture<List<String>> changes(String stream) {
        Subscription<ChangeEvent<Row>> subscription = db.subscribeChanges(stream, Row.class);
        return CompletableFuture.supplyAsync(
                () -> subscription.stream()
                        .map(change -> change.op() + " " + render(change.value()))
                        .toList(),
                readers);
    }

    /**
     * Starts the engine, pushes the rows into {@code source} in order and closes it. With {@code watermarks}, each row
     * is preceded by the watermark given for it (none where it is {@link Long#MIN_VALUE}).
     */
    void push(String source, List<Object[]> rows, long[] watermarks) {
        db.start();
        UntypedSource input = db.source(source);
        for (int i = 0; i < rows.size(); i++) {
            if (watermarks != null && watermarks[i] != Long.MIN_VALUE) {
                input.watermark(watermarks[i]);
            }
            input.push(rows.get(i));
        }
        input.close();
    }

    /** The late rows counted by the query feeding {@code stream}. */
    long lateRows(String stream) {
        return db.execute("SHOW QUERIES").rows().stream()
                .filter(r -> r.getString("name").equals(stream))
                .findFirst()
                .orElseThrow()
                .getLong("late_rows");
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the stream did not end", e);
        }
    }

    static String render(Row row) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            values.add(row.get(i));
        }
        return values.stream().map(String::valueOf).collect(Collectors.joining("|"));
    }

    /**
     * Applies changes in order to a multiset of rows ({@code INSERT} and {@code UPDATE_AFTER} add, {@code DELETE} and
     * {@code UPDATE_BEFORE} remove a row that must be present) and returns the rows left, sorted.
     */
    static List<String> fold(List<String> changes) {
        Map<String, Integer> rows = new TreeMap<>();
        for (String change : changes) {
            int space = change.indexOf(' ');
            String op = change.substring(0, space);
            String row = change.substring(space + 1);
            if (op.equals("INSERT") || op.equals("UPDATE_AFTER")) {
                rows.merge(row, 1, Integer::sum);
            } else if (rows.containsKey(row)) {
                rows.compute(row, (r, c) -> c == 1 ? null : c - 1);
            } else {
                fail("%s retracts a row that is not present; changes: %s", change, changes);
            }
        }
        List<String> left = new ArrayList<>();
        rows.forEach((row, count) -> {
            for (int i = 0; i < count; i++) {
                left.add(row);
            }
        });
        return left;
    }

    @Override
    public void close() {
        db.close();
        readers.shutdownNow();
    }
}
