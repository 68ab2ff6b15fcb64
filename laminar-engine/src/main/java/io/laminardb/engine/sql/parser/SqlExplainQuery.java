package io.laminardb.engine.sql.parser;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code EXPLAIN <query>}: asks for the streaming operator DAG of a query or DML statement, with state and emit mode
 * per node. Calcite's own {@code EXPLAIN PLAN [...] FOR <query>} still parses, as Calcite's {@code SqlExplain}.
 */
public final class SqlExplainQuery extends SqlCall {

    static final SqlOperator OPERATOR = new SqlSpecialOperator("EXPLAIN", SqlKind.OTHER);

    private final SqlNode statement;

    public SqlExplainQuery(SqlParserPos pos, SqlNode statement) {
        super(pos);
        this.statement = Objects.requireNonNull(statement, "statement");
    }

    /** The query or DML statement to explain. */
    public SqlNode statement() {
        return statement;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(statement);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("EXPLAIN");
        statement.unparse(writer, 0, 0);
    }
}
