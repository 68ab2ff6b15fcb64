package io.laminardb.engine.stream;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.UntypedSource;
import io.laminardb.engine.stream.Events.Event;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One run of continuous queries over a pushed input: a database of one engine thread, the statements, subscriptions
 * read to their end on threads of their own (so a full subscription never holds the engine back), and the input pushed
 * into the source {@code ev}, which is then closed so every stream ends.
 */
final class QueryRun implements AutoCloseable {

    private final LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(1).build());
    private final ExecutorService readers = Executors.newCachedThreadPool();

    QueryRun(String... statements) {
        for (String statement : statements) {
            db.execute(statement);
        }
    }

    /** The rows of {@code stream} until it ends, rendered by {@link Rows#render}. Call before {@link #push}. */
    CompletableFuture<List<String>> rows(String stream) {
        Subscription<Row> subscription = db.subscribe(stream);
        return CompletableFuture.supplyAsync(
                () -> subscription.stream().map(Rows::render).toList(), readers);
    }

    /** The changes of {@code stream} until it ends, rendered as {@code OP v1|v2|...}. Call before {@link #push}. */
    CompletableFuture<List<String>> changes(String stream) {
        Subscription<ChangeEvent<Row>> subscription = db.subscribeChanges(stream, Row.class);
        return CompletableFuture.supplyAsync(
                () -> subscription.stream()
                        .map(change -> change.op() + " " + Rows.render(change.value()))
                        .toList(),
                readers);
    }

    /** Starts the engine, pushes the events in the order given and closes the source. */
    void push(List<Event> events) {
        push(events, false, 0);
    }

    /**
     * As {@link #push(List)}; with {@code explicitWatermarks}, before each row a watermark of the largest event time
     * pushed so far less {@code delayMillis}, so that the watermark each row meets is exactly that, rather than at
     * most that, as the source's own watermark is (it advances once per batch the engine takes).
     */
    void push(List<Event> events, boolean explicitWatermarks, long delayMillis) {
        db.start();
        UntypedSource source = db.source("ev");
        long max = Long.MIN_VALUE;
        for (Event event : events) {
            if (explicitWatermarks && max != Long.MIN_VALUE) {
                source.watermark(max - delayMillis);
            }
            source.push(event.row());
            max = Math.max(max, event.t());
        }
        source.close();
    }

    /** The {@code EXPLAIN} of {@code query}: each step's operator and details, a line each. */
    String explain(String query) {
        return db.execute("EXPLAIN " + query).rows().stream()
                .map(r -> r.getString("operator").strip() + " " + r.getString("details"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /** The late rows counted by the only query, as {@code SHOW QUERIES} reports them. */
    long lateRows() {
        return db.execute("SHOW QUERIES").rows().get(0).getLong("late_rows");
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the stream did not end", e);
        }
    }

    @Override
    public void close() {
        db.close();
        readers.shutdownNow();
    }
}
