package io.laminardb.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.ConnectorStatus;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.TableInfo;
import io.laminardb.engine.WalMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables backed by a real PostgreSQL server (started by the test), looked up by stream rows. */
class PostgresLookupJoinTest {

    private static final AtomicInteger TABLES = new AtomicInteger();

    static PostgresServer postgres;

    @BeforeAll
    static void server() {
        postgres = PostgresServer.shared();
    }

    /** A fresh PostgreSQL table of customers 1 (gold) and 2 (silver). */
    private static String customers() {
        String table = "customers_" + TABLES.incrementAndGet();
        postgres.execute(
                "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name TEXT NOT NULL, tier TEXT,"
                        + " credit NUMERIC(10,2), score DOUBLE PRECISION, vip BOOLEAN, since TIMESTAMP, born DATE)",
                "INSERT INTO " + table + " VALUES (1, 'Ann', 'gold', 1250.5, 2.5, true, '2024-01-02 03:04:05',"
                        + " '1990-05-06'), (2, 'Bob', 'silver', NULL, NULL, false, NULL, NULL)");
        return table;
    }

    private static String options(String table, String extra) {
        return "connector = 'postgres', url = '" + postgres.url() + "', username = 'postgres', table_name = '" + table
                + "'" + extra;
    }

    private static final String COLUMNS = "id BIGINT, name VARCHAR NOT NULL, tier VARCHAR, credit DECIMAL(10, 2),"
            + " score DOUBLE, vip BOOLEAN, since TIMESTAMP, born DATE, PRIMARY KEY (id)";

    private static LaminarDB memory(int cores) {
        return LaminarDB.open(LaminarConfig.builder().cores(cores).build());
    }

    @Test
    void streamRowsFindTheirRowInPostgresByPrimaryKey() {
        String table = customers();
        try (LaminarDB db = memory(1)) {
            db.execute("CREATE TABLE customers (" + COLUMNS + ") WITH (" + options(table, "") + ")");
            db.execute("CREATE SOURCE orders (id BIGINT NOT NULL, customer BIGINT)");
            db.execute("CREATE MATERIALIZED VIEW enriched AS SELECT o.id, c.name, c.tier, c.credit, c.score, c.vip,"
                    + " c.since, c.born FROM orders o LEFT JOIN customers c ON o.customer = c.id");
            db.execute("CREATE MATERIALIZED VIEW known AS SELECT o.id, c.name FROM orders o JOIN customers c"
                    + " ON o.customer = c.id");
            db.start();
            db.source("orders").push(10L, 1L);
            db.source("orders").push(11L, 2L);
            db.source("orders").push(12L, 3L);
            db.source("orders").push(13L, null);
            await(() -> rows(db, "SELECT * FROM enriched ORDER BY id").size() == 4);
            assertThat(rows(db, "SELECT * FROM enriched ORDER BY id"))
                    .containsExactly(
                            "10|Ann|gold|1250.50|2.5|true|2024-01-02T03:04:05Z|1990-05-06",
                            "11|Bob|silver|null|null|false|null|null",
                            "12|null|null|null|null|null|null|null",
                            "13|null|null|null|null|null|null|null");
            await(() -> rows(db, "SELECT * FROM known ORDER BY id").size() == 2);
            assertThat(rows(db, "SELECT * FROM known ORDER BY id")).containsExactly("10|Ann", "11|Bob");
            ConnectorStatus status = db.connectors().get("customers");
            assertThat(status.kind()).isEqualTo(ConnectorStatus.Kind.TABLE);
            assertThat(status.connector()).isEqualTo("postgres");
            assertThat(status.health().up()).isTrue();
        }
    }

