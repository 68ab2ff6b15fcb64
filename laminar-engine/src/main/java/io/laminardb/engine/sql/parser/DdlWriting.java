package io.laminardb.engine.sql.parser;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;

/** The pieces of SQL text the DDL nodes share when they unparse: the CREATE head, lists, options, queries. */
final class DdlWriting {

    private DdlWriting() {}

    static void createHead(SqlWriter writer, boolean replace, String kind, boolean ifNotExists, SqlIdentifier name) {
        writer.keyword("CREATE");
        if (replace) {
            writer.keyword("OR REPLACE");
        }
        writer.keyword(kind);
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
    }

    /** Writes {@code (a, b, ...)} with each element unparsed in full. */
    static void parenthesizedList(SqlWriter writer, Iterable<? extends SqlNode> elements) {
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlNode element : elements) {
            writer.sep(",");
            element.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }

    /** Writes {@code WITH (key = value, ...)}, or nothing for an empty list. */
    static void options(SqlWriter writer, SqlNodeList options) {
        if (options.isEmpty()) {
            return;
        }
        writer.newlineAndIndent();
        writer.keyword("WITH");
        parenthesizedList(writer, options);
    }

    /** Writes {@code AS <query>}. */
    static void asQuery(SqlWriter writer, SqlNode query) {
        writer.keyword("AS");
        writer.newlineAndIndent();
        query.unparse(writer, 0, 0);
    }
}
