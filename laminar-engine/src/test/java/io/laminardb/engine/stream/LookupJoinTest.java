package io.laminardb.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.Topology;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lookup joins of a stream with a reference table, through SQL. */
class LookupJoinTest {

    private LaminarDB db;

    @BeforeEach
    void open() {
        db = LaminarDB.open(LaminarConfig.builder().cores(1).build());
        db.execute("CREATE SOURCE trades (symbol VARCHAR NOT NULL, venue VARCHAR, qty INT NOT NULL, price DOUBLE,"
                + " ts TIMESTAMP(3) NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '0' SECOND)");
        db.execute("CREATE TABLE instruments (symbol VARCHAR NOT NULL, name VARCHAR, lot INT, PRIMARY KEY (symbol))");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void trade(String symbol, int qty, double price, int second) {
        db.execute("INSERT INTO trades VALUES ('" + symbol + "', 'X', " + qty + ", " + price
                + ", TIMESTAMP '2024-01-01 00:00:" + String.format("%02d", second) + "')");
    }

    @Test
    void anInnerJoinAddsTheTableColumnsAndDropsRowsWithoutAMatch() {
        db.execute("INSERT INTO instruments VALUES ('AAPL', 'Apple', 100), ('MSFT', 'Microsoft', 50)");
        db.execute("CREATE STREAM enriched AS SELECT t.symbol, i.name, t.qty * i.lot AS shares"
                + " FROM trades t JOIN instruments i ON t.symbol = i.symbol");
        Subscription<Row> out = db.subscribe("enriched");
        db.start();

        trade("AAPL", 2, 10.0, 1);
        trade("NONE", 1, 1.0, 2);
        trade("MSFT", 3, 20.0, 3);

        assertThat(Rows.take(out, 2)).containsExactly("AAPL|Apple|200", "MSFT|Microsoft|150");
        Rows.none(out);
    }

    @Test
    void aLeftJoinEmitsRowsWithoutAMatchWithNulls() {
        db.execute("INSERT INTO instruments VALUES ('AAPL', 'Apple', 100)");
        db.execute("CREATE STREAM enriched AS SELECT t.symbol, t.qty, i.name, i.lot"
                + " FROM trades t LEFT JOIN instruments i ON t.symbol = i.symbol");
        Subscription<Row> out = db.subscribe("enriched");
        db.start();

        trade("AAPL", 2, 10.0, 1);
        trade("NONE", 1, 1.0, 2);

        assertThat(Rows.take(out, 2)).containsExactly("AAPL|2|Apple|100", "NONE|1|null|null");
    }

    @Test
    void aChangeOfTheTableChangesOnlyLaterRows() {
        db.execute("INSERT INTO instruments VALUES ('AAPL', 'Apple', 100)");
        // The inner join reads the source first: once the left join's row is out, the inner join has seen it too.
        db.execute("CREATE STREAM matched AS SELECT t.qty, i.lot FROM trades t JOIN instruments i"
                + " ON t.symbol = i.symbol");
        db.execute("CREATE STREAM enriched AS SELECT t.symbol, t.qty, i.name, i.lot"
                + " FROM trades t LEFT JOIN instruments i ON t.symbol = i.symbol");
        Subscription<Row> out = db.subscribe("enriched");
        Subscription<Row> inner = db.subscribe("matched");
        db.start();

        trade("AAPL", 1, 10.0, 1);
        assertThat(Rows.take(out, 1)).containsExactly("AAPL|1|Apple|100");
        db.execute("INSERT INTO instruments VALUES ('AAPL', 'Apple Inc.', 10)");
        trade("AAPL", 2, 10.0, 2);
        assertThat(Rows.take(out, 1)).containsExactly("AAPL|2|Apple Inc.|10");
        db.execute("DELETE FROM instruments WHERE symbol = 'AAPL'");
        trade("AAPL", 3, 10.0, 3);
        assertThat(Rows.take(out, 1)).containsExactly("AAPL|3|null|null");
        db.execute("INSERT INTO instruments VALUES ('AAPL', 'Back', 1)");
        trade("AAPL", 4, 10.0, 4);
        assertThat(Rows.take(out, 1)).containsExactly("AAPL|4|Back|1");

        assertThat(Rows.take(inner, 3))
                .as("the deleted key has no match in the inner join; earlier rows are not revised")
                .containsExactly("1|100", "2|10", "4|1");
        Rows.none(inner);
        Rows.none(out);
    }

    @Test
    void aCompositeKeyIsMatchedOnAllItsColumns() {
        db.execute("CREATE TABLE listings (venue VARCHAR NOT NULL, symbol VARCHAR NOT NULL, fee DOUBLE,"
                + " PRIMARY KEY (venue, symbol))");
        db.execute("INSERT INTO listings VALUES ('X', 'AAPL', 0.5), ('Y', 'AAPL', 0.7), ('X', 'MSFT', 0.1)");
        db.execute("CREATE STREAM fees AS SELECT t.symbol, t.venue, l.fee * t.qty AS fee"
                + " FROM trades t JOIN listings l ON l.symbol = t.symbol AND t.venue = l.venue");
        Subscription<Row> out = db.subscribe("fees");
        db.start();

        db.execute("INSERT INTO trades VALUES ('AAPL', 'Y', 10, 1.0, TIMESTAMP '2024-01-01 00:00:01'),"
                + " ('MSFT', 'Y', 10, 1.0, TIMESTAMP '2024-01-01 00:00:02'),"
                + " ('MSFT', 'X', 10, 1.0, TIMESTAMP '2024-01-01 00:00:03'),"
                + " ('AAPL', NULL, 10, 1.0, TIMESTAMP '2024-01-01 00:00:04')");

        assertThat(Rows.take(out, 2)).containsExactly("AAPL|Y|7.0", "MSFT|X|1.0");
        Rows.none(out);
    }

    @Test
    void otherConditionsInOnDecideTheMatchAndWhereFiltersTheJoinedRows() {
        db.execute("INSERT INTO instruments VALUES ('AAPL', 'Apple', 100), ('MSFT', 'Microsoft', 5)");
        db.execute("CREATE STREAM big_lots AS SELECT t.symbol, t.qty, i.name"
                + " FROM trades t LEFT JOIN instruments i ON t.symbol = i.symbol AND i.lot >= 10"
                + " WHERE t.qty > 1");
        db.execute("CREATE STREAM cheap AS SELECT t.symbol, UPPER(i.name) AS name, t.price + i.lot AS score"
                + " FROM trades t JOIN instruments i ON t.symbol = i.symbol AND t.price < 50"
                + " WHERE i.name LIKE 'M%' OR t.qty = 1");
        Subscription<Row> left = db.subscribe("big_lots");
        Subscription<Row> inner = db.subscribe("cheap");
        db.start();

        trade("AAPL", 2, 10.0, 1);
        trade("MSFT", 2, 10.0, 2);
        trade("MSFT", 1, 99.0, 3);
        trade("AAPL", 1, 20.0, 4);

        assertThat(Rows.take(left, 2))
                .as("a failed ON condition leaves the row unmatched; WHERE drops rows")
                .containsExactly("AAPL|2|Apple", "MSFT|2|null");
        assertThat(Rows.take(inner, 2)).containsExactly("MSFT|MICROSOFT|15.0", "AAPL|APPLE|120.0");
        Rows.none(left);
        Rows.none(inner);
    }

    @Test
    void aKeyComputedFromTheStreamAndOfAnotherTypeIsLookedUp() {
        db.execute("CREATE TABLE lots (id BIGINT NOT NULL, label VARCHAR, PRIMARY KEY (id))");
        db.execute("INSERT INTO lots VALUES (2, 'two'), (4, 'four')");
        db.execute("CREATE STREAM labelled AS SELECT t.qty, l.label FROM trades t JOIN lots l ON l.id = t.qty * 2");
        Subscription<Row> out = db.subscribe("labelled");
        db.start();

        trade("A", 1, 1.0, 1);
        trade("A", 3, 1.0, 2);
        trade("A", 2, 1.0, 3);

        assertThat(Rows.take(out, 2)).containsExactly("1|two", "2|four");
    }

    @Test
    void aWiderStreamValueIsComparedWithANarrowerKey() {
        db.execute("CREATE SOURCE big (id BIGINT NOT NULL)");
        db.execute("CREATE TABLE small (id INT NOT NULL, label VARCHAR, PRIMARY KEY (id))");
        db.execute("INSERT INTO small VALUES (7, 'seven')");
        db.execute("CREATE STREAM labelled AS SELECT b.id, s.label FROM big b LEFT JOIN small s ON b.id = s.id");
        Subscription<Row> out = db.subscribe("labelled");
        db.start();

        db.execute("INSERT INTO big VALUES (7), (8)");

        assertThat(Rows.take(out, 2)).containsExactly("7|seven", "8|null");
    }

    @Test
    void aJoinedStreamFeedsAWindowedAggregate() {
        db.execute("INSERT INTO instruments VALUES ('AAPL', 'Apple', 100), ('MSFT', 'Microsoft', 50)");
        db.execute("CREATE STREAM volume AS SELECT i.name, window_start, SUM(t.qty * i.lot) AS shares"
                + " FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '10' SECOND)) t"
                + " JOIN instruments i ON t.symbol = i.symbol"
                + " GROUP BY i.name, window_start, window_end");
        db.execute("CREATE STREAM joined AS SELECT t.ts, i.name FROM trades t JOIN instruments i"
                + " ON t.symbol = i.symbol");
        db.execute("CREATE STREAM per_minute AS SELECT name, window_start, COUNT(*) AS n"
                + " FROM TABLE(TUMBLE(TABLE joined, DESCRIPTOR(ts), INTERVAL '10' SECOND))"
                + " GROUP BY name, window_start, window_end");
        Subscription<Row> out = db.subscribe("volume");
        Subscription<Row> counts = db.subscribe("per_minute");
        db.start();

        trade("AAPL", 1, 1.0, 1);
        trade("MSFT", 2, 1.0, 2);
        trade("AAPL", 3, 1.0, 5);
        trade("NONE", 3, 1.0, 6);
        trade("AAPL", 1, 1.0, 12); // closes the first window

        assertThat(Rows.take(out, 2))
                .containsExactlyInAnyOrder("Apple|2024-01-01T00:00:00Z|400", "Microsoft|2024-01-01T00:00:00Z|100");
        assertThat(Rows.take(counts, 2))
                .containsExactlyInAnyOrder("Apple|2024-01-01T00:00:00Z|2", "Microsoft|2024-01-01T00:00:00Z|1");
    }

    @Test
    void explainShowsTheLookupJoinWithItsKey() {
        String plan = db
                .execute("EXPLAIN SELECT t.symbol, i.name FROM trades t LEFT JOIN instruments i"
                        + " ON t.symbol = i.symbol AND i.lot > 1")
                .rows()
                .stream()
                .map(r -> r.getString("operator").strip() + " " + r.getString("details"))
                .reduce("", (a, b) -> a + b + "\n");
        assertThat(plan)
                .contains("LookupJoin LEFT table=instruments, key=[symbol=symbol], table rows where >($2, 1)")
                .contains("Scan trades")
                .doesNotContain("Scan instruments");
    }

    @Test
    void theTableNamesTheJoinAsAReaderAndCascadeDropsIt() {
        db.execute("CREATE STREAM enriched AS SELECT t.symbol, i.name FROM trades t JOIN instruments i"
                + " ON t.symbol = i.symbol");

        assertThat(db.topology().edges())
                .contains(new Topology.Edge("trades", "enriched"), new Topology.Edge("instruments", "enriched"));
        Row query = db.execute("SHOW QUERIES").rows().get(0);
        assertThat(query.getString("input")).isEqualTo("trades, instruments");

        assertThatThrownBy(() -> db.execute("DROP TABLE instruments"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("stream 'enriched' reads from it");
        assertThatThrownBy(() -> db.execute(
                        "CREATE OR REPLACE TABLE instruments (symbol VARCHAR NOT NULL," + " PRIMARY KEY (symbol))"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("enriched");
        db.execute("DROP TABLE instruments CASCADE");
        assertThat(db.streams()).isEmpty();
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void anEqualityNotCoveringTheWholeKeyIsRefused() {
        db.execute("CREATE TABLE listings (venue VARCHAR NOT NULL, symbol VARCHAR NOT NULL, fee DOUBLE,"
                + " PRIMARY KEY (venue, symbol))");
        assertThatThrownBy(() -> db.execute("CREATE STREAM j AS SELECT t.symbol, l.fee FROM trades t"
                        + " JOIN listings l ON t.symbol = l.symbol"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("primary key [venue, symbol]")
                .hasMessageContaining("leaves out [venue]");
        assertThatThrownBy(() -> db.execute("CREATE STREAM j AS SELECT t.symbol, i.name FROM trades t"
                        + " JOIN instruments i ON t.venue = i.name"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("leaves out [symbol]");
        assertThatThrownBy(() -> db.execute("CREATE STREAM j AS SELECT t.symbol, i.name FROM trades t"
                        + " JOIN instruments i ON t.symbol <> i.symbol"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("leaves out [symbol]");
    }

    @Test
    void otherJoinsOfATableAreJoinsOfTwoInputs() {
        db.execute("CREATE STREAM counts AS SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol");
        List<String> joins = List.of(
                "SELECT t.symbol, i.name FROM trades t RIGHT JOIN instruments i ON t.symbol = i.symbol",
                "SELECT t.symbol, i.name FROM trades t FULL JOIN instruments i ON t.symbol = i.symbol",
                "SELECT t.symbol, i.name FROM instruments i JOIN trades t ON t.symbol = i.symbol",
                "SELECT c.symbol, c.n, i.name FROM counts c JOIN instruments i ON c.symbol = i.symbol");
        for (String join : joins) {
            String plan = db.execute("EXPLAIN " + join).rows().stream()
                    .map(r -> r.getString("operator").strip())
                    .reduce("", (a, b) -> a + b + "\n");
            assertThat(plan).as(join).contains("StreamJoin").doesNotContain("LookupJoin");
        }
    }

    @Test
    void aFilteredSubqueryOverTheTableLooksUpOnlyItsRows() {
        db.execute("INSERT INTO instruments VALUES ('AAPL', 'Apple', 100), ('MSFT', 'Microsoft', 1)");
        db.execute("CREATE STREAM j AS SELECT t.symbol, i.name FROM trades t"
                + " JOIN (SELECT symbol, name FROM instruments WHERE lot > 1) i ON t.symbol = i.symbol");
        Subscription<Row> out = db.subscribe("j");
        db.start();

        trade("MSFT", 1, 1.0, 1);
        trade("AAPL", 1, 1.0, 2);

        assertThat(Rows.take(out, 1)).containsExactly("AAPL|Apple");
        Rows.none(out);
    }
}
