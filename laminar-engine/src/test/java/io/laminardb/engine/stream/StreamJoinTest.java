package io.laminardb.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.ExecuteResult;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.StreamInfo;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Joins of two inputs through SQL: interval joins (all four kinds), regular joins of streams, joins of changelogs
 * (tables, aggregates), window joins; on one engine thread and on two (the join then runs as partitions by key).
 */
class StreamJoinTest {

    private LaminarDB db;

    private void open(int cores) {
        db = LaminarDB.open(LaminarConfig.builder().cores(cores).build());
        db.execute("CREATE SOURCE orders (id BIGINT NOT NULL, item VARCHAR, ts TIMESTAMP(3) NOT NULL,"
                + " WATERMARK FOR ts AS ts - INTERVAL '0' SECOND)");
        db.execute("CREATE SOURCE shipments (order_id BIGINT, carrier VARCHAR, ts TIMESTAMP(3) NOT NULL,"
                + " WATERMARK FOR ts AS ts - INTERVAL '0' SECOND)");
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private void order(long id, String item, int second) {
        db.execute("INSERT INTO orders VALUES (" + id + ", '" + item + "', " + ts(second) + ")");
    }

    private void shipment(Long orderId, String carrier, int second) {
        db.execute("INSERT INTO shipments VALUES (" + orderId + ", '" + carrier + "', " + ts(second) + ")");
    }

    private static String ts(int second) {
        return "TIMESTAMP '2024-01-01 00:" + String.format("%02d:%02d", second / 60, second % 60) + "'";
    }

    private static final String INTERVAL_CONDITION =
            "o.id = s.order_id AND s.ts BETWEEN o.ts AND o.ts + INTERVAL '10' SECOND";

    @ParameterizedTest(name = "{0} engine thread(s)")
    @ValueSource(ints = {1, 2})
    void anIntervalJoinMatchesRowsWithinTheBoundsInEitherOrder(int cores) {
        open(cores);
        db.execute("CREATE STREAM shipped AS SELECT o.id, o.item, s.carrier FROM orders o JOIN shipments s ON "
                + INTERVAL_CONDITION);
        Subscription<Row> out = db.subscribe("shipped");
        db.start();

        order(1, "book", 0);
        shipment(1L, "ups", 5); // in bounds
        shipment(2L, "dhl", 6); // before its order
        order(2, "pen", 3); // the shipment came first: matched on arrival of the order
        shipment(1L, "fedex", 11); // past order 1's bound (0 + 10 s)
        order(3, "cup", 12);
        shipment(3L, "ups", 9); // before order 3

        assertThat(Rows.take(out, 2)).containsExactlyInAnyOrder("1|book|ups", "2|pen|dhl");
        Rows.none(out);
    }

    @ParameterizedTest(name = "{0} engine thread(s)")
    @ValueSource(ints = {1, 2})
    void stateOfAnIntervalJoinGoesAsTheWatermarksPass(int cores) {
        open(cores);
        db.execute("CREATE STREAM shipped AS SELECT o.id, s.carrier FROM orders o JOIN shipments s ON "
                + INTERVAL_CONDITION);
        Subscription<Row> out = db.subscribe("shipped");
        db.start();

        for (int i = 0; i < 20; i++) {
            order(i, "o", i);
            shipment((long) i, "c", i + 1);
        }
        assertThat(Rows.take(out, 20)).hasSize(20);
        // Orders stay 10 s after their time for shipments; shipments until the orders' watermark passes their time.
        eventually(() -> assertThat(stateRows("shipped")).isBetween(1L, 14L));
        order(100, "late", 100);
        shipment(100L, "c", 100);
        eventually(() -> assertThat(stateRows("shipped"))
                .as("only the rows of second 100 are kept")
                .isEqualTo(2L));
        Rows.take(out, 1);
    }

    @ParameterizedTest(name = "{0} engine thread(s)")
    @ValueSource(ints = {1, 2})
    void aLeftIntervalJoinHandsOnUnmatchedRowsWhenTheirBoundPasses(int cores) {
        open(cores);
        db.execute("CREATE STREAM shipped AS SELECT o.id, s.carrier FROM orders o LEFT JOIN shipments s ON "
                + INTERVAL_CONDITION);
        Subscription<ChangeEvent<Row>> out = db.subscribeChanges("shipped", Row.class);
        db.start();

        order(1, "book", 0);
        order(2, "pen", 1);
        shipment(1L, "ups", 4);
        assertThat(Rows.takeChanges(out, 1)).containsExactly("INSERT 1|ups");
        shipment(9L, "ups", 12); // the shipments' watermark passes order 2's bound (11 s)
        assertThat(Rows.takeChanges(out, 1)).containsExactly("INSERT 2|null");
        Rows.none(out);
        assertThat(db.streams().get(0).changelog())
                .as("padded rows wait for their bound: the output stays append-only")
                .isFalse();
    }

    @ParameterizedTest(name = "{0} engine thread(s)")
    @ValueSource(ints = {1, 2})
    void rightAndFullIntervalJoinsHandOnTheOtherSidesUnmatchedRows(int cores) {
        open(cores);
        db.execute("CREATE STREAM r AS SELECT o.id, s.order_id, s.carrier FROM orders o RIGHT JOIN shipments s ON "
                + INTERVAL_CONDITION);
        db.execute("CREATE STREAM f AS SELECT o.id, s.order_id FROM orders o FULL JOIN shipments s ON "
                + INTERVAL_CONDITION);
        Subscription<Row> right = db.subscribe("r");
        Subscription<Row> full = db.subscribe("f");
        db.start();

        order(1, "book", 0);
        shipment(1L, "ups", 2);
        shipment(7L, "dhl", 3); // no order 7
        shipment(null, "none", 4); // a null key meets nothing
        order(5, "cup", 5); // no shipment 5
        order(99, "x", 30); // moves the orders' watermark past every shipment
        shipment(98L, "x", 30); // and the shipments' past order 5's bound

        assertThat(Rows.take(right, 3)).containsExactlyInAnyOrder("1|1|ups", "null|7|dhl", "null|null|none");
        assertThat(Rows.take(full, 4)).containsExactlyInAnyOrder("1|1", "null|7", "null|null", "5|null");
        Rows.none(right);
        Rows.none(full);
    }

    @ParameterizedTest(name = "{0} engine thread(s)")
    @ValueSource(ints = {1, 2})
    void aRegularJoinOfTwoStreamsKeepsEveryRow(int cores) {
        open(cores);
        db.execute("CREATE STREAM all_shipped AS SELECT o.id, s.carrier FROM orders o JOIN shipments s"
                + " ON o.id = s.order_id");
        Subscription<Row> out = db.subscribe("all_shipped");
        db.start();

        order(1, "book", 0);
        shipment(1L, "ups", 1000);
        shipment(1L, "dhl", 2000);
        order(1, "again", 3000);

        assertThat(Rows.take(out, 4)).containsExactlyInAnyOrder("1|ups", "1|dhl", "1|ups", "1|dhl");
        eventually(() -> assertThat(stateRows("all_shipped")).isEqualTo(4L));
        assertThat(db.streams().get(0).changelog()).isFalse();
    }

    @ParameterizedTest(name = "{0} engine thread(s)")
    @ValueSource(ints = {1, 2})
    void aLeftJoinWithoutTimeBoundsRetractsThePaddedRowOnTheFirstMatch(int cores) {
        open(cores);
        db.execute("CREATE STREAM maybe_shipped AS SELECT o.id, s.carrier FROM orders o LEFT JOIN shipments s"
                + " ON o.id = s.order_id");
        Subscription<ChangeEvent<Row>> out = db.subscribeChanges("maybe_shipped", Row.class);
        db.start();

        order(1, "book", 0);
        assertThat(Rows.takeChanges(out, 1)).containsExactly("INSERT 1|null");
        shipment(1L, "ups", 1);
        assertThat(Rows.takeChanges(out, 2)).containsExactly("DELETE 1|null", "INSERT 1|ups");
        shipment(1L, "dhl", 2);
        assertThat(Rows.takeChanges(out, 1)).containsExactly("INSERT 1|dhl");
        Rows.none(out);
        assertThat(db.streams().get(0).changelog()).isTrue();
    }

    @ParameterizedTest(name = "{0} engine thread(s)")
    @ValueSource(ints = {1, 2})
    void aJoinOfTwoAggregatesRetractsWhatAnUpdateReplaces(int cores) {
        open(cores);
        db.execute("CREATE STREAM ordered AS SELECT id, COUNT(*) AS n FROM orders GROUP BY id");
        db.execute("CREATE STREAM shipped AS SELECT order_id, COUNT(*) AS m FROM shipments GROUP BY order_id");
        db.execute("CREATE MATERIALIZED VIEW progress AS SELECT o.id, o.n, s.m FROM ordered o JOIN shipped s"
                + " ON o.id = s.order_id");
        db.start();

        order(1, "a", 0);
        order(1, "b", 1);
        shipment(1L, "ups", 2);
        order(2, "c", 3);
        shipment(1L, "dhl", 4);
        shipment(2L, "dhl", 5);
        order(2, "d", 6);

        eventually(() -> assertThat(view("progress")).containsExactlyInAnyOrder("1|2|2", "2|2|1"));
    }

    @ParameterizedTest(name = "{0} engine thread(s)")
    @ValueSource(ints = {1, 2})
    void tablesJoinAsChangelogs(int cores) {
        open(cores);
        db.execute("CREATE TABLE customers (id BIGINT NOT NULL, name VARCHAR, PRIMARY KEY (id))");
        db.execute("CREATE TABLE accounts (customer BIGINT NOT NULL, balance INT, PRIMARY KEY (customer))");
        db.execute("CREATE MATERIALIZED VIEW balances AS SELECT c.name, a.balance FROM customers c"
                + " FULL JOIN accounts a ON c.id = a.customer");
        db.start();

        db.execute("INSERT INTO customers VALUES (1, 'ann'), (2, 'bob')");
        db.execute("INSERT INTO accounts VALUES (1, 10), (3, 30)");
        eventually(() -> assertThat(view("balances")).containsExactlyInAnyOrder("ann|10", "bob|null", "null|30"));

        db.execute("INSERT INTO accounts VALUES (1, 15), (2, 20)");
        db.execute("DELETE FROM customers WHERE id = 1");
        eventually(() -> assertThat(view("balances")).containsExactlyInAnyOrder("null|15", "bob|20", "null|30"));
    }

    @ParameterizedTest(name = "{0} engine thread(s)")
    @ValueSource(ints = {1, 2})
    void aWindowJoinMeetsTheRowsOfTheSameWindowAndLetsClosedWindowsGo(int cores) {
        open(cores);
        db.execute("CREATE STREAM busy AS SELECT o.id, o.starts, o.n, s.m FROM"
                + " (SELECT id, window_start AS starts, window_end AS ends, COUNT(*) AS n"
                + "  FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))"
                + "  GROUP BY id, window_start, window_end) o"
                + " JOIN (SELECT order_id, window_start AS starts, window_end AS ends, COUNT(*) AS m"
                + "  FROM TABLE(TUMBLE(TABLE shipments, DESCRIPTOR(ts), INTERVAL '10' SECOND))"
                + "  GROUP BY order_id, window_start, window_end) s"
                + " ON o.id = s.order_id AND o.starts = s.starts AND o.ends = s.ends");
        Subscription<Row> out = db.subscribe("busy");
        db.start();

        order(1, "a", 1);
        order(1, "b", 2);
        shipment(1L, "x", 3);
        order(2, "c", 4);
        shipment(2L, "y", 15); // another window: does not meet order 2
        order(1, "d", 12);
        shipment(1L, "z", 13);
        order(9, "end", 40);
        shipment(9L, "end", 40);

        assertThat(Rows.take(out, 2)).containsExactly("1|2024-01-01T00:00:00Z|2|1", "1|2024-01-01T00:00:10Z|1|1");
        Rows.none(out);
        eventually(() -> assertThat(stateRows("busy"))
                .as("the windows before the watermark are gone")
                .isZero());
    }

    @ParameterizedTest(name = "{0} engine thread(s)")
    @ValueSource(ints = {1, 2})
    void aCommaJoinWithItsConditionInWhereIsAJoin(int cores) {
        open(cores);
        db.execute("CREATE STREAM shipped AS SELECT o.id, s.carrier FROM orders o, shipments s"
                + " WHERE o.id = s.order_id AND s.ts BETWEEN o.ts AND o.ts + INTERVAL '10' SECOND"
                + " AND s.carrier <> 'dhl'");
        Subscription<Row> out = db.subscribe("shipped");
        db.start();

        order(1, "book", 0);
        shipment(1L, "dhl", 1);
        shipment(1L, "ups", 2);

        assertThat(Rows.take(out, 1)).containsExactly("1|ups");
        Rows.none(out);
    }

    @ParameterizedTest(name = "{0} engine thread(s)")
    @ValueSource(ints = {1, 2})
    void aJoinFeedsAWindowedAggregate(int cores) {
        open(cores);
        db.execute("CREATE STREAM shipped AS SELECT o.id, o.ts, s.carrier FROM orders o JOIN shipments s ON "
                + INTERVAL_CONDITION);
        db.execute("CREATE STREAM per_window AS SELECT window_start, COUNT(*) AS n"
                + " FROM TABLE(TUMBLE(TABLE shipped, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start");
        Subscription<Row> out = db.subscribe("per_window");
        db.start();

        order(1, "a", 1);
        shipment(1L, "x", 2);
        order(2, "b", 3);
        shipment(2L, "y", 4);
        order(3, "c", 30);
        shipment(3L, "z", 31);

        assertThat(Rows.take(out, 1)).containsExactly("2024-01-01T00:00:00Z|2");
    }

    @ParameterizedTest(name = "{0} engine thread(s)")
    @ValueSource(ints = {1, 2})
    void explainShowsTheJoinItsKeysAndBounds(int cores) {
        open(cores);
        ExecuteResult plan = db.execute(
                "EXPLAIN SELECT o.id, s.carrier FROM orders o LEFT JOIN shipments s ON " + INTERVAL_CONDITION);
        String text = plan.rows().stream()
                .map(r -> r.getString("operator").strip() + " " + r.getString("details") + " " + r.getString("state"))
                .collect(Collectors.joining("\n"));
        assertThat(text)
                .contains("StreamJoin LEFT keys=[id]=[order_id]")
                .contains("left rows until right watermark > min(ts + 10000ms)")
                .contains("right rows until left watermark > min(ts)")
                .contains("watermark held back 10000ms")
                .contains("Scan orders")
                .contains("Scan shipments");
        assertThat(text.contains("Exchange")).isEqualTo(cores > 1);
    }

    @ParameterizedTest(name = "{0} engine thread(s)")
    @ValueSource(ints = {1})
    void bothInputsAreInTheTopologyAndDroppingEitherNeedsCascade(int cores) {
        open(cores);
        db.execute("CREATE STREAM shipped AS SELECT o.id, s.carrier FROM orders o JOIN shipments s ON "
                + INTERVAL_CONDITION);
        assertThat(db.topology().edges())
                .contains(new Topology.Edge("orders", "shipped"), new Topology.Edge("shipments", "shipped"));
        assertThatThrownBy(() -> db.execute("DROP SOURCE shipments"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("shipped");
        db.execute("DROP SOURCE shipments CASCADE");
        assertThat(db.streams()).isEmpty();
    }

    @ParameterizedTest(name = "{0} engine thread(s)")
    @ValueSource(ints = {1})
    void aJoinWithoutAnEqualityOfBothSidesIsRefused(int cores) {
        open(cores);
        assertThatThrownBy(() -> db.execute("CREATE STREAM j AS SELECT o.id, s.carrier FROM orders o"
                        + " JOIN shipments s ON s.ts BETWEEN o.ts AND o.ts + INTERVAL '1' SECOND"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("needs an equality of a column of each side");
        db.execute("CREATE STREAM counts AS SELECT id, COUNT(*) AS n FROM orders GROUP BY id EMIT ON UPDATE");
        assertThatThrownBy(() -> db.execute("CREATE STREAM j AS SELECT c.id, s.carrier FROM counts c"
                        + " JOIN shipments s ON c.id = s.order_id"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("emits upserts")
                .hasMessageContaining("EMIT CHANGES");
    }

    private long stateRows(String stream) {
        return db.streams().stream()
                .filter(s -> s.name().equals(stream))
                .mapToLong(StreamInfo::stateRows)
                .findFirst()
                .orElseThrow();
    }

    private List<String> view(String name) {
        List<String> rows = new ArrayList<>();
        for (Row row : db.query("SELECT * FROM " + name).rows()) {
            rows.add(Rows.render(row));
        }
        return rows;
    }

    /** Retries {@code assertion} until it passes, for up to ten seconds. */
    private static void eventually(Runnable assertion) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.onSpinWait();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
