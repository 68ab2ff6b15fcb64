package io.laminardb.engine.plan;

import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.plan.codegen.LaminarFunctions;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlAsofJoin;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Brings ASOF and temporal joins to the one form the planner translates: a plain join whose {@code ON} condition holds
 * {@link LaminarFunctions#ASOF_MATCH ASOF_MATCH(left time, right time, 'how')} besides its keys.
 *
 * <ul>
 *   <li>{@code a ASOF JOIN b MATCH_CONDITION (a.ts >= b.ts) ON a.k = b.k} (and {@code LEFT ASOF JOIN}): the latest row
 *       of {@code b} at or before each row of {@code a} ({@code >}: before); {@code a.ts <= b.ts} the first at or after
 *       ({@code <}: after); {@code NEAREST(a.ts, b.ts)} the closest either way. A tolerance is a condition of {@code ON}
 *       ({@code AND b.ts >= a.ts - INTERVAL '5' SECOND}), which Calcite's own ASOF join does not allow.
 *   <li>{@code a JOIN b FOR SYSTEM_TIME AS OF a.ts ON a.k = b.k}: the version of {@code b}'s row for the key at {@code
 *       a.ts}, {@code b} being versioned by its event-time column: the ASOF join {@code MATCH_CONDITION (a.ts >= b.ts)}.
 * </ul>
 *
 * <p>The rewrite happens on the parsed statement before validation, so errors still point at what the user wrote.
 */
final class AsofSyntax extends SqlShuttle {

    private static final SqlParserPos POS = SqlParserPos.ZERO;

    private final Function<String, String> eventTimeColumn;

    private AsofSyntax(Function<String, String> eventTimeColumn) {
        this.eventTimeColumn = eventTimeColumn;
    }

    /**
     * {@code query} with its ASOF and temporal joins as plain joins marked with {@code ASOF_MATCH}.
     *
     * @param eventTimeColumn the event-time column of a source or stream by name, or null when it has none
     */
    static SqlNode rewrite(SqlNode query, Function<String, String> eventTimeColumn) {
        return query.accept(new AsofSyntax(eventTimeColumn));
    }

    @Override
    public SqlNode visit(SqlCall call) {
        if (call instanceof SqlAsofJoin asof) {
            SqlNode match = asof.getMatchCondition();
            SqlNode marker = marker(match);
            JoinType type = asof.getJoinType() == JoinType.LEFT_ASOF ? JoinType.LEFT : JoinType.INNER;
            return super.visit(join(asof, type, asof.getRight(), and(asof.getCondition(), marker)));
        }
        if (call instanceof SqlJoin join && snapshotOf(join.getRight()) != null) {
            SqlSnapshot snapshot = snapshotOf(join.getRight());
            SqlNode table = snapshot.getTableRef();
            if (!(table instanceof SqlIdentifier name)) {
                throw new SqlValidationException(
                        "FOR SYSTEM_TIME AS OF reads a source or stream by its name, not " + table + ".");
            }
            String tableName = name.names.get(name.names.size() - 1);
            String time = eventTimeColumn.apply(tableName);
            if (time == null) {
                throw new SqlValidationException("'" + tableName + "' has no event time, so it has no versions to"
                        + " read AS OF a time: declare a WATERMARK FOR its time column, whose values then version its"
                        + " rows by the join key.");
            }
            SqlNode right = join.getRight();
            String alias = tableName;
            SqlNode plain = table;
            if (right.getKind() == SqlKind.AS) {
                SqlCall as = (SqlCall) right;
                alias = ((SqlIdentifier) as.operand(1)).getSimple();
                plain = SqlStdOperatorTable.AS.createCall(POS, table, as.operand(1));
            }
            SqlNode marker = LaminarFunctions.ASOF_MATCH.createCall(
                    snapshot.getParserPosition(),
                    snapshot.getPeriod(),
                    new SqlIdentifier(List.of(alias, time), POS),
                    SqlLiteral.createCharString(">=", POS));
            if (join.getJoinType() != JoinType.INNER && join.getJoinType() != JoinType.LEFT) {
                throw new SqlValidationException("A temporal join (FOR SYSTEM_TIME AS OF) is JOIN or LEFT JOIN, not "
                        + join.getJoinType() + ".");
            }
            return super.visit(join(join, join.getJoinType(), plain, and(join.getCondition(), marker)));
        }
        return super.visit(call);
    }

    /** {@code ASOF_MATCH(left, right, 'how')} for a match condition. */
    private static SqlNode marker(SqlNode match) {
        if (match instanceof SqlBasicCall call && call.operandCount() == 2) {
            String how = switch (call.getKind()) {
                case GREATER_THAN_OR_EQUAL -> ">=";
                case GREATER_THAN -> ">";
                case LESS_THAN_OR_EQUAL -> "<=";
                case LESS_THAN -> "<";
                default -> call.getOperator().getName().toUpperCase(Locale.ROOT).equals("NEAREST") ? "NEAREST" : null;
            };
            if (how != null) {
                return LaminarFunctions.ASOF_MATCH.createCall(
                        match.getParserPosition(),
                        call.operand(0),
                        call.operand(1),
                        SqlLiteral.createCharString(how, POS));
            }
        }
        throw new SqlValidationException("At " + match.getParserPosition() + ": MATCH_CONDITION compares the time"
                + " columns of the two inputs: (a.ts >= b.ts) for the latest row of b at or before a's time, (a.ts <="
                + " b.ts) for the first at or after it, NEAREST(a.ts, b.ts) for the closest; not " + match + ".");
    }

    private static SqlJoin join(SqlJoin original, JoinType type, SqlNode right, SqlNode condition) {
        return new SqlJoin(
                original.getParserPosition(),
                original.getLeft(),
                SqlLiteral.createBoolean(false, POS),
                type.symbol(POS),
                right,
                JoinConditionType.ON.symbol(POS),
                condition);
    }

    private static SqlNode and(SqlNode condition, SqlNode marker) {
        return condition == null ? marker : SqlStdOperatorTable.AND.createCall(POS, condition, marker);
    }

    private static SqlSnapshot snapshotOf(SqlNode node) {
        if (node instanceof SqlSnapshot snapshot) {
            return snapshot;
        }
        if (node != null && node.getKind() == SqlKind.AS && ((SqlCall) node).operand(0) instanceof SqlSnapshot s) {
            return s;
        }
        return null;
    }
}
