package io.laminardb.engine.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.laminardb.engine.SqlSyntaxException;
import org.junit.jupiter.api.Test;

/** Syntax errors name the line and column in the whole script, what was found, a short expected list, and a caret. */
class SyntaxErrorTest {

    private static SqlSyntaxException error(String sql) {
        return catchThrowableOfType(SqlSyntaxException.class, () -> LaminarSqlParser.parseStatements(sql));
    }

    @Test
    void misspelledObjectKindNamesLineColumnTokenAndTheKindsExpected() {
        SqlSyntaxException e = error("CREATE SOURCE ok (id BIGINT);\nCREATE SOURC trades (id BIGINT)");

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(8);
        assertThat(e.getMessage()).isEqualTo("""
                        Syntax error at line 2, column 8: found "SOURC", expected SOURCE, STREAM, SINK, TABLE, \
                        MATERIALIZED VIEW, ...
                          CREATE SOURC trades (id BIGINT)
                                 ^""");
        assertThat(e.expected()).startsWith("SOURCE", "STREAM", "SINK", "TABLE", "MATERIALIZED VIEW");
    }

    @Test
    void errorOnTheThirdLineOfAScriptIsReportedThere() {
        String script = """
                CREATE SOURCE trades (id BIGINT, ts TIMESTAMP(3));
                -- the stream below lacks its query
                CREATE STREAM s AS EMIT ON WINDOW CLOSE;
                """;

        SqlSyntaxException e = error(script);

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(20);
        assertThat(e.getMessage()).contains("found \"EMIT\"");
        assertThat(e.getMessage())
                .endsWith("\n  CREATE STREAM s AS EMIT ON WINDOW CLOSE;\n" + " ".repeat(2 + 19) + "^");
    }

    @Test
    void expectedListIsShort() {
        SqlSyntaxException e = error("SELECT a FROM t WHERE");

        String expectedPart = e.getMessage().lines().findFirst().orElseThrow();
        assertThat(expectedPart).contains("found end of input, expected ");
        assertThat(expectedPart.substring(expectedPart.indexOf("expected ")).split(", "))
                .hasSizeLessThanOrEqualTo(SyntaxErrors.MAX_EXPECTED + 1);
    }

    @Test
    void unknownShowTargetPointsAtTheWordAfterShow() {
        SqlSyntaxException e = error("SHOW SOURCE");

        assertThat(e.column()).isEqualTo(6);
        assertThat(e.getMessage()).startsWith("Syntax error at line 1, column 6: found \"SOURCE\", expected SOURCES,");
        assertThat(e.expected()).contains("MATERIALIZED VIEWS");
    }

    @Test
    void nonReservedWordsAreFoldedIntoIdentifier() {
        SqlSyntaxException e = error("CREATE SOURCE (id BIGINT)");

        assertThat(e.expected()).contains("identifier").doesNotContain("SOURCES", "WATERMARK", "A");
    }

    @Test
    void missingOptionValueExpectsALiteral() {
        SqlSyntaxException e = error("CREATE SOURCE s (a INT)\nWITH (connector = )");

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(19);
        assertThat(e.expected()).startsWith("string", "number");
    }

    @Test
    void unclosedColumnListReportsEndOfInput() {
        SqlSyntaxException e = error("CREATE SOURCE s (a INT");

        assertThat(e.getMessage())
                .contains("found end of input")
                .contains("\")\"")
                .contains("\",\"");
    }

    @Test
    void incompleteEmitListsTheModes() {
        SqlSyntaxException e = error("CREATE STREAM s AS SELECT * FROM t EMIT ON");

        assertThat(e.expected()).containsExactlyInAnyOrder("WATERMARK", "UPDATE", "WINDOW");
    }

    @Test
    void caretFollowsTabsInTheQuotedLine() {
        SqlSyntaxException e = error("SHOW SOURCES;\n\tSHOW NOTHING");

        assertThat(e.getMessage()).endsWith("\n  \tSHOW NOTHING\n  \t" + " ".repeat(e.column() - 2) + "^");
    }

    @Test
    void lexicalErrorStillNamesItsPosition() {
        SqlSyntaxException e = error("SELECT 1;\nSELECT # FROM t");

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(8);
        assertThat(e.getMessage())
                .startsWith("Syntax error at line 2, column 8")
                .contains("\n  SELECT # FROM t\n");
    }

    @Test
    void causeIsCalcitesParseException() {
        SqlSyntaxException e = error("DROP NOTHING x");

        assertThat(e).hasCauseInstanceOf(org.apache.calcite.sql.parser.SqlParseException.class);
        assertThat(e.expected()).contains("SOURCE", "MATERIALIZED VIEW");
    }

    @Test
    void reservedWordAsANamePointsAtTheNameNotTheStatement() {
        SqlSyntaxException e = error("CREATE STREAM select AS SELECT 1");

        assertThat(e.column()).isEqualTo(15);
        assertThat(e.getMessage())
                .startsWith("Syntax error at line 1, column 15: found \"select\", expected identifier");
    }
}
