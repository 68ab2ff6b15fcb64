package io.laminardb.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.SourceNotFoundException;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.Topology;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueryCatalogTest {

    private static final String COUNTS = "CREATE STREAM counts AS SELECT symbol, window_end, COUNT(*) AS n"
            + " FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
            + " GROUP BY symbol, window_start, window_end";

    private LaminarDB db;

    @BeforeEach
    void open() {
        db = LaminarDB.inMemory();
        db.execute("CREATE SOURCE trades (symbol VARCHAR, price DOUBLE NOT NULL, qty BIGINT NOT NULL, ts TIMESTAMP(3),"
                + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void showListsStreamsViewsAndQueries() {
        db.execute(COUNTS);
        db.execute("CREATE MATERIALIZED VIEW totals AS SELECT symbol, SUM(qty) AS q FROM trades GROUP BY symbol");

        List<Row> streams = db.execute("SHOW STREAMS").rows();
        assertThat(streams).hasSize(1);
        assertThat(streams.get(0).toMap())
                .containsEntry("name", "counts")
                .containsEntry("input", "trades")
                .containsEntry("emit", "EMIT ON WINDOW CLOSE")
                .containsEntry("changelog", false);
        assertThat(db.execute("SHOW MATERIALIZED VIEWS").rows().get(0).toMap())
                .containsEntry("name", "totals")
                .containsEntry("emit", "EMIT CHANGES");
        assertThat(db.execute("SHOW QUERIES").rows().stream().map(r -> r.getString("name") + " " + r.getString("kind")))
                .containsExactly("counts stream", "totals materialized view");
    }

    @Test
    void dropIsRefusedWhileSomethingReadsAndNamesTheReaders() {
        db.execute(COUNTS);
        db.execute("CREATE STREAM busy AS SELECT symbol FROM counts WHERE n > 10");

        assertThatThrownBy(() -> db.execute("DROP SOURCE trades"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("stream 'counts' reads from it")
                .hasMessageContaining("DROP SOURCE trades CASCADE");
        assertThatThrownBy(() -> db.execute("DROP STREAM counts"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("stream 'busy'");
    }

    @Test
    void cascadeDropsTheReadersFirstAndEndsTheirSubscriptions() {
        db.execute(COUNTS);
        db.execute("CREATE STREAM busy AS SELECT symbol FROM counts WHERE n > 10");
        Subscription<Row> out = db.subscribe("busy");

        db.execute("DROP SOURCE trades CASCADE");

        assertThat(db.execute("SHOW STREAMS").rows()).isEmpty();
        assertThat(db.execute("SHOW SOURCES").rows()).isEmpty();
        assertThat(out.poll(Duration.ofMillis(100))).isNull();
        assertThat(out.stream()).isEmpty(); // ended
    }

    @Test
    void dropStreamIfExistsAndUnknownNames() {
        assertThat(db.execute("DROP STREAM IF EXISTS nothing").ddlType()).contains("DROP STREAM");
        assertThatThrownBy(() -> db.execute("DROP STREAM nothing"))
                .isInstanceOf(SourceNotFoundException.class)
                .hasMessageContaining("nothing");
        db.execute(COUNTS);
        assertThatThrownBy(() -> db.execute("DROP MATERIALIZED VIEW counts"))
                .isInstanceOf(SourceNotFoundException.class);
        db.execute("DROP STREAM counts");
        assertThat(db.execute("SHOW STREAMS").rows()).isEmpty();
    }

    @Test
    void theSameStatementTwiceIsANoOpAndAnotherQueryNeedsOrReplace() {
        db.execute(COUNTS);
        db.execute(COUNTS);
        assertThatThrownBy(() -> db.execute("CREATE STREAM counts AS SELECT symbol FROM trades"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("CREATE OR REPLACE STREAM");
        db.execute("CREATE STREAM IF NOT EXISTS counts AS SELECT symbol FROM trades");
        assertThat(db.execute("DESCRIBE counts").rows()).hasSize(3);

        db.execute("CREATE OR REPLACE STREAM counts AS SELECT symbol FROM trades");
        assertThat(db.execute("DESCRIBE counts").rows()).hasSize(1);
    }

    @Test
    void sourcesStreamsAndViewsShareOneNamespace() {
        assertThatThrownBy(() -> db.execute("CREATE STREAM trades AS SELECT symbol FROM trades"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("taken by a source");
        db.execute(COUNTS);
        assertThatThrownBy(() -> db.execute("CREATE SOURCE counts (a INT)"))
                .isInstanceOf(SqlValidationException.class)
                .hasMessageContaining("taken by a stream");
    }

    @Test
    void explainPrintsTheOperatorsWithStateAndEmitMode() {
        List<String> plan = db
                .execute("EXPLAIN SELECT symbol, window_end, COUNT(*) AS n, MAX(price) AS hi"
                        + " FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                        + " WHERE qty > 10 GROUP BY symbol, window_start, window_end")
                .rows()
                .stream()
                .map(r -> r.getString("operator").strip() + " | " + r.getString("state") + " | " + r.getString("emit"))
                .toList();

        // Output, Calc, WindowAggregate, Exchange (with more than one engine thread), Calc, WindowAssign, Scan
        assertThat(plan).hasSize(db.metrics().cores() > 1 ? 7 : 6);
        assertThat(plan.get(0)).isEqualTo("Output | none | EMIT ON WINDOW CLOSE");
        assertThat(plan)
                .anySatisfy(line -> assertThat(line)
                        .isEqualTo("WindowAggregate | aggregates per group per open window | EMIT ON WINDOW CLOSE"));
        assertThat(plan).anySatisfy(line -> assertThat(line).startsWith("WindowAssign"));
        assertThat(plan.get(plan.size() - 1)).isEqualTo("Scan | none | -");
        assertThat(db.execute("EXPLAIN SELECT symbol, COUNT(*) FROM trades GROUP BY symbol")
                        .rows()
                        .get(0)
                        .getString("emit"))
                .isEqualTo("EMIT CHANGES");
        assertThat(db.execute("SHOW STREAMS").rows()).isEmpty(); // EXPLAIN creates nothing
    }

    @Test
    void topologyHasStreamsAndTheirInputs() {
        db.execute(COUNTS);
        db.execute("CREATE MATERIALIZED VIEW v AS SELECT symbol FROM counts");

        Topology topology = db.topology();
        assertThat(topology.nodes())
                .containsExactly(
                        new Topology.Node(Topology.NodeType.SOURCE, "trades"),
                        new Topology.Node(Topology.NodeType.STREAM, "counts"),
                        new Topology.Node(Topology.NodeType.MATERIALIZED_VIEW, "v"));
        assertThat(topology.edges())
                .containsExactly(new Topology.Edge("trades", "counts"), new Topology.Edge("counts", "v"));
    }

    @Test
    void streamsCreatedWhileRunningSeeRowsFromThenOn() {
        Subscription<Row> raw = db.subscribe("trades");
        db.start();
        db.execute("INSERT INTO trades VALUES ('before', 1, 1, NULL)");
        assertThat(raw.poll(Duration.ofSeconds(10))).isNotNull(); // handed out before the stream exists
        db.execute("CREATE STREAM s AS SELECT symbol FROM trades");
        Subscription<Row> out = db.subscribe("s");
        db.execute("INSERT INTO trades VALUES ('after', 1, 1, NULL)");

        assertThat(Rows.take(out, 1)).containsExactly("after");
    }
}
