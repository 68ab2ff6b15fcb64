package io.laminardb.engine.sql.parser;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlGroupedWindowFunction;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * The dialect LaminarDB SQL is written back in: backtick-quoted identifiers, case kept. It spells the group window
 * functions as users write them ({@code GROUP BY TUMBLE(...)}), where Calcite writes its internal {@code $TUMBLE}.
 */
final class LaminarSqlDialect extends SqlDialect {

    static final LaminarSqlDialect INSTANCE = new LaminarSqlDialect();

    private LaminarSqlDialect() {
        super(EMPTY_CONTEXT
                .withIdentifierQuoteString("`")
                .withUnquotedCasing(Casing.UNCHANGED)
                .withQuotedCasing(Casing.UNCHANGED)
                .withCaseSensitive(false)
                .withConformance(SqlConformanceEnum.DEFAULT));
    }

    @Override
    public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        if (call.getOperator() instanceof SqlGroupedWindowFunction function
                && function.getName().startsWith("$")) {
            SqlWriter.Frame frame = writer.startFunCall(function.getName().substring(1));
            for (SqlNode operand : call.getOperandList()) {
                writer.sep(",");
                operand.unparse(writer, 0, 0);
            }
            writer.endFunCall(frame);
            return;
        }
        super.unparseCall(writer, call, leftPrec, rightPrec);
    }
}
