package io.laminardb.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.QueryResult;
import io.laminardb.engine.Row;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.Subscription;
import java.time.Duration;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public class ChangelogQueryTest {

    private LaminarDB db;

    /** The database under test: by default one engine thread per processor, so keyed operators run partitioned. */
    LaminarDB newDatabase() {
        return LaminarDB.inMemory();
    }

    @BeforeEach
    void open() {
        db = newDatabase();
        db.execute("CREATE SOURCE orders (customer VARCHAR NOT NULL, amount BIGINT NOT NULL, status VARCHAR)");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void groupByWithoutAWindowIsAChangelogOfRetractionsAndInserts() {
        db.execute("CREATE STREAM totals AS SELECT customer, SUM(amount) AS total FROM orders GROUP BY customer");
        Subscription<ChangeEvent<Row>> out = db.subscribeChanges("totals", Row.class);
        db.start();
        db.execute("INSERT INTO orders VALUES ('ann', 10, 'new'), ('bob', 5, 'new'), ('ann', 7, 'new')");

        List<String> changes = Rows.takeChanges(out, 4);
        // Keys may run on different engine threads: each key's changes keep their order.
        assertThat(changes.stream().filter(c -> c.contains("ann")))
                .containsExactly("INSERT ann|10", "UPDATE_BEFORE ann|10", "UPDATE_AFTER ann|17");
        assertThat(changes.stream().filter(c -> c.contains("bob"))).containsExactly("INSERT bob|5");
    }

    @Test
    void aggregatesOverAChangelogRetractWhatTheInputRetracts() {
        db.execute("CREATE STREAM totals AS SELECT customer, SUM(amount) AS total, MAX(amount) AS biggest"
                + " FROM orders GROUP BY customer");
        // Counts customers per total: when a customer's total changes, the old total's count goes down.
        db.execute("CREATE STREAM by_total AS SELECT biggest, COUNT(*) AS customers FROM totals GROUP BY biggest");
        Subscription<ChangeEvent<Row>> out = db.subscribeChanges("by_total", Row.class);
        db.start();
        db.execute("INSERT INTO orders VALUES ('ann', 10, NULL)");
        assertThat(Rows.takeChanges(out, 1)).containsExactly("INSERT 10|1");
        db.execute("INSERT INTO orders VALUES ('bob', 10, NULL)");
        assertThat(Rows.takeChanges(out, 2)).containsExactly("UPDATE_BEFORE 10|1", "UPDATE_AFTER 10|2");
        db.execute("INSERT INTO orders VALUES ('ann', 20, NULL)");

        // ann's biggest goes 10 -> 20: one customer leaves group 10, group 20 appears.
        assertThat(Rows.takeChanges(out, 3)).containsExactly("UPDATE_BEFORE 10|2", "UPDATE_AFTER 10|1", "INSERT 20|1");
    }

    @Test
    void aGroupWhoseRowsAreAllRetractedLeavesWithADelete() {
        db.execute("CREATE STREAM latest AS SELECT customer, MAX(amount) AS m FROM orders GROUP BY customer");
        db.execute("CREATE STREAM by_max AS SELECT m, COUNT(*) AS n FROM latest GROUP BY m");
        Subscription<ChangeEvent<Row>> out = db.subscribeChanges("by_max", Row.class);
        db.start();
        db.execute("INSERT INTO orders VALUES ('ann', 1, NULL)");
        db.execute("INSERT INTO orders VALUES ('ann', 2, NULL)");

        assertThat(Rows.takeChanges(out, 3)).containsExactly("INSERT 1|1", "DELETE 1|1", "INSERT 2|1");
    }

    @Test
    void anAggregateWithoutGroupByKeepsOneRowForTheWholeStream() {
        db.execute("CREATE STREAM total AS SELECT COUNT(*) AS n, SUM(amount) AS s FROM orders");
        Subscription<ChangeEvent<Row>> out = db.subscribeChanges("total", Row.class);
        db.start();
        db.execute("INSERT INTO orders VALUES ('ann', 10, NULL), ('bob', 5, NULL)");

        assertThat(Rows.takeChanges(out, 3)).containsExactly("INSERT 1|10", "UPDATE_BEFORE 1|10", "UPDATE_AFTER 2|15");
    }

    @Test
    void emitOnUpdateGivesUpsertsWithoutRetractions() {
        db.execute("CREATE STREAM totals AS SELECT customer, SUM(amount) AS total FROM orders GROUP BY customer"
                + " EMIT ON UPDATE");
        Subscription<ChangeEvent<Row>> out = db.subscribeChanges("totals", Row.class);
        db.start();
        db.execute("INSERT INTO orders VALUES ('ann', 10, NULL), ('ann', 7, NULL)");

        assertThat(Rows.takeChanges(out, 2)).containsExactly("INSERT ann|10", "UPDATE_AFTER ann|17");
    }

    @Test
    void anAggregateThatCannotGiveItsResultSkipsTheGroupAndTheQueryGoesOn() {
        db.execute("CREATE SOURCE small (k VARCHAR, t TINYINT)");
        db.execute("CREATE STREAM sums AS SELECT k, SUM(t) AS s FROM small GROUP BY k");
        Subscription<ChangeEvent<Row>> out = db.subscribeChanges("sums", Row.class);
        db.start();
        db.execute("INSERT INTO small VALUES ('a', 100)");
        assertThat(Rows.takeChanges(out, 1)).containsExactly("INSERT a|100");
        db.execute("INSERT INTO small VALUES ('a', 100)"); // 200 does not fit the TINYINT the sum is typed as

        // The group's row can no longer be computed: it is retracted, the failure counted, and other groups go on.
        assertThat(Rows.takeChanges(out, 1)).containsExactly("DELETE a|100");
        db.execute("INSERT INTO small VALUES ('b', 1)");
        assertThat(Rows.takeChanges(out, 1)).containsExactly("INSERT b|1");
        assertThat(db.execute("SHOW QUERIES").rows().get(0).getLong("error_rows"))
                .isEqualTo(1L);
        assertThat(db.pipelineState()).isEqualTo(io.laminardb.engine.PipelineState.RUNNING);
    }

    @Test
    void upsertStreamsCannotFeedAggregatesOrViews() {
        db.execute("CREATE STREAM totals AS SELECT customer, SUM(amount) AS total FROM orders GROUP BY customer"
                + " EMIT ON UPDATE");
        assertThatThrownBy(() -> db.execute("CREATE STREAM n AS SELECT COUNT(*) AS c FROM totals"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("emits upserts")
                .hasMessageContaining("EMIT CHANGES");
        db.execute("CREATE STREAM big AS SELECT customer FROM totals WHERE total > 100"); // no aggregate: fine
        assertThatThrownBy(() -> db.execute("CREATE MATERIALIZED VIEW v AS SELECT customer, COUNT(*) AS c FROM orders"
                        + " GROUP BY customer EMIT ON UPDATE"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("could not keep its current rows");
    }

    @Test
    void materializedViewsKeepTheirCurrentRowsForQueries() {
        db.execute("CREATE MATERIALIZED VIEW totals AS SELECT customer, SUM(amount) AS total, COUNT(*) AS n"
                + " FROM orders GROUP BY customer");
        Subscription<ChangeEvent<Row>> changes = db.subscribeChanges("totals", Row.class);
        db.start();
        db.execute("INSERT INTO orders VALUES ('ann', 10, NULL), ('bob', 5, NULL), ('ann', 7, NULL)");
        Rows.takeChanges(changes, 4);

        QueryResult result = db.query("SELECT customer, total FROM totals WHERE n > 0 ORDER BY total DESC");

        assertThat(result.rows().stream().map(Rows::render)).containsExactly("ann|17", "bob|5");
        assertThat(result.schema().getFields().get(1).getName()).isEqualTo("total");
        try (VectorSchemaRoot arrow = result.toArrow()) {
            assertThat(arrow.getRowCount()).isEqualTo(2);
            assertThat(arrow.getVector("customer").getObject(0).toString()).isEqualTo("ann");
        }
        assertThat(db.query("SELECT SUM(total) AS s FROM totals").rows().get(0).getLong("s"))
                .isEqualTo(22L);
        assertThat(db.execute("SHOW MATERIALIZED VIEWS").rows().get(0).getLong("rows"))
                .isEqualTo(2L);
    }

    @Test
    void materializedViewsCascadeOnViews() {
        db.execute("CREATE MATERIALIZED VIEW totals AS SELECT customer, SUM(amount) AS total FROM orders"
                + " GROUP BY customer");
        db.execute("CREATE MATERIALIZED VIEW big AS SELECT customer FROM totals WHERE total >= 10");
        Subscription<Row> out = db.subscribe("big");
        db.start();
        db.execute("INSERT INTO orders VALUES ('ann', 5, NULL), ('ann', 5, NULL), ('bob', 1, NULL)");
        assertThat(Rows.take(out, 1)).containsExactly("ann");

        assertThat(db.query("SELECT * FROM big").rows().stream().map(Rows::render))
                .containsExactly("ann");
    }

    @Test
    void queryingASourceOrStreamExplainsThatOnlyViewsKeepRows() {
        db.execute("CREATE STREAM s AS SELECT customer FROM orders");
        assertThatThrownBy(() -> db.query("SELECT * FROM orders"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("'orders' is a source")
                .hasMessageContaining("CREATE MATERIALIZED VIEW");
        assertThatThrownBy(() -> db.query("SELECT * FROM s"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("'s' is a stream");
    }

    @Test
    void emitEveryBatchesAChangelogByProcessingTime() {
        db.execute("CREATE STREAM totals AS SELECT customer, SUM(amount) AS total FROM orders GROUP BY customer"
                + " EMIT EVERY INTERVAL '200' MILLISECOND");
        Subscription<Row> out = db.subscribe("totals");
        db.start();
        db.execute("INSERT INTO orders VALUES ('ann', 10, NULL), ('ann', 7, NULL), ('ann', 1, NULL)");

        // Three changes inside one period leave as one row.
        assertThat(Rows.take(out, 1)).containsExactly("ann|18");
        Rows.none(out);
    }

    @Test
    void subscriptionsOfAViewGetTheRowsInTheirRecordType() {
        db.execute("CREATE MATERIALIZED VIEW totals AS SELECT customer, SUM(amount) AS total FROM orders"
                + " GROUP BY customer");
        Subscription<Total> out = db.subscribe("totals", Total.class);
        db.start();
        db.execute("INSERT INTO orders VALUES ('ann', 10, NULL)");

        assertThat(out.poll(Duration.ofSeconds(10))).isEqualTo(new Total("ann", 10));
        assertThat(List.of(out.name())).containsExactly("totals");
    }

    /** A row of the totals view. */
    @io.laminardb.annotations.Record
    public record Total(String customer, long total) {}
}
