package io.laminardb.engine.sql.parser;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code CREATE [OR REPLACE] MATERIALIZED VIEW [IF NOT EXISTS] name AS <query> [EMIT ...] [WITH (...)]}. */
public final class SqlCreateMaterializedView extends SqlCreateContinuousQuery {

    static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE MATERIALIZED VIEW", SqlKind.OTHER_DDL);

    public SqlCreateMaterializedView(
            SqlParserPos pos,
            boolean replace,
            boolean ifNotExists,
            SqlIdentifier name,
            SqlNode query,
            SqlEmit emit,
            SqlNodeList options) {
        super(OPERATOR, pos, replace, ifNotExists, name, query, emit, options);
    }

    @Override
    public SqlObjectKind kind() {
        return SqlObjectKind.MATERIALIZED_VIEW;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }
}
