package io.laminardb.engine.plan;

import io.laminardb.engine.SqlValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Brings the other spellings of windows to the one the planner translates, the window table functions:
 *
 * <ul>
 *   <li>group windows, {@code GROUP BY k, TUMBLE(ts, INTERVAL '1' MINUTE)} with {@code TUMBLE_START(...)} and {@code
 *       TUMBLE_END(...)} (and {@code HOP}, {@code SESSION}), become {@code FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts),
 *       INTERVAL '1' MINUTE)) GROUP BY k, window_start, window_end} with {@code window_start} and {@code window_end};
 *   <li>Flink's {@code SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), gap)} becomes Calcite's {@code SESSION(TABLE t,
 *       DESCRIPTOR(ts), DESCRIPTOR(k), gap)}.
 * </ul>
 *
 * <p>The rewrite happens on the parsed statement before validation, so errors still point at what the user wrote.
 */
public final class WindowSyntax extends SqlShuttle {

    private static final SqlParserPos POS = SqlParserPos.ZERO;

    private WindowSyntax() {}

    /** {@code query} with every window in table-function form. */
    public static SqlNode rewrite(SqlNode query) {
        return query.accept(new WindowSyntax());
    }

    @Override
    public SqlNode visit(SqlCall call) {
        if (call instanceof SqlSelect select) {
            rewriteGroupWindow(select);
        } else if (isTableFunction(call, "SESSION") && call.operandCount() == 3 && partitioned(call.operand(0))) {
            SqlCall partitioned = call.operand(0);
            SqlNodeList keys = partitioned.operand(1);
            call = SqlStdOperatorTable.SESSION.createCall(
                    call.getParserPosition(),
                    SqlStdOperatorTable.EXPLICIT_TABLE.createCall(POS, (SqlNode) partitioned.operand(0)),
                    call.operand(1),
                    SqlStdOperatorTable.DESCRIPTOR.createCall(
                            POS, keys.getList().toArray(SqlNode[]::new)),
                    call.operand(2));
        }
        return super.visit(call);
    }

    private static boolean partitioned(SqlNode table) {
        return table.getKind() == SqlKind.SET_SEMANTICS_TABLE;
    }

    private static boolean isTableFunction(SqlCall call, String name) {
        return call.getOperator().getName().equalsIgnoreCase(name)
                && call.operandCount() > 0
                && call.operand(0) != null
                && (call.operand(0).getKind() == SqlKind.EXPLICIT_TABLE
                        || call.operand(0).getKind() == SqlKind.SET_SEMANTICS_TABLE);
    }

    private static void rewriteGroupWindow(SqlSelect select) {
        SqlNodeList groupBy = select.getGroup();
        if (groupBy == null) {
            return;
        }
        SqlCall window = null;
        List<SqlNode> keys = new ArrayList<>();
        for (SqlNode item : groupBy) {
            if (item instanceof SqlCall call && isGroupWindow(call)) {
                if (window != null) {
                    throw new SqlValidationException(
                            "A GROUP BY may have one window; this one has " + window + " and " + call + ".");
                }
                window = call;
            } else {
                keys.add(item);
            }
        }
        if (window == null) {
            return;
        }
        String kind = name(window);
        SqlNode from = select.getFrom();
        SqlNode alias = null;
        if (from != null && from.getKind() == SqlKind.AS) {
            alias = ((SqlCall) from).operand(1);
            from = ((SqlCall) from).operand(0);
        }
        if (!(from instanceof SqlIdentifier)) {
            throw new SqlValidationException("GROUP BY " + kind + "(...) needs a single table in FROM; for joins and"
                    + " subqueries use the table function: FROM TABLE(" + kind + "(TABLE t, DESCRIPTOR(ts), ...)).");
        }
        List<SqlNode> operands = new ArrayList<>();
        operands.add(SqlStdOperatorTable.EXPLICIT_TABLE.createCall(POS, from));
        operands.add(SqlStdOperatorTable.DESCRIPTOR.createCall(POS, simple(window.operand(0))));
        if (kind.equals("SESSION")) {
            List<SqlNode> partition = new ArrayList<>();
            for (SqlNode key : keys) {
                if (key instanceof SqlIdentifier id) {
                    partition.add(simple(id));
                }
            }
            if (!partition.isEmpty()) {
                operands.add(SqlStdOperatorTable.DESCRIPTOR.createCall(POS, partition.toArray(SqlNode[]::new)));
            }
        }
        for (int i = 1; i < window.operandCount(); i++) {
            operands.add(window.operand(i));
        }
        SqlCall function = switch (kind) {
            case "TUMBLE" -> SqlStdOperatorTable.TUMBLE.createCall(window.getParserPosition(), operands);
            case "HOP" -> SqlStdOperatorTable.HOP.createCall(window.getParserPosition(), operands);
            default -> SqlStdOperatorTable.SESSION.createCall(window.getParserPosition(), operands);
        };
        SqlNode table = SqlStdOperatorTable.COLLECTION_TABLE.createCall(POS, function);
        if (alias != null) {
            table = SqlStdOperatorTable.AS.createCall(POS, table, alias);
        }
        select.setFrom(table);
        keys.add(new SqlIdentifier("window_start", POS));
        keys.add(new SqlIdentifier("window_end", POS));
        select.setGroupBy(new SqlNodeList(keys, groupBy.getParserPosition()));
        select.setSelectList((SqlNodeList) replaceAuxiliary(select.getSelectList(), kind));
        if (select.getHaving() != null) {
            select.setHaving(replaceAuxiliary(select.getHaving(), kind));
        }
    }

    /** The function's name without the {@code $} Calcite gives its group-window functions. */
    private static String name(SqlCall call) {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        return name.startsWith("$") ? name.substring(1) : name;
    }

    private static boolean isGroupWindow(SqlCall call) {
        String name = name(call);
        return (name.equals("TUMBLE") || name.equals("HOP") || name.equals("SESSION"))
                && call.operandCount() > 0
                && call.operand(0).getKind() != SqlKind.EXPLICIT_TABLE
                && call.operand(0).getKind() != SqlKind.SET_SEMANTICS_TABLE;
    }

    /** {@code TUMBLE_START(...)} becomes {@code window_start}, {@code TUMBLE_END(...)} {@code window_end}. */
    private static SqlNode replaceAuxiliary(SqlNode node, String kind) {
        return node.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlCall call) {
                String name = name(call);
                if (name.equals(kind + "_START")) {
                    return new SqlIdentifier("window_start", call.getParserPosition());
                }
                if (name.equals(kind + "_END")) {
                    return new SqlIdentifier("window_end", call.getParserPosition());
                }
                if (call.getKind() == SqlKind.AS && call.operand(0) instanceof SqlCall inner) {
                    // Keep the alias: TUMBLE_START(...) AS ws stays named ws.
                    SqlNode replaced = inner.accept(this);
                    return new SqlBasicCall(
                            call.getOperator(), List.of(replaced, call.operand(1)), call.getParserPosition());
                }
                return super.visit(call);
            }
        });
    }

    private static SqlIdentifier simple(SqlNode column) {
        if (!(column instanceof SqlIdentifier id)) {
            throw new SqlValidationException("A window's time argument must be a column, not " + column + ".");
        }
        return new SqlIdentifier(id.names.get(id.names.size() - 1), id.getParserPosition());
    }
}
