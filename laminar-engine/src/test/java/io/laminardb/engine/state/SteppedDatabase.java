package io.laminardb.engine.state;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Internals;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.runtime.DatabaseRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A database fed step by step and never started: after each step the calling thread runs the engine's tasks until
 * nothing is left ({@link DatabaseRuntime#processInline}), so that every run over the same steps processes them
 * alike, and the changes of each subscribed stream are collected as {@code OP v1|v2|...}.
 */
final class SteppedDatabase implements AutoCloseable {

    private final LaminarDB db;
    private final DatabaseRuntime runtime;
    private final Map<String, Subscription<ChangeEvent<Row>>> subscriptions = new LinkedHashMap<>();
    private final Map<String, List<String>> changes = new LinkedHashMap<>();

    /**
     * @param statements the DDL, run in order
     * @param outputs the streams whose changes to collect
     */
    SteppedDatabase(int cores, List<String> statements, List<String> outputs) {
        db = LaminarDB.open(LaminarConfig.builder().cores(cores).build());
        runtime = Internals.runtime(db);
        statements.forEach(db::execute);
        for (String output : outputs) {
            subscriptions.put(output, db.subscribeChanges(output, Row.class));
            changes.put(output, new ArrayList<>());
        }
    }

    /** Pushes a row into source {@code source} and processes it. */
    void push(String source, Object... row) {
        db.source(source).push(row);
        process();
    }

    /** Runs a statement ({@code INSERT INTO} a table, {@code DELETE FROM} one) and processes its changes. */
    void execute(String sql) {
        db.execute(sql);
        process();
    }

    private void process() {
        runtime.processInline();
        collect();
    }

    private void collect() {
        subscriptions.forEach((name, subscription) -> {
            ChangeEvent<Row> change;
            while ((change = subscription.poll()) != null) {
                changes.get(name).add(change.op() + " " + render(change.value()));
            }
        });
    }

    /** The state now, through its binary form. */
    byte[] snapshot() {
        process();
        return runtime.snapshotState().toByteArray();
    }

    RestoreReport restore(byte[] snapshot) {
        return restore(snapshot, name -> false);
    }

    RestoreReport restore(byte[] snapshot, Predicate<String> reset) {
        return runtime.restoreState(StateSnapshot.fromByteArray(snapshot), reset);
    }

    DatabaseRuntime runtime() {
        return runtime;
    }

    LaminarDB db() {
        return db;
    }

    /** The rows of a one-shot query over views and tables, rendered and sorted. */
    List<String> query(String sql) {
        return db.query(sql).rows().stream()
                .map(SteppedDatabase::render)
                .sorted()
                .toList();
    }

    /** The changes collected so far, by stream. */
    Map<String, List<String>> changes() {
        collect();
        Map<String, List<String>> copy = new LinkedHashMap<>();
        changes.forEach((name, list) -> copy.put(name, List.copyOf(list)));
        return copy;
    }

    /** Shuts the database down (which ends the input, closing every window) and returns every change collected. */
    Map<String, List<String>> finish() {
        db.shutdown();
        return changes();
    }

    @Override
    public void close() {
        db.close();
    }

    static String render(Row row) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            values.add(row.get(i));
        }
        return values.stream().map(String::valueOf).collect(Collectors.joining("|"));
    }
}
