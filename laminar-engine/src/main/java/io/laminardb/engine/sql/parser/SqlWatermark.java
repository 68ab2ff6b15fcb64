package io.laminardb.engine.sql.parser;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** The {@code WATERMARK FOR column AS expression} element of a source's column list. */
public final class SqlWatermark extends SqlCall {

    static final SqlOperator OPERATOR = new SqlSpecialOperator("WATERMARK", SqlKind.OTHER);

    private final SqlIdentifier column;
    private final SqlNode expression;

    public SqlWatermark(SqlParserPos pos, SqlIdentifier column, SqlNode expression) {
        super(pos);
        this.column = Objects.requireNonNull(column, "column");
        this.expression = Objects.requireNonNull(expression, "expression");
    }

    /** The event-time column the watermark is derived from. */
    public SqlIdentifier column() {
        return column;
    }

    /** The watermark expression, typically {@code column - INTERVAL 'n' unit}. */
    public SqlNode expression() {
        return expression;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(column, expression);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("WATERMARK FOR");
        column.unparse(writer, 0, 0);
        writer.keyword("AS");
        expression.unparse(writer, 0, 0);
    }
}
