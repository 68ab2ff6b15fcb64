package io.laminardb.engine.plan;

import io.laminardb.engine.SqlValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * What the {@code ON} condition of a join of two inputs says to the streaming join: the equal keys the inputs meet on,
 * the rest of the condition, and, per input, the <i>bounds</i> of its rows: the latest event time of a row of the other
 * input that a row can still meet. A row whose bound the other input's watermark has passed can go.
 *
 * <p>Bounds come from comparisons of the other input's event-time column with an expression of this input's columns
 * ({@code b.ts <= a.ts + INTERVAL '1' HOUR}, {@code b.ts BETWEEN a.ts AND a.expires}, {@code b.ts = a.ts}), and from
 * equal window bounds of the same {@code TUMBLE} or {@code HOP} on both sides ({@code a.window_end = b.window_end}):
 * rows meet only rows of their own window.
 *
 * @param leftKeys the left input's key columns, in key order
 * @param rightKeys the right input's key columns, in the same order
 * @param rest the conjuncts of the condition that are not keys, over the joined row (time conditions stay here: they
 *     decide which rows meet, the bounds only when rows can go)
 * @param leftBound the left rows' bounds (the lowest applies); empty when they have none
 * @param rightBound the right rows' bounds, over the right input's own columns
 */
record StreamJoinCondition(
        int[] leftKeys, int[] rightKeys, List<RexNode> rest, List<Bound> leftBound, List<Bound> rightBound) {

    /**
     * A bound of a row: the value of {@code column} plus {@code offset} milliseconds, or the value of {@code
     * expression}.
     *
     * @param column a column of the row's input holding a timestamp, or -1 for {@code expression}
     * @param ownTime whether {@code column} is the input's event-time column: the bound is then {@code offset} after the
     *     row's own time
     * @param expression a timestamp expression over the row's input, or null
     */
    record Bound(int column, long offset, boolean ownTime, RexNode expression) {

        String describe(RelDataType rowType) {
            if (expression != null) {
                return expression.toString();
            }
            String name = rowType.getFieldNames().get(column);
            return offset == 0 ? name : name + (offset > 0 ? " + " : " - ") + Math.abs(offset) + "ms";
        }
    }

    /** A window bound column: which window and which end. */
    record WindowBound(String window, long size, boolean end) {}

    /**
     * @param leftTime the left input's event-time column, or -1
     * @param rightTime the right input's event-time column, or -1
     * @param leftWindows the left input's window bound columns
     * @param rightWindows the right input's window bound columns
     */
    static StreamJoinCondition of(
            Join join,
            int leftTime,
            int rightTime,
            Map<Integer, WindowBound> leftWindows,
            Map<Integer, WindowBound> rightWindows) {
        RexBuilder rexBuilder = join.getCluster().getRexBuilder();
        int leftWidth = join.getLeft().getRowType().getFieldCount();
        List<Integer> leftKeys = new ArrayList<>();
        List<Integer> rightKeys = new ArrayList<>();
        List<Boolean> filterNulls = new ArrayList<>();
        List<RexNode> rest = new ArrayList<>();
        List<RexNode> nonEqui = new ArrayList<>();
        RelOptUtil.splitJoinCondition(
                join.getLeft(), join.getRight(), join.getCondition(), leftKeys, rightKeys, filterNulls, nonEqui);
        for (RexNode condition : nonEqui) {
            rest.addAll(RelOptUtil.conjunctions(condition));
        }
        List<Integer> keptLeft = new ArrayList<>();
        List<Integer> keptRight = new ArrayList<>();
        List<Bound> leftBound = new ArrayList<>();
        List<Bound> rightBound = new ArrayList<>();
        for (int k = 0; k < leftKeys.size(); k++) {
            int l = leftKeys.get(k);
            int r = rightKeys.get(k);
            RelDataType leftType =
                    join.getLeft().getRowType().getFieldList().get(l).getType();
            RelDataType rightType =
                    join.getRight().getRowType().getFieldList().get(r).getType();
            RexNode left = new RexInputRef(l, leftType);
            RexNode right = new RexInputRef(leftWidth + r, rightType);
            if (!filterNulls.get(k)) {
                // IS NOT DISTINCT FROM: nulls meet, which hashing by key cannot do; it stays a condition.
                rest.add(rexBuilder.makeCall(SqlStdOperatorTable.IS_NOT_DISTINCT_FROM, left, right));
                continue;
            }
            if (leftType.getSqlTypeName() != rightType.getSqlTypeName()) {
                throw new SqlValidationException("The join compares " + name(join, l, true) + " (" + leftType
                        + ") with " + name(join, r, false) + " (" + rightType + "): rows meet by equal keys, so"
                        + " both sides need one type. CAST one side to the other's type.");
            }
            keptLeft.add(l);
            keptRight.add(r);
            WindowBound lw = leftWindows.get(l);
            WindowBound rw = rightWindows.get(r);
            if (lw != null && lw.equals(rw)) {
                // Equal bounds of one window: each row meets only rows of its own window, whose times end there.
                long offset = lw.end() ? -1 : lw.size() - 1;
                leftBound.add(new Bound(l, offset, false, null));
                rightBound.add(new Bound(r, offset, false, null));
            }
        }
        for (RexNode conjunct : rest) {
            bound(conjunct, leftWidth, rightTime >= 0 ? leftWidth + rightTime : -1, leftTime, true, leftBound);
            bound(conjunct, leftWidth, leftTime, rightTime, false, rightBound);
        }
        return new StreamJoinCondition(
                keptLeft.stream().mapToInt(Integer::intValue).toArray(),
                keptRight.stream().mapToInt(Integer::intValue).toArray(),
                rest,
                leftBound,
                rightBound);
    }

    private static String name(Join join, int column, boolean left) {
        return (left ? join.getLeft() : join.getRight())
                .getRowType()
                .getFieldNames()
                .get(column);
    }

    /**
     * If {@code conjunct} compares the other input's event time from below with an expression of this input ({@code
     * other.ts <= f(this)}, {@code other.ts - INTERVAL '1' MINUTE <= this.ts}, or {@code =}), adds the latest time of
     * the other input it allows to this input's bounds.
     *
     * @param otherTime the other input's event-time column in the joined row, or -1
     * @param ownTime this input's event-time column in its own row, or -1
     * @param left whether this input is the left one
     */
    private static void bound(
            RexNode conjunct, int leftWidth, int otherTime, int ownTime, boolean left, List<Bound> bounds) {
        if (otherTime < 0
                || !(conjunct instanceof RexCall call)
                || call.getOperands().size() != 2) {
            return;
        }
        RexNode a = call.getOperands().get(0);
        RexNode b = call.getOperands().get(1);
        switch (call.getKind()) {
            case LESS_THAN, LESS_THAN_OR_EQUAL -> bound(a, b, leftWidth, otherTime, ownTime, left, bounds);
            case GREATER_THAN, GREATER_THAN_OR_EQUAL -> bound(b, a, leftWidth, otherTime, ownTime, left, bounds);
            case EQUALS -> {
                bound(a, b, leftWidth, otherTime, ownTime, left, bounds);
                bound(b, a, leftWidth, otherTime, ownTime, left, bounds);
            }
            default -> {}
        }
    }

    /** {@code low <= high}: a bound if {@code low} is the other input's time (plus a constant), {@code high} ours. */
    private static void bound(
            RexNode low, RexNode high, int leftWidth, int otherTime, int ownTime, boolean left, List<Bound> bounds) {
        Shifted other = Shifted.of(low);
        if (other == null || other.column() != otherTime || !SqlTypeFamily.TIMESTAMP.contains(high.getType())) {
            return;
        }
        ImmutableBitSet used = RelOptUtil.InputFinder.bits(high);
        boolean own = used.isEmpty() || (left ? used.length() <= leftWidth : used.nth(0) >= leftWidth);
        if (!own) {
            return;
        }
        RexNode local = left ? high : RexUtil.shift(high, -leftWidth);
        // other + o <= own + c  means  other <= own + (c - o)
        Shifted mine = Shifted.of(local);
        if (mine != null) {
            bounds.add(new Bound(mine.column(), mine.offset() - other.offset(), mine.column() == ownTime, null));
        } else if (other.offset() == 0) {
            bounds.add(new Bound(-1, 0, false, local));
        }
    }

    /** A column plus a constant number of milliseconds: {@code $c}, {@code $c + INTERVAL}, {@code $c - INTERVAL}. */
    private record Shifted(int column, long offset) {

        static Shifted of(RexNode expr) {
            if (expr instanceof RexInputRef ref) {
                return new Shifted(ref.getIndex(), 0);
            }
            if (expr instanceof RexCall call
                    && (call.getKind() == SqlKind.PLUS || call.getKind() == SqlKind.MINUS)
                    && call.getOperands().size() == 2
                    && call.getOperands().get(0) instanceof RexInputRef ref
                    && call.getOperands().get(1) instanceof RexLiteral literal
                    && SqlTypeFamily.INTERVAL_DAY_TIME.contains(literal.getType())) {
                BigDecimal millis = literal.getValueAs(BigDecimal.class);
                if (millis != null) {
                    return new Shifted(
                            ref.getIndex(), call.getKind() == SqlKind.PLUS ? millis.longValue() : -millis.longValue());
                }
            }
            return null;
        }
    }
}
