package io.laminardb.engine.plan.codegen;

import io.laminardb.engine.SqlValidationException;
import java.util.List;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlOperator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Turns a failure of Calcite's translator into the error a user can act on: the innermost call Calcite has no
 * implementation for, or else the whole expression, said to be unsupported in continuous queries.
 */
final class UnsupportedExpressions {

    private UnsupportedExpressions() {}

    static SqlValidationException notSupported(List<RexNode> exprs, RuntimeException cause) {
        for (RexNode expr : exprs) {
            RexCall call = firstUnimplemented(expr);
            if (call != null) {
                return new SqlValidationException(
                        "Expression " + call + " is not supported in continuous queries: there is no implementation of "
                                + call.getOperator().getName(),
                        cause);
            }
        }
        String text = exprs.size() == 1 ? exprs.get(0).toString() : exprs.toString();
        return new SqlValidationException(
                "Expression " + text + " is not supported in continuous queries: " + cause.getMessage(), cause);
    }

    /** Returns the innermost call whose operator Calcite's implementor table lacks, searching operands first. */
    private static @Nullable RexCall firstUnimplemented(RexNode expr) {
        RexCall[] found = new RexCall[1];
        expr.accept(new RexVisitorImpl<Void>(true) {
            @Override
            public Void visitCall(RexCall call) {
                super.visitCall(call);
                if (found[0] == null && !implemented(call.getOperator())) {
                    found[0] = call;
                }
                return null;
            }
        });
        return found[0];
    }

    private static boolean implemented(SqlOperator operator) {
        try {
            return RexImpTable.INSTANCE.get(operator) != null;
        } catch (RuntimeException e) {
            // A user-defined function without an implementor makes the table throw rather than answer null.
            return false;
        }
    }
}
