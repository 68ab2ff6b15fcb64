package io.laminardb.engine.sql.parser;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code SHOW SOURCES | SINKS | STREAMS | MATERIALIZED VIEWS | TABLES | QUERIES | WATERMARKS}. */
public final class SqlShowObjects extends SqlCall {

    static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW", SqlKind.OTHER);

    /** What a {@code SHOW} statement lists. */
    public enum Target {
        SOURCES,
        SINKS,
        STREAMS,
        MATERIALIZED_VIEWS,
        TABLES,
        QUERIES,
        WATERMARKS;

        /** The words after {@code SHOW}, such as {@code MATERIALIZED VIEWS}. */
        public String keyword() {
            return name().replace('_', ' ');
        }
    }

    private final Target target;

    public SqlShowObjects(SqlParserPos pos, Target target) {
        super(pos);
        this.target = Objects.requireNonNull(target, "target");
    }

    public Target target() {
        return target;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(SqlLiteral.createSymbol(target, SqlParserPos.ZERO));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SHOW");
        writer.keyword(target.keyword());
    }
}