    @Test
    void aCompositeKeyInAnotherSchemaIsMatchedColumnByColumn() {
        postgres.execute(
                "CREATE SCHEMA IF NOT EXISTS shop",
                "CREATE TABLE shop.prices (region TEXT, sku INTEGER, price NUMERIC(8,2), PRIMARY KEY (region, sku))",
                "INSERT INTO shop.prices VALUES ('eu', 1, 9.99), ('us', 1, 10.49), ('eu', 2, 5)");
        try (LaminarDB db = memory(1)) {
            db.execute("CREATE TABLE prices (Region VARCHAR, SKU INT, price DECIMAL(8, 2), PRIMARY KEY (Region, SKU))"
                    + " WITH (" + options("shop.prices", "") + ")");
            db.execute("CREATE SOURCE sales (id BIGINT NOT NULL, region VARCHAR, sku BIGINT, qty INT)");
            db.execute("CREATE MATERIALIZED VIEW priced AS SELECT s.id, p.price * s.qty AS total FROM sales s"
                    + " JOIN prices p ON p.SKU = s.sku AND p.Region = s.region");
            db.start();
            db.source("sales").push(1L, "eu", 1L, 2);
            db.source("sales").push(2L, "us", 1L, 1);
            db.source("sales").push(3L, "us", 2L, 1);
            db.source("sales").push(4L, "eu", 2L, 3);
            await(() -> rows(db, "SELECT * FROM priced").size() == 3);
            assertThat(rows(db, "SELECT * FROM priced ORDER BY id")).containsExactly("1|19.98", "2|10.49", "4|15.00");
        }
    }

    @Test
    void aCachedRowIsJoinedUntilItsTtlPassesThenReadAgain() throws InterruptedException {
        String table = customers();
        try (LaminarDB db = memory(1)) {
            db.execute("CREATE TABLE customers (" + COLUMNS + ") WITH (" + options(table, ", 'lookup.cache.ttl' = '5s'")
                    + ")");
            db.execute("CREATE SOURCE orders (id BIGINT NOT NULL, customer BIGINT)");
            db.execute("CREATE MATERIALIZED VIEW enriched AS SELECT o.id, c.tier FROM orders o LEFT JOIN customers c"
                    + " ON o.customer = c.id");
            db.start();
            long start = System.nanoTime();
            db.source("orders").push(1L, 1L);
            db.source("orders").push(2L, 9L); // no customer 9 yet
            await(() -> rows(db, "SELECT * FROM enriched").size() == 2);
            long cached = System.nanoTime(); // both keys were cached by now (and not before start)
            postgres.execute(
                    "UPDATE " + table + " SET tier = 'platinum' WHERE id = 1",
                    "INSERT INTO " + table + " (id, name, tier) VALUES (9, 'Cy', 'bronze')");
            db.source("orders").push(3L, 1L);
            db.source("orders").push(4L, 9L);
            await(() -> rows(db, "SELECT * FROM enriched").size() == 4);
            // Still within the TTL: the cached row, and the cached absence of customer 9.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(rows(db, "SELECT * FROM enriched ORDER BY id"))
                    .containsExactly("1|gold", "2|null", "3|gold", "4|null");
            // Until the cached entries have expired for certain.
            Thread.sleep(Math.max(
                    0, 5_100 - Duration.ofNanos(System.nanoTime() - cached).toMillis()));
            db.source("orders").push(5L, 1L);
            db.source("orders").push(6L, 9L);
            await(() -> rows(db, "SELECT * FROM enriched").size() == 6);
            assertThat(rows(db, "SELECT * FROM enriched WHERE id > 4 ORDER BY id"))
                    .containsExactly("5|platinum", "6|bronze");
            Map<String, Object> details =
                    db.connectors().get("customers").health().details();
            assertThat(details).containsEntry("cache.hits", 2L).containsEntry("cache.misses", 4L);
        }
    }

