package io.laminardb.engine.stream;

import static org.assertj.core.api.Assertions.fail;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;
import io.laminardb.engine.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Reading what a subscription delivers, as text that tests compare. */
final class Rows {

    private Rows() {}

    /** Waits for {@code n} rows and renders each as {@code v1|v2|...}. */
    static List<String> take(Subscription<Row> subscription, int n) {
        List<String> rows = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (rows.size() < n) {
            Row row = subscription.poll(Duration.ofMillis(50));
            if (row != null) {
                rows.add(render(row));
            } else if (System.nanoTime() > deadline) {
                fail("expected " + n + " rows, got " + rows.size() + ": " + rows);
            }
        }
        return rows;
    }

    /** Waits for {@code n} changes and renders each as {@code OP v1|v2|...}. */
    static List<String> takeChanges(Subscription<ChangeEvent<Row>> subscription, int n) {
        List<String> rows = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (rows.size() < n) {
            ChangeEvent<Row> change = subscription.poll(Duration.ofMillis(50));
            if (change != null) {
                rows.add(change.op() + " " + render(change.value()));
            } else if (System.nanoTime() > deadline) {
                fail("expected " + n + " changes, got " + rows.size() + ": " + rows);
            }
        }
        return rows;
    }

    /** Asserts nothing more arrives within a short while. */
    static <T> void none(Subscription<T> subscription) {
        T extra = subscription.poll(Duration.ofMillis(300));
        if (extra != null) {
            fail("expected no more rows, got " + extra);
        }
    }

    static String render(Row row) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            values.add(row.get(i));
        }
        return values.stream().map(String::valueOf).collect(Collectors.joining("|"));
    }
}
