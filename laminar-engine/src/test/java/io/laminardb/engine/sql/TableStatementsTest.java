package io.laminardb.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.ExecuteResult;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.SourceNotFoundException;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.TableInfo;
import io.laminardb.engine.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TableStatementsTest {

    private static final String ACCOUNTS =
            "CREATE TABLE accounts (id BIGINT, region VARCHAR, amount DOUBLE NOT NULL, PRIMARY KEY (id))";

    private LaminarDB db;

    @BeforeEach
    void open() {
        db = LaminarDB.open(LaminarConfig.builder().cores(1).build());
        db.execute(ACCOUNTS);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void insertUpsertsByPrimaryKeyAndCountsTheRowsItChanged() {
        ExecuteResult first = db.execute("INSERT INTO accounts VALUES (1, 'eu', 10.0), (2, 'us', 20.0)");
        ExecuteResult second =
                db.execute("INSERT INTO accounts VALUES (1, 'eu', 15.0), (2, 'us', 20.0), (3, 'eu', 1.0)");

        assertThat(first.kind()).isEqualTo(ExecuteResult.Kind.DML);
        assertThat(first.rowsAffected()).isEqualTo(2);
        assertThat(second.rowsAffected())
                .as("one update, one unchanged row, one insert")
                .isEqualTo(2);
        assertThat(rows("SELECT id, region, amount FROM accounts ORDER BY id"))
                .containsExactly("1 eu 15.0", "2 us 20.0", "3 eu 1.0");
    }

    @Test
    void deleteRemovesTheRowsItsConditionMatchesAndWithoutWhereRemovesAll() {
        db.execute("INSERT INTO accounts VALUES (1, 'eu', 10.0), (2, 'us', 20.0), (3, 'eu', 30.0)");

        assertThat(db.execute("DELETE FROM accounts WHERE region = 'eu' AND amount > 15")
                        .rowsAffected())
                .isEqualTo(1);
        assertThat(rows("SELECT id FROM accounts ORDER BY id")).containsExactly("1", "2");
        assertThat(db.execute("DELETE FROM accounts WHERE id = 42").rowsAffected())
                .isZero();
        assertThat(db.execute("DELETE FROM accounts").rowsAffected()).isEqualTo(2);
        assertThat(db.query("SELECT * FROM accounts").rows()).isEmpty();
    }

    @Test
    void subscribeChangesSeesInsertsUpdatesAndDeletesInStatementOrder() throws Exception {
        db.start();
        Subscription<ChangeEvent<Row>> changes = db.subscribeChanges("accounts", Row.class);
        db.execute("INSERT INTO accounts VALUES (1, 'eu', 10.0)");
        db.execute("INSERT INTO accounts VALUES (1, 'eu', 10.0)");
        db.execute("INSERT INTO accounts VALUES (1, 'us', 12.0)");
        db.execute("DELETE FROM accounts WHERE id = 1");

        assertThat(take(changes, 4))
                .containsExactly(
                        "INSERT 1 eu 10.0", "UPDATE_BEFORE 1 eu 10.0", "UPDATE_AFTER 1 us 12.0", "DELETE 1 us 12.0");
        assertThat(changes.poll(Duration.ofMillis(100)))
                .as("an identical row changes nothing")
                .isNull();
    }

    @Test
    void aListenerAddedLaterStartsFromTheCurrentRowsThenGetsTheChanges() throws Exception {
        db.start();
        db.execute("INSERT INTO accounts VALUES (1, 'eu', 10.0), (2, 'us', 20.0)");
        db.execute("INSERT INTO accounts VALUES (2, 'us', 25.0)");
        Subscription<ChangeEvent<Row>> changes = db.subscribeChanges("accounts", Row.class);
        Subscription<Row> rows = db.subscribe("accounts");
        db.execute("INSERT INTO accounts VALUES (1, 'eu', 11.0)");

        assertThat(take(changes, 4))
                .containsExactly(
                        "INSERT 1 eu 10.0", "INSERT 2 us 25.0", "UPDATE_BEFORE 1 eu 10.0", "UPDATE_AFTER 1 eu 11.0");
        List<String> plain = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            plain.add(render(rows.poll(Duration.ofSeconds(5))));
        }
        assertThat(plain)
                .as("a plain subscription gets the new rows only")
                .containsExactly("1 eu 10.0", "2 us 25.0", "1 eu 11.0");
    }

    @Test
    void showTablesDescribeAndTheCatalogApiDescribeTheTable() {
        db.execute("INSERT INTO accounts VALUES (1, 'eu', 10.0)");

        Row shown = db.execute("SHOW TABLES").rows().get(0);
        assertThat(shown.toMap())
                .containsEntry("name", "accounts")
                .containsEntry("primary_key", "id")
                .containsEntry("rows", 1L);
        assertThat(shown.getString("sql")).contains("PRIMARY KEY");
        assertThat(db.execute("DESCRIBE accounts").rows().stream()
                        .map(r -> r.getString("name") + " " + r.getString("type") + " " + r.getBoolean("nullable")))
                .containsExactly("id BIGINT false", "region VARCHAR true", "amount DOUBLE false");
        TableInfo info = db.tables().get(0);
        assertThat(info.name()).isEqualTo("accounts");
        assertThat(info.primaryKey()).containsExactly("id");
        assertThat(info.rows()).isEqualTo(1);
        assertThat(info.schema().getFields()).hasSize(3);
    }

    @Test
    void aCompositeKeyIdentifiesRowsByAllItsColumns() {
        db.execute("CREATE TABLE prices (venue VARCHAR, symbol VARCHAR, px DOUBLE, PRIMARY KEY (venue, symbol))");
        db.execute("INSERT INTO prices VALUES ('x', 'A', 1.0), ('y', 'A', 2.0), ('x', 'A', 3.0)");

        assertThat(rows("SELECT venue, symbol, px FROM prices ORDER BY venue")).containsExactly("x A 3.0", "y A 2.0");
        assertThat(db.tables().stream()
                        .filter(t -> t.name().equals("prices"))
                        .findFirst()
                        .orElseThrow()
                        .primaryKey())
                .containsExactly("venue", "symbol");
    }

    @Test
    void oneShotQueriesJoinTablesAndViews() {
        db.execute("CREATE TABLE regions (region VARCHAR, label VARCHAR, PRIMARY KEY (region))");
        db.execute(
                "CREATE MATERIALIZED VIEW totals AS SELECT region, SUM(amount) AS total FROM accounts GROUP BY region");
        db.start();
        db.execute("INSERT INTO regions VALUES ('eu', 'Europe'), ('us', 'Americas')");
        db.execute("INSERT INTO accounts VALUES (1, 'eu', 10.0), (2, 'eu', 5.0), (3, 'us', 7.0)");

        assertThat(rows("SELECT r.label, COUNT(*) FROM accounts a JOIN regions r ON a.region = r.region"
                        + " GROUP BY r.label ORDER BY r.label"))
                .containsExactly("Americas 1", "Europe 2");
        awaitRows(
                "SELECT r.label, t.total FROM totals t JOIN regions r ON t.region = r.region ORDER BY r.label",
                List.of("Americas 7.0", "Europe 15.0"));
    }

    @Test
    void aTableSharesTheNamespaceOfSourcesStreamsAndViews() {
        db.execute("CREATE SOURCE trades (symbol VARCHAR, qty BIGINT)");

        assertThatThrownBy(() -> db.execute("CREATE TABLE trades (symbol VARCHAR, PRIMARY KEY (symbol))"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("taken by a source");
        assertThatThrownBy(() -> db.execute("CREATE SOURCE accounts (id BIGINT)"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("taken by a table");
        assertThatThrownBy(() -> db.execute("CREATE STREAM accounts AS SELECT * FROM trades"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("taken by a table");
    }

    @Test
    void createIsKeptWhenIdenticalRefusedWhenDifferentAndReplacedOnRequest() {
        db.execute("INSERT INTO accounts VALUES (1, 'eu', 10.0)");
        db.execute(ACCOUNTS);
        assertThat(db.tables().get(0).rows())
                .as("the same definition keeps the table and its rows")
                .isEqualTo(1);

        String other = "TABLE accounts (id BIGINT, amount DOUBLE, PRIMARY KEY (id))";
        assertThatThrownBy(() -> db.execute("CREATE " + other))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("CREATE OR REPLACE TABLE");
        db.execute("CREATE TABLE IF NOT EXISTS " + other.substring("TABLE ".length()));
        assertThat(db.tables().get(0).schema().getFields()).hasSize(3);
        db.execute("CREATE OR REPLACE " + other);
        assertThat(db.tables().get(0).schema().getFields()).hasSize(2);
        assertThat(db.tables().get(0).rows()).isZero();
    }

    @Test
    void dropIsRefusedWhileAQueryReadsTheTableUnlessCascade() {
        db.execute(
                "CREATE MATERIALIZED VIEW totals AS SELECT region, SUM(amount) AS total FROM accounts GROUP BY region");

        assertThatThrownBy(() -> db.execute("DROP TABLE accounts"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("materialized view 'totals' reads from it")
                .hasMessageContaining("DROP TABLE accounts CASCADE");
        db.execute("DROP TABLE accounts CASCADE");
        assertThat(db.tables()).isEmpty();
        assertThat(db.materializedViews()).isEmpty();
        db.execute("DROP TABLE IF EXISTS accounts");
        assertThatThrownBy(() -> db.execute("DROP TABLE accounts")).isInstanceOf(SourceNotFoundException.class);
    }

    @Test
    void topologyShowsTablesAndTheQueriesReadingThem() {
        db.execute("CREATE STREAM big AS SELECT id, amount FROM accounts WHERE amount > 100");

        Topology topology = db.topology();
        assertThat(topology.nodes()).contains(new Topology.Node(Topology.NodeType.TABLE, "accounts"));
        assertThat(topology.edges()).contains(new Topology.Edge("accounts", "big"));
    }

    @Test
    void aTableWithoutPrimaryKeyIsRefusedWithTheFix() {
        assertThatThrownBy(() -> db.execute("CREATE TABLE t (a BIGINT, b VARCHAR)"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("needs a PRIMARY KEY")
                .hasMessageContaining("PRIMARY KEY (a)");
    }

    @Test
    void rowsAreCheckedAgainstTheColumnsAsSourceInsertsAre() {
        assertThatThrownBy(() -> db.execute("INSERT INTO accounts VALUES (NULL, 'eu', 1.0)"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("'id' is NOT NULL");
        assertThatThrownBy(() -> db.execute("INSERT INTO accounts VALUES (1, 'eu', 'lots')"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("amount");
        assertThatThrownBy(() -> db.execute("INSERT INTO accounts VALUES (1, 'eu', 1.0), (2, 'us', NULL)"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("'amount' is NOT NULL");
        assertThat(db.tables().get(0).rows())
                .as("no row of a refused statement is kept")
                .isZero();
    }

    @Test
    void deleteWithAnUnknownColumnIsRefusedWithTheValidationMessage() {
        assertThatThrownBy(() -> db.execute("DELETE FROM accounts WHERE nope = 1"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("DELETE FROM accounts")
                .hasMessageContaining("line 1, column 28")
                .hasMessageContaining("Column 'nope' not found in any table");
        db.execute("CREATE SOURCE trades (symbol VARCHAR)");
        assertThatThrownBy(() -> db.execute("DELETE FROM trades"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("not one");
    }

    private List<String> rows(String sql) {
        return db.query(sql).rows().stream().map(TableStatementsTest::render).toList();
    }

    private void awaitRows(String sql, List<String> expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> rows = rows(sql);
        while (!rows.equals(expected) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            rows = rows(sql);
        }
        assertThat(rows).isEqualTo(expected);
    }

    private static List<String> take(Subscription<ChangeEvent<Row>> changes, int n) throws InterruptedException {
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ChangeEvent<Row> change = changes.poll(Duration.ofSeconds(5));
            assertThat(change).as("change %d of %d", i + 1, n).isNotNull();
            taken.add(change.op() + " " + render(change.value()));
        }
        return taken;
    }

    static String render(Row row) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            values.add(String.valueOf(row.get(i)));
        }
        return String.join(" ", values);
    }
}