    @Test
    void withoutACacheEveryLookupSeesTheTableAsItIsNow() {
        String table = customers();
        try (LaminarDB db = memory(1)) {
            db.execute("CREATE TABLE customers (" + COLUMNS + ") WITH (" + options(table, "") + ")");
            db.execute("CREATE SOURCE orders (id BIGINT NOT NULL, customer BIGINT)");
            db.execute("CREATE MATERIALIZED VIEW enriched AS SELECT o.id, c.tier FROM orders o JOIN customers c"
                    + " ON o.customer = c.id");
            db.start();
            db.source("orders").push(1L, 1L);
            await(() -> rows(db, "SELECT * FROM enriched").size() == 1);
            postgres.execute("UPDATE " + table + " SET tier = 'platinum' WHERE id = 1");
            db.source("orders").push(2L, 1L);
            await(() -> rows(db, "SELECT * FROM enriched").size() == 2);
            assertThat(rows(db, "SELECT * FROM enriched ORDER BY id")).containsExactly("1|gold", "2|platinum");
            assertThat(db.connectors().get("customers").health().details()).containsEntry("cache.hits", 0L);
        }
    }

    @Test
    void whilePostgresIsDownLookupsWaitAndNoRowIsLost() {
        String table = customers();
        try (LaminarDB db = memory(1)) {
            db.execute("CREATE TABLE customers (" + COLUMNS + ") WITH ("
                    + options(
                            table,
                            ", 'retry.max_attempts' = '2', 'retry.initial_backoff' = '20ms',"
                                    + " 'circuit_breaker.open_duration' = '500ms'")
                    + ")");
            db.execute("CREATE SOURCE orders (id BIGINT NOT NULL, customer BIGINT)");
            db.execute("CREATE MATERIALIZED VIEW enriched AS SELECT o.id, c.name FROM orders o JOIN customers c"
                    + " ON o.customer = c.id");
            db.start();
            db.source("orders").push(1L, 1L);
            await(() -> rows(db, "SELECT * FROM enriched").size() == 1);
            postgres.stop();
            try {
                for (long id = 2; id <= 6; id++) {
                    db.source("orders").push(id, 2 - id % 2);
                }
                await(() -> !db.connectors().get("customers").health().up()
                        && db.connectors()
                                .get("customers")
                                .metrics()
                                .lastError()
                                .isPresent());
                assertThat(db.connectors().get("customers").metrics().lastError())
                        .hasValueSatisfying(error -> assertThat(error).contains("PSQLException"));
            } finally {
                postgres.start();
            }
            await(() -> rows(db, "SELECT * FROM enriched").size() == 6);
            assertThat(rows(db, "SELECT * FROM enriched ORDER BY id"))
                    .containsExactly("1|Ann", "2|Bob", "3|Ann", "4|Bob", "5|Ann", "6|Bob");
            await(() -> db.connectors().get("customers").health().up());
            assertThat(errorRows(db)).isZero();
        }
    }

    @Test
    void aColumnPostgresLacksFailsTheRowsAndNamesTheTablesColumns() {
        String table = customers();
        try (LaminarDB db = memory(1)) {
            db.execute("CREATE TABLE customers (id BIGINT, nickname VARCHAR, PRIMARY KEY (id)) WITH ("
                    + options(table, "") + ")");
            db.execute("CREATE SOURCE orders (id BIGINT NOT NULL, customer BIGINT)");
            db.execute("CREATE MATERIALIZED VIEW enriched AS SELECT o.id, c.nickname FROM orders o JOIN customers c"
                    + " ON o.customer = c.id");
            db.start();
            db.source("orders").push(1L, 1L);
            await(() -> db.connectors().get("customers").metrics().lastError().isPresent());
            assertThat(db.connectors().get("customers").metrics().lastError().orElseThrow())
                    .contains("has no column nickname")
                    .contains("its columns are id, name, tier, credit, score, vip, since, born");
            await(() -> errorRows(db) == 1);
            assertThat(rows(db, "SELECT * FROM enriched")).isEmpty();
        }
    }

