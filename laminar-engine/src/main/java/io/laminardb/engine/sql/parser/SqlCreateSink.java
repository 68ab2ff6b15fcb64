package io.laminardb.engine.sql.parser;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE [OR REPLACE] SINK [IF NOT EXISTS] name [FROM input | AS <query>] [INTO 'uri'] [WITH (...)]}. Before
 * a query, {@code INTO} and {@code WITH} may also come first, as in {@code CREATE SINK s INTO
 * 'file:///out/events.jsonl' AS SELECT ...}; that is how the node unparses.
 */
public final class SqlCreateSink extends SqlCreate {

    static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE SINK", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;
    private final SqlIdentifier input;
    private final SqlNode query;
    private final SqlLiteral uri;
    private final SqlNodeList options;

    /**
     * @param input the stream, source or view named by {@code FROM}, null when absent
     * @param query the {@code AS} query, null when absent; never given together with {@code input}
     * @param uri the {@code INTO 'uri'} string literal, null when absent
     * @param options {@link SqlOption}s, empty when there is no {@code WITH}
     */
    public SqlCreateSink(
            SqlParserPos pos,
            boolean replace,
            boolean ifNotExists,
            SqlIdentifier name,
            SqlIdentifier input,
            SqlNode query,
            SqlNode uri,
            SqlNodeList options) {
        super(OPERATOR, pos, replace, ifNotExists);
        if (input != null && query != null) {
            throw new IllegalArgumentException("a sink reads FROM an input or AS a query, not both");
        }
        this.name = Objects.requireNonNull(name, "name");
        this.input = input;
        this.query = query;
        this.uri = (SqlLiteral) uri;
        this.options = Objects.requireNonNull(options, "options");
    }

    public SqlIdentifier name() {
        return name;
    }

    /** The object named by {@code FROM}, null when absent. */
    public SqlIdentifier input() {
        return input;
    }

    /** The {@code AS} query, null when absent. */
    public SqlNode query() {
        return query;
    }

    /** The {@code INTO 'uri'} literal, null when absent. */
    public SqlLiteral uri() {
        return uri;
    }

    /** The {@code WITH} options ({@link SqlOption}), empty when absent. */
    public SqlNodeList options() {
        return options;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return Arrays.asList(name, input, query, uri, options);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        DdlWriting.createHead(writer, getReplace(), "SINK", ifNotExists, name);
        if (input != null) {
            writer.keyword("FROM");
            input.unparse(writer, 0, 0);
        }
        if (uri != null) {
            writer.keyword("INTO");
            uri.unparse(writer, 0, 0);
        }
        DdlWriting.options(writer, options);
        if (query != null) {
            DdlWriting.asQuery(writer, query);
        }
    }
}
