package io.laminardb.engine.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.SqlSyntaxException;
import java.util.List;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.junit.jupiter.api.Test;

/** Scripts as a schema.sql holds them: several statements, comments, blank lines. */
class ScriptParsingTest {

    private static final String SCHEMA = """
            -- Market data
            CREATE SOURCE trades (
                symbol VARCHAR,      -- ticker
                price  DOUBLE NOT NULL,
                qty    BIGINT NOT NULL,
                ts     TIMESTAMP(3),
                WATERMARK FOR ts AS ts - INTERVAL '100' MILLISECOND
            ) WITH (buffer_size = 131072, backpressure = 'block');

            /* One row per symbol and minute,
               once the minute is complete. */
            CREATE STREAM vwap AS
              SELECT symbol, window_start, SUM(price * qty) / SUM(qty) AS vwap
              FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
              GROUP BY symbol, window_start, window_end
            EMIT ON WINDOW CLOSE;

            CREATE SINK vwap_out FROM vwap WITH (connector = 'kafka', 'topic' = 'vwap');

            INSERT INTO trades VALUES ('AAPL', 190.1, 100, TIMESTAMP '2026-01-01 00:00:00');
            """;

    @Test
    void schemaScriptGivesOneNodePerStatementInOrder() {
        List<SqlNode> statements = LaminarSqlParser.parseStatements(SCHEMA);

        assertThat(statements)
                .extracting(Object::getClass)
                .containsExactly(SqlCreateSource.class, SqlCreateStream.class, SqlCreateSink.class, SqlInsert.class);
    }

    @Test
    void statementPositionsAreRelativeToTheWholeScript() {
        List<SqlNode> statements = LaminarSqlParser.parseStatements(SCHEMA);

        assertThat(statements.get(0).getParserPosition().getLineNum()).isEqualTo(2);
        assertThat(statements.get(1).getParserPosition().getLineNum()).isEqualTo(12);
    }

    @Test
    void emptyScriptAndCommentOnlyScriptGiveNoStatements() {
        assertThat(LaminarSqlParser.parseStatements("")).isEmpty();
        assertThat(LaminarSqlParser.parseStatements("-- nothing yet\n/* still nothing */\n"))
                .isEmpty();
    }

    @Test
    void extraSemicolonsAreIgnored() {
        assertThat(LaminarSqlParser.parseStatements("SHOW SOURCES;; SHOW SINKS;"))
                .hasSize(2);
    }

    @Test
    void singleStatementMayEndWithASemicolon() {
        assertThat(LaminarSqlParser.parseStatement("SHOW STREAMS;")).isInstanceOf(SqlShowObjects.class);
    }

    @Test
    void singleStatementParseRejectsASecondStatementAtItsPosition() {
        assertThatThrownBy(() -> LaminarSqlParser.parseStatement("SHOW SOURCES;\nSHOW SINKS"))
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("second statement");
                });
    }

    @Test
    void singleStatementParseRejectsAnEmptyText() {
        assertThatThrownBy(() -> LaminarSqlParser.parseStatement("  -- nothing"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageContaining("no statement");
    }

    @Test
    void everyScriptStatementRoundTripsThroughUnparse() {
        for (SqlNode statement : LaminarSqlParser.parseStatements(SCHEMA)) {
            String unparsed = LaminarSqlParser.unparse(statement);
            assertThat(LaminarSqlParser.unparse(LaminarSqlParser.parseStatement(unparsed)))
                    .isEqualTo(unparsed);
        }
    }
}