    @Test
    void optionsAreCheckedWhenTheTableIsCreated() {
        try (LaminarDB db = memory(1)) {
            assertThatThrownBy(() -> db.execute("CREATE TABLE t (id BIGINT, PRIMARY KEY (id)) WITH (connector ="
                            + " 'postgres', 'lookup.cache.tll' = '5s')"))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("missing required option 'url'")
                    .hasMessageContaining("unknown option 'lookup.cache.tll'");
            assertThatThrownBy(() -> db.execute("CREATE TABLE t (id BIGINT, PRIMARY KEY (id)) WITH (connector ="
                            + " 'postgres', url = 'jdbc:mysql://localhost/shop')"))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("not a PostgreSQL JDBC URL");
            assertThatThrownBy(() -> db.execute("CREATE TABLE t (id BIGINT, PRIMARY KEY (id)) WITH (connector ="
                            + " 'postgres', url = 'jdbc:postgresql://localhost/shop', 'lookup.cache.ttl' = 'soon')"))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("option 'lookup.cache.ttl' = 'soon' is not valid");
            assertThatThrownBy(() -> db.execute("CREATE TABLE t (id BIGINT, PRIMARY KEY (id)) WITH (format = 'json')"))
                    .isInstanceOf(SqlValidationException.class)
                    .hasMessageContaining("WITH (connector = 'postgres', ...)");
            assertThat(db.tables()).isEmpty();
        }
    }

    @Test
    void aConnectorBackedTableIsOnlyLookedUpAndItsPasswordIsMasked() {
        String table = customers();
        try (LaminarDB db = memory(1)) {
            db.execute("CREATE TABLE customers (" + COLUMNS + ") WITH ("
                    + options(table, ", password = 'hunter2', 'lookup.cache.ttl' = '30s'") + ")");
            db.execute("CREATE SOURCE orders (id BIGINT NOT NULL, customer BIGINT)");
            TableInfo info = db.tables().get(0);
            assertThat(info.connector()).isEqualTo("postgres");
            assertThat(info.sql()).doesNotContain("hunter2").contains("******");
            assertThatThrownBy(() -> db.execute("INSERT INTO customers (id, name) VALUES (5, 'Di')"))
                    .isInstanceOf(SqlValidationException.class)
                    .hasMessageContaining("backed by connector 'postgres'")
                    .hasMessageContaining("change them there");
            assertThatThrownBy(() -> db.execute("DELETE FROM customers WHERE id = 1"))
                    .isInstanceOf(SqlValidationException.class)
                    .hasMessageContaining("backed by connector 'postgres'");
            assertThatThrownBy(() -> db.query("SELECT * FROM customers"))
                    .isInstanceOf(SqlValidationException.class)
                    .hasMessageContaining("db.query does not read it");
            assertThatThrownBy(() -> db.execute("CREATE STREAM everyone AS SELECT * FROM customers"))
                    .isInstanceOf(SqlValidationException.class)
                    .hasMessageContaining("looked up by key, never read as a whole");
            assertThatThrownBy(() -> db.execute("CREATE STREAM s AS SELECT o.id, c.name FROM orders o"
                            + " RIGHT JOIN customers c ON o.customer = c.id"))
                    .isInstanceOf(SqlValidationException.class)
                    .hasMessageContaining("looked up by key");
            String plan = String.join(
                    "\n", rows(db, "EXPLAIN SELECT o.id, c.name FROM orders o JOIN customers c ON o.customer = c.id"));
            assertThat(plan).contains("LookupJoin").contains("cache of postgres's rows for PT30S");
            assertThat(db.streams()).isEmpty();
        }
    }

