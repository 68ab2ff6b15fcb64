package io.laminardb.engine.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every statement form parses to its node class and unparses to SQL that parses back to the same text. */
class StatementRoundTripTest {

    static Object[][] statements() {
        return new Object[][] {
            {
                "CREATE SOURCE trades (symbol VARCHAR, price DOUBLE NOT NULL, qty BIGINT NOT NULL, ts TIMESTAMP(3),"
                        + " WATERMARK FOR ts AS ts - INTERVAL '100' MILLISECOND)",
                SqlCreateSource.class
            },
            {"CREATE OR REPLACE SOURCE IF NOT EXISTS s (a INT) WITH (connector = 'kafka')", SqlCreateSource.class},
            {"CREATE SOURCE orders (id BIGINT) FROM 'kafka://localhost:9092/orders?format=json'", SqlCreateSource.class
            },
            {
                "CREATE SOURCE orders (id BIGINT) FROM 'kafka://localhost:9092/orders' WITH ('group.id' = 'g')",
                SqlCreateSource.class
            },
            {
                "CREATE SOURCE every_type (a VARCHAR, b BIGINT, c INT, d DOUBLE, e BOOLEAN, f DECIMAL(10, 2),"
                        + " g TIMESTAMP(3), h DATE, i TIME, j TINYINT, k SMALLINT, l FLOAT, m REAL, n VARBINARY,"
                        + " o BYTES, p INT ARRAY, q ROW(x INT, y VARCHAR), r VARCHAR(20) NOT NULL)",
                SqlCreateSource.class
            },
            {
                "CREATE STREAM vwap AS SELECT symbol, window_start, SUM(price * qty) / SUM(qty) AS vwap"
                        + " FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                        + " GROUP BY symbol, window_start, window_end EMIT ON WINDOW CLOSE",
                SqlCreateStream.class
            },
            {"CREATE STREAM s AS SELECT * FROM t EMIT ON WATERMARK", SqlCreateStream.class},
            {"CREATE STREAM s AS SELECT * FROM t EMIT ON UPDATE", SqlCreateStream.class},
            {"CREATE STREAM s AS SELECT * FROM t EMIT EVERY INTERVAL '5' SECOND", SqlCreateStream.class},
            {"CREATE STREAM s AS SELECT * FROM t EMIT EVERY INTERVAL '250' MILLISECOND", SqlCreateStream.class},
            {"CREATE STREAM s AS SELECT a, COUNT(*) FROM t GROUP BY a EMIT CHANGES", SqlCreateStream.class},
            {"CREATE STREAM s AS SELECT * FROM t EMIT FINAL", SqlCreateStream.class},
            {
                "CREATE OR REPLACE STREAM IF NOT EXISTS s AS SELECT * FROM t EMIT FINAL"
                        + " WITH (allowed_lateness = '5s', late_data = 'side_output')",
                SqlCreateStream.class
            },
            {"CREATE STREAM s WITH (late_data = 'drop') AS SELECT * FROM t", SqlCreateStream.class},
            {
                "CREATE MATERIALIZED VIEW mv AS SELECT a, COUNT(*) FROM t GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), a",
                SqlCreateMaterializedView.class
            },
            {
                "CREATE OR REPLACE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT * FROM t EMIT ON UPDATE",
                SqlCreateMaterializedView.class
            },
            {
                "CREATE TABLE users (id BIGINT NOT NULL, name VARCHAR, PRIMARY KEY (id)) WITH (connector = 'jdbc')",
                SqlCreateTable.class
            },
            {"CREATE OR REPLACE TABLE IF NOT EXISTS kv (k VARCHAR, v VARCHAR, PRIMARY KEY (k))", SqlCreateTable.class},
            {"CREATE TABLE plain (a INT)", SqlCreateTable.class},
            {"CREATE SINK vwap_out FROM vwap WITH (connector = 'kafka', topic = 'vwap')", SqlCreateSink.class},
            {"CREATE SINK vwap_out FROM vwap INTO 'file:///out/vwap.jsonl'", SqlCreateSink.class},
            {"CREATE SINK s INTO 'file:///out/events.jsonl' AS SELECT * FROM events", SqlCreateSink.class},
            {"CREATE SINK s AS SELECT * FROM events INTO 'file:///out/events.jsonl'", SqlCreateSink.class},
            {"CREATE OR REPLACE SINK IF NOT EXISTS s AS SELECT a FROM t WITH (connector = 'x')", SqlCreateSink.class},
            {"CREATE SINK s WITH (connector = 'stdout')", SqlCreateSink.class},
            {"DROP SOURCE trades", SqlDropObject.class},
            {"DROP SINK IF EXISTS vwap_out", SqlDropObject.class},
            {"DROP STREAM vwap CASCADE", SqlDropObject.class},
            {"DROP MATERIALIZED VIEW IF EXISTS mv CASCADE", SqlDropObject.class},
            {"DROP TABLE users", SqlDropObject.class},
            {"SHOW SOURCES", SqlShowObjects.class},
            {"SHOW SINKS", SqlShowObjects.class},
            {"SHOW STREAMS", SqlShowObjects.class},
            {"SHOW MATERIALIZED VIEWS", SqlShowObjects.class},
            {"SHOW TABLES", SqlShowObjects.class},
            {"SHOW QUERIES", SqlShowObjects.class},
            {"SHOW WATERMARKS", SqlShowObjects.class},
            {"DESCRIBE trades", SqlDescribeTable.class},
            {"EXPLAIN SELECT symbol FROM trades WHERE price > 10", SqlExplainQuery.class},
            {"EXPLAIN PLAN FOR SELECT 1", SqlExplain.class},
            {"INSERT INTO trades VALUES ('AAPL', 190.1, 100, TIMESTAMP '2026-01-01 00:00:00')", SqlInsert.class},
            {"DELETE FROM users WHERE id = 5", SqlDelete.class},
            {
                "SELECT * FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE))",
                SqlSelect.class
            },
            {
                "SELECT * FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '1' MINUTE))",
                SqlSelect.class
            },
            {
                "SELECT TUMBLE_START(ts, INTERVAL '1' MINUTE), COUNT(*) FROM t GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE)",
                SqlSelect.class
            },
            {"SELECT * FROM o JOIN r FOR SYSTEM_TIME AS OF o.ts AS r2 ON o.k = r2.k", SqlSelect.class},
            {"SELECT * FROM a ASOF JOIN b MATCH_CONDITION a.ts >= b.ts ON a.k = b.k", SqlSelect.class},
        };
    }

    static List<Arguments> cases() {
        return Arrays.stream(statements()).map(Arguments::of).toList();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void statementParsesToItsNodeAndUnparsesToSqlThatParsesBackUnchanged(String sql, Class<?> nodeClass) {
        SqlNode node = LaminarSqlParser.parseStatement(sql);
        assertThat(node).isInstanceOf(nodeClass);

        String unparsed = LaminarSqlParser.unparse(node);
        SqlNode reparsed = LaminarSqlParser.parseStatement(unparsed);

        assertThat(reparsed).isInstanceOf(nodeClass);
        assertThat(LaminarSqlParser.unparse(reparsed)).isEqualTo(unparsed);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void unparsedStatementKeepsNoInternalNames(String sql, Class<?> nodeClass) {
        assertThat(LaminarSqlParser.unparse(LaminarSqlParser.parseStatement(sql)))
                .doesNotContain("$");
    }
}
