package io.laminardb.engine.sql.parser;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * What {@code CREATE STREAM} and {@code CREATE MATERIALIZED VIEW} share: a name, a query, an optional {@code EMIT}
 * clause and optional {@code WITH} options ({@code allowed_lateness}, {@code late_data}, ...).
 */
public abstract sealed class SqlCreateContinuousQuery extends SqlCreate
        permits SqlCreateStream, SqlCreateMaterializedView {

    private final SqlIdentifier name;
    private final SqlNode query;
    private final SqlEmit emit;
    private final SqlNodeList options;

    SqlCreateContinuousQuery(
            SqlOperator operator,
            SqlParserPos pos,
            boolean replace,
            boolean ifNotExists,
            SqlIdentifier name,
            SqlNode query,
            SqlEmit emit,
            SqlNodeList options) {
        super(operator, pos, replace, ifNotExists);
        this.name = Objects.requireNonNull(name, "name");
        this.query = Objects.requireNonNull(query, "query");
        this.emit = emit;
        this.options = Objects.requireNonNull(options, "options");
    }

    public SqlIdentifier name() {
        return name;
    }

    public SqlNode query() {
        return query;
    }

    /** The {@code EMIT} clause, null when the statement has none. */
    public SqlEmit emit() {
        return emit;
    }

    /** The {@code WITH} options ({@link SqlOption}), empty when absent. */
    public SqlNodeList options() {
        return options;
    }

    /** The object kind: {@link SqlObjectKind#STREAM} or {@link SqlObjectKind#MATERIALIZED_VIEW}. */
    public abstract SqlObjectKind kind();

    @Override
    public List<SqlNode> getOperandList() {
        return Arrays.asList(name, query, emit, options);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        DdlWriting.createHead(writer, getReplace(), kind().keyword(), ifNotExists, name);
        // Options before AS, as in Flink's CREATE TABLE ... WITH (...) AS SELECT: nothing in a query can swallow them.
        DdlWriting.options(writer, options);
        DdlWriting.asQuery(writer, query);
        if (emit != null) {
            writer.newlineAndIndent();
            emit.unparse(writer, 0, 0);
        }
    }
}