    @Test
    void lookupsFromTwoEngineThreadsFeedAnAggregateByTier() {
        String table = "tiers_" + TABLES.incrementAndGet();
        StringBuilder insert = new StringBuilder("INSERT INTO " + table + " VALUES ");
        String[] tiers = {"gold", "silver", "bronze"};
        for (int id = 0; id < 50; id++) {
            insert.append(id == 0 ? "" : ", ")
                    .append("(")
                    .append(id)
                    .append(", '")
                    .append(tiers[id % 3])
                    .append("')");
        }
        postgres.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, tier TEXT NOT NULL)", insert.toString());
        try (LaminarDB db = memory(2)) {
            db.execute("CREATE TABLE customers (id BIGINT, tier VARCHAR NOT NULL, PRIMARY KEY (id)) WITH ("
                    + options(table, ", 'lookup.cache.ttl' = '1m'") + ")");
            db.execute("CREATE SOURCE orders (id BIGINT NOT NULL, customer BIGINT, amount BIGINT)");
            db.execute("CREATE MATERIALIZED VIEW by_tier AS SELECT c.tier, COUNT(*) AS n, SUM(o.amount) AS total"
                    + " FROM orders o JOIN customers c ON o.customer = c.id GROUP BY c.tier");
            db.start();
            Map<String, long[]> expected = new TreeMap<>();
            for (long id = 0; id < 5_000; id++) {
                long customer = (id * 7) % 60; // 50..59 have no row
                db.source("orders").push(id, customer, id);
                if (customer < 50) {
                    long[] sums = expected.computeIfAbsent(tiers[(int) (customer % 3)], t -> new long[2]);
                    sums[0]++;
                    sums[1] += id;
                }
            }
            List<String> want = new ArrayList<>();
            expected.forEach((tier, sums) -> want.add(tier + "|" + sums[0] + "|" + sums[1]));
            await(() ->
                    rows(db, "SELECT tier, n, total FROM by_tier ORDER BY tier").equals(want));
            ConnectorStatus status = db.connectors().get("customers");
            // 60 keys (10 without a row), each asked at most once per engine thread that looks up: the cache answers
            // the other 4,940 orders.
            assertThat(status.metrics().records()).isLessThanOrEqualTo(60 * 2);
        }
    }

    @Test
    void aDurableDatabaseCarriesTheJoinedRowsOverARestartAndLooksUpAfresh(@TempDir Path dir) {
        String table = customers();
        List<String> schema = List.of(
                "CREATE TABLE customers (" + COLUMNS + ") WITH (" + options(table, ", 'lookup.cache.ttl' = '1h'") + ")",
                "CREATE SOURCE orders (id BIGINT NOT NULL, customer BIGINT)",
                "CREATE MATERIALIZED VIEW enriched AS SELECT o.id, c.tier FROM orders o JOIN customers c"
                        + " ON o.customer = c.id");
        LaminarConfig config = LaminarConfig.builder()
                .dataDir(dir)
                .walMode(WalMode.SYNC)
                .cores(1)
                .build();
        try (LaminarDB db = LaminarDB.open(config)) {
            schema.forEach(db::execute);
            db.start();
            db.source("orders").push(1L, 1L);
            await(() -> rows(db, "SELECT * FROM enriched").size() == 1);
        }
        postgres.execute("UPDATE " + table + " SET tier = 'platinum' WHERE id = 1");
        try (LaminarDB db = LaminarDB.open(config)) {
            schema.forEach(db::execute);
            db.start();
            db.source("orders").push(2L, 1L);
            await(() -> rows(db, "SELECT * FROM enriched").size() == 2);
            // The row joined before the restart is state; the cache is not, so the new row reads PostgreSQL.
            assertThat(rows(db, "SELECT * FROM enriched ORDER BY id")).containsExactly("1|gold", "2|platinum");
        }
    }

    /** The rows the (only) query skipped because it failed on them: SHOW QUERIES' error_rows. */
    private static long errorRows(LaminarDB db) {
        return (Long) db.execute("SHOW QUERIES").rows().get(0).get("error_rows");
    }

    static List<String> rows(LaminarDB db, String sql) {
        List<Row> rows = sql.startsWith("SHOW") || sql.startsWith("EXPLAIN")
                ? db.execute(sql).rows()
                : db.query(sql).rows();
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                s.append(i == 0 ? "" : "|").append(r.get(i));
            }
            out.add(s.toString());
        }
        return out;
    }

    static void await(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 45 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
