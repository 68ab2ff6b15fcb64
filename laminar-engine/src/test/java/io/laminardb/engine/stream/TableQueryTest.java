package io.laminardb.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Continuous queries over reference tables: a table is a changelog, so aggregates over it retract. */
class TableQueryTest {

    private LaminarDB db;

    @BeforeEach
    void open() {
        db = LaminarDB.open(LaminarConfig.builder().cores(1).build());
        db.execute("CREATE TABLE accounts (id BIGINT, region VARCHAR, amount DOUBLE NOT NULL, ts TIMESTAMP(3),"
                + " PRIMARY KEY (id))");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aGroupByOverATableRetractsOnUpdateAndDelete() throws Exception {
        db.execute("CREATE MATERIALIZED VIEW totals AS SELECT region, SUM(amount) AS total, COUNT(*) AS n"
                + " FROM accounts GROUP BY region");
        Subscription<ChangeEvent<Row>> changes = db.subscribeChanges("totals", Row.class);
        db.start();

        db.execute("INSERT INTO accounts (id, region, amount) VALUES (1, 'eu', 10.0), (2, 'eu', 5.0), (3, 'us', 7.0)");
        awaitTotals();
        db.execute("INSERT INTO accounts (id, region, amount) VALUES (2, 'us', 6.0)");
        awaitTotals();
        assertThat(totals()).containsExactly("eu 10.0 1", "us 13.0 2");
        db.execute("DELETE FROM accounts WHERE region = 'us'");
        awaitTotals();
        assertThat(totals()).containsExactly("eu 10.0 1");

        List<ChangeEvent.Op> ops = new ArrayList<>();
        ChangeEvent<Row> change;
        while ((change = changes.poll(Duration.ofMillis(200))) != null) {
            ops.add(change.op());
        }
        assertThat(ops)
                .as("updates and deletes of the table retract the view's rows")
                .contains(ChangeEvent.Op.UPDATE_BEFORE, ChangeEvent.Op.DELETE);
    }

    @Test
    void aQueryCreatedAfterRowsExistStartsFromThem() {
        db.start();
        db.execute("INSERT INTO accounts (id, region, amount) VALUES (1, 'eu', 10.0), (2, 'us', 5.0)");
        db.execute("CREATE MATERIALIZED VIEW totals AS SELECT region, SUM(amount) AS total, COUNT(*) AS n"
                + " FROM accounts GROUP BY region");
        db.execute("INSERT INTO accounts (id, region, amount) VALUES (2, 'eu', 5.0)");

        awaitTotals();
        assertThat(totals()).containsExactly("eu 15.0 2");
    }

    @Test
    void aFilterOverATableCarriesTheChangesThrough() throws Exception {
        db.execute("CREATE STREAM big AS SELECT id, amount FROM accounts WHERE amount > 100");
        Subscription<ChangeEvent<Row>> changes = db.subscribeChanges("big", Row.class);
        db.start();

        db.execute("INSERT INTO accounts (id, region, amount) VALUES (1, 'eu', 500.0), (2, 'eu', 5.0)");
        db.execute("INSERT INTO accounts (id, region, amount) VALUES (1, 'eu', 600.0)");
        db.execute("DELETE FROM accounts WHERE id = 1");

        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ChangeEvent<Row> change = changes.poll(Duration.ofSeconds(5));
            assertThat(change).isNotNull();
            seen.add(change.op() + " " + change.value().get(0) + " "
                    + change.value().get(1));
        }
        assertThat(seen)
                .containsExactly("INSERT 1 500.0", "UPDATE_BEFORE 1 500.0", "UPDATE_AFTER 1 600.0", "DELETE 1 600.0");
    }

    @Test
    void aWindowOverATableIsRefusedBecauseATableHasNoEventTime() {
        assertThatThrownBy(() -> db.execute("CREATE STREAM w AS SELECT region, window_start, COUNT(*) AS n"
                        + " FROM TABLE(TUMBLE(TABLE accounts, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                        + " GROUP BY region, window_start, window_end"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("table 'accounts' has none");
        assertThat(db.streams()).isEmpty();
    }

    /** The view's rows, sorted. */
    private List<String> totals() {
        return db.query("SELECT region, total, n FROM totals ORDER BY region").rows().stream()
                .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2))
                .toList();
    }

    /** The aggregation computed directly from the table's current rows. */
    private List<String> direct() {
        Map<String, double[]> groups = new TreeMap<>();
        for (Row row : db.query("SELECT region, amount FROM accounts").rows()) {
            double[] g = groups.computeIfAbsent(row.getString("region"), r -> new double[2]);
            g[0] += row.getDouble("amount");
            g[1]++;
        }
        List<String> rows = new ArrayList<>();
        groups.forEach((region, g) -> rows.add(region + " " + g[0] + " " + (long) g[1]));
        return rows;
    }

    /** Waits until the view equals the direct aggregation of the table. */
    private void awaitTotals() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!totals().equals(direct()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(totals()).isEqualTo(direct());
    }
}
