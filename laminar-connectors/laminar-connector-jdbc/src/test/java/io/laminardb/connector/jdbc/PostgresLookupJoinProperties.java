package io.laminardb.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Lookup joins against PostgreSQL give what the same join computed directly over the rows gives: random customers in
 * PostgreSQL, random orders pushed, with and without a cache, on one or two engine threads.
 */
class PostgresLookupJoinProperties {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final List<String> TIERS = List.of("gold", "silver", "bronze");

    @Property(tries = 12)
    void aLookupJoinGivesTheJoinComputedDirectly(
            @ForAll("customers") Map<Long, String> customers,
            @ForAll("orders") List<Long> orders,
            @ForAll boolean cached,
            @ForAll @IntRange(min = 1, max = 2) int cores) {
        PostgresServer postgres = PostgresServer.shared();
        String table = "prop_customers_" + TABLES.incrementAndGet();
        List<String> statements = new ArrayList<>();
        statements.add("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, tier TEXT)");
        // A last order that matches in both views tells when each has taken every order (a query takes them in order).
        statements.add("INSERT INTO " + table + " VALUES (99, 'sentinel')");
        customers.forEach((id, tier) -> statements.add(
                "INSERT INTO " + table + " VALUES (" + id + ", " + (tier == null ? "NULL" : "'" + tier + "'") + ")"));
        postgres.execute(statements.toArray(String[]::new));

        List<String> left = new ArrayList<>();
        List<String> inner = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            Long customer = orders.get(i);
            boolean found = customer != null && customers.containsKey(customer);
            String tier = found ? customers.get(customer) : null;
            // ON o.customer = c.id AND c.tier <> 'bronze': a row whose tier is bronze or NULL does not match.
            boolean matches = found && tier != null && !tier.equals("bronze");
            left.add(i + "|" + (matches ? tier : "null"));
            if (matches) {
                inner.add(i + "|" + tier);
            }
        }

        try (LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(cores).build())) {
            db.execute("CREATE TABLE customers (id BIGINT, tier VARCHAR, PRIMARY KEY (id)) WITH (connector ="
                    + " 'postgres', url = '" + postgres.url() + "', username = 'postgres', table_name = '" + table
                    + "', 'lookup.cache.ttl' = '" + (cached ? "1h" : "0s") + "')");
            db.execute("CREATE SOURCE orders (id BIGINT NOT NULL, customer BIGINT)");
            db.execute("CREATE MATERIALIZED VIEW lefts AS SELECT o.id, c.tier FROM orders o LEFT JOIN customers c"
                    + " ON o.customer = c.id AND c.tier <> 'bronze'");
            db.execute("CREATE MATERIALIZED VIEW inners AS SELECT o.id, c.tier FROM orders o JOIN customers c"
                    + " ON o.customer = c.id AND c.tier <> 'bronze'");
            db.start();
            for (int i = 0; i < orders.size(); i++) {
                db.source("orders").push((long) i, orders.get(i));
            }
            db.source("orders").push(999L, 99L);
            for (String view : List.of("lefts", "inners")) {
                PostgresLookupJoinTest.await(
                        () -> PostgresLookupJoinTest.rows(db, "SELECT * FROM " + view + " WHERE id = 999")
                                .equals(List.of("999|sentinel")));
            }
            assertThat(PostgresLookupJoinTest.rows(db, "SELECT * FROM lefts WHERE id < 999 ORDER BY id"))
                    .isEqualTo(left);
            assertThat(PostgresLookupJoinTest.rows(db, "SELECT * FROM inners WHERE id < 999 ORDER BY id"))
                    .isEqualTo(inner);
        }
    }

    @Provide
    Arbitrary<Map<Long, String>> customers() {
        return Arbitraries.maps(
                        Arbitraries.longs().between(0, 30),
                        Arbitraries.of(TIERS).injectNull(0.15))
                .ofMaxSize(25);
    }

    @Provide
    Arbitrary<List<Long>> orders() {
        return Arbitraries.longs().between(0, 35).injectNull(0.1).list().ofMaxSize(60);
    }
}
