package io.laminardb.engine.sql.parser;

import io.laminardb.engine.SqlSyntaxException;
import io.laminardb.engine.sql.parser.impl.LaminarSqlParserImpl;
import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Parses LaminarDB SQL: Calcite's grammar plus the statements of {@code docs/sql.md}. Identifiers follow Flink: quoted
 * with backticks, unquoted ones keep their case, and names are matched without regard to case later. Stateless and
 * safe to call from any thread.
 */
public final class LaminarSqlParser {

    /** The parser settings every LaminarDB statement is read with. */
    public static final SqlParser.Config CONFIG = SqlParser.config()
            .withParserFactory(LaminarSqlParserImpl.FACTORY)
            .withQuoting(Quoting.BACK_TICK)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.DEFAULT)
            .withIdentifierMaxLength(256);

    /** The dialect {@link #unparse(SqlNode)} writes: the one {@link #CONFIG} reads back. */
    public static final SqlDialect DIALECT = LaminarSqlDialect.INSTANCE;

    private LaminarSqlParser() {}

    /**
     * Parses a script of statements separated by {@code ;}, as a {@code schema.sql} file holds them. Comments ({@code
     * --} to the end of the line, {@code /* ... *}{@code /}) and empty statements are allowed; an empty script gives an
     * empty list.
     *
     * @throws SqlSyntaxException with the line and column within the whole script
     */
    public static List<SqlNode> parseStatements(String sql) {
        try {
            SqlNodeList statements = SqlParser.create(sql, CONFIG).parseStmtList();
            return List.copyOf(statements.getList());
        } catch (SqlParseException e) {
            if (e.getCause() instanceof IndexOutOfBoundsException) {
                // Calcite's statement-list production takes the position of the first statement, and fails when the
                // script has none (only comments, blanks or semicolons) instead of returning an empty list.
                return List.of();
            }
            throw SyntaxErrors.toException(sql, e);
        }
    }

    /**
     * Parses exactly one statement; a trailing {@code ;} is allowed.
     *
     * @throws SqlSyntaxException when the text does not parse or holds more or fewer than one statement
     */
    public static SqlNode parseStatement(String sql) {
        List<SqlNode> statements = parseStatements(sql);
        if (statements.size() == 1) {
            return statements.get(0);
        }
        if (statements.isEmpty()) {
            throw SyntaxErrors.notOneStatement(sql, "found no statement, expected one", SqlParserPos.ZERO);
        }
        throw SyntaxErrors.notOneStatement(
                sql,
                "found a second statement, expected only one",
                statements.get(1).getParserPosition());
    }

    /** Writes a parsed statement back as SQL that {@link #parseStatement(String)} reads to an equal tree. */
    public static String unparse(SqlNode node) {
        return node.toSqlString(config -> config.withDialect(DIALECT)).getSql();
    }
}
