package io.laminardb.engine.plan;

import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.operator.AnalyticFunction;
import io.laminardb.engine.operator.RowOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * The {@code OVER} window of a continuous query, as Calcite's {@link Window} holds it, read for the operators: its
 * {@code PARTITION BY} columns, its {@code ORDER BY}, its functions, and whether it is a top-N, that is a ranking
 * function whose result the filter right above the window bounds ({@code WHERE rn <= N}).
 *
 * <p>Only {@code ROW_NUMBER}, {@code RANK}, {@code DENSE_RANK}, {@code LAG} and {@code LEAD} over one window (one
 * {@code PARTITION BY} and {@code ORDER BY}) are accepted; anything else is refused here with a message naming it.
 */
final class AnalyticWindow {

    private final Window window;
    private final Window.Group group;
    private final List<Window.RexWinAggCall> calls;
    private final long limit;
    private final boolean rankRead;

    private AnalyticWindow(Window window, List<Window.RexWinAggCall> calls, long limit, boolean rankRead) {
        this.window = window;
        this.group = window.groups.get(0);
        this.calls = List.copyOf(calls);
        this.limit = limit;
        this.rankRead = rankRead;
    }

    /**
     * Reads {@code window}.
     *
     * @param above the program of the filter and projection right above the window, or null when there is none
     * @throws SqlValidationException for what continuous queries do not run
     */
    static AnalyticWindow of(Window window, RexProgram above) {
        Window.Group group = window.groups.get(0);
        // Calcite gives ROW_NUMBER a frame (ROWS UNBOUNDED PRECEDING) and RANK none, so one OVER clause may come as two
        // groups; the frame means nothing to these functions, the partition and order are what must agree.
        List<Window.RexWinAggCall> calls = new ArrayList<>();
        for (Window.Group other : window.groups) {
            if (!other.keys.equals(group.keys) || !other.orderKeys.equals(group.orderKeys)) {
                throw new SqlValidationException("A continuous query may use one OVER window (one PARTITION BY and"
                        + " ORDER BY); this one uses " + describeGroups(window) + ". Compute the others in a stream"
                        + " of their own and read it.");
            }
            calls.addAll(other.aggCalls);
        }
        for (Window.RexWinAggCall call : calls) {
            if (kindOf(call) == null) {
                throw new SqlValidationException("Aggregates over OVER windows (SUM, COUNT, AVG, MIN, MAX ... OVER"
                        + " (...)) are not supported in continuous queries in this release; found "
                        + call.getOperator().getName()
                        + ". OVER windows run LAG, LEAD, ROW_NUMBER, RANK and DENSE_RANK;"
                        + " aggregate with GROUP BY (and a window for time ranges).");
            }
        }
        int width = window.getInput().getRowType().getFieldCount();
        long limit = -1;
        boolean rankRead = true;
        if (above != null && above.getCondition() != null) {
            for (int i = 0; i < calls.size(); i++) {
                if (!kindOf(calls.get(i)).ranks()) {
                    continue;
                }
                List<RexNode> bounds = new ArrayList<>();
                long bound = upperBound(window.getCluster().getRexBuilder(), above, width + i, bounds);
                if (bound < 0) {
                    continue;
                }
                if (calls.size() != 1) {
                    throw new SqlValidationException("A top-N query (a filter on " + calls.get(i)
                            + " such as rn <= N) ranks with that one function; this OVER window also computes "
                            + describeCalls(calls) + ". Compute them in a query of their own.");
                }
                limit = bound;
                rankRead = reads(above, width + i, bounds);
            }
        }
        return new AnalyticWindow(window, calls, limit, rankRead);
    }

    /** Whether this is a top-N: one ranking function, bounded by the filter above. */
    boolean topN() {
        return limit >= 0;
    }

    /** The largest rank a top-N keeps. */
    long limit() {
        return limit;
    }

    /** Whether the query reads a top-N's rank (in its projection, or in a condition other than the bound). */
    boolean rankRead() {
        return rankRead;
    }

    int[] partitionKeys() {
        return group.keys.toArray();
    }

    List<RelFieldCollation> order() {
        return group.orderKeys.getFieldCollations();
    }

    /** The functions, in the order of their output columns. */
    List<Window.RexWinAggCall> calls() {
        return calls;
    }

    /**
     * Checks that the window orders by the event-time column alone, ascending, as {@code LAG}, {@code LEAD} and a
     * ranking without a top-N filter need.
     *
     * @param eventTimeColumn the input column holding the event time of the source read, or -1 when there is none
     * @param source what the query reads, for the messages
     */
    void checkEventTimeOrder(int eventTimeColumn, String source) {
        boolean ranksOnly = calls().stream().allMatch(call -> kindOf(call).ranks());
        List<RelFieldCollation> order = order();
        boolean byEventTime = eventTimeColumn >= 0
                && order.size() == 1
                && order.get(0).getFieldIndex() == eventTimeColumn
                && !order.get(0).getDirection().isDescending();
        if (byEventTime) {
            return;
        }
        if (ranksOnly) {
            throw new SqlValidationException(describeCalls(calls) + " OVER (... ORDER BY " + orderText()
                    + ") needs a filter on its result to run continuously, a top-N: SELECT * FROM (SELECT ..., "
                    + calls().get(0).getOperator().getName() + "() OVER (PARTITION BY ... ORDER BY ...) AS rn FROM"
                    + " ...) WHERE rn <= 10. Without one every row's rank may change at each new row, and every row"
                    + " would be kept. (Ordered by the event-time column alone, ascending, rows are numbered as the"
                    + " watermark passes them.)");
        }
        List<String> names = window.getInput().getRowType().getFieldNames();
        String column = eventTimeColumn >= 0 ? names.get(eventTimeColumn) : null;
        String fix = column != null
                ? "ORDER BY " + column + ", the event-time column of '" + source + "' (its WATERMARK FOR column),"
                        + " ascending and alone"
                : "ORDER BY the event-time column of the source read (its WATERMARK FOR column), which '" + source
                        + "' does not have: LAG and LEAD read a source with a WATERMARK FOR column, through filters and"
                        + " projections that keep that column";
        throw new SqlValidationException("LAG and LEAD in continuous queries follow event time: rows are ordered by"
                + " their event time and handed on as the watermark passes them. " + describeCalls(calls) + " OVER"
                + " (... ORDER BY " + orderText() + ") needs " + fix + ".");
    }

    /**
     * The functions as the operators compute them.
     *
     * @param constant the value, in query form, of a constant operand as the function's result type
     */
    List<AnalyticFunction> functions(
            java.util.function.BiFunction<RexLiteral, org.apache.calcite.rel.type.RelDataType, Object> constant) {
        int width = window.getInput().getRowType().getFieldCount();
        List<AnalyticFunction> functions = new ArrayList<>();
        for (Window.RexWinAggCall call : calls()) {
            AnalyticFunction.Kind kind = kindOf(call);
            if (kind.ranks()) {
                functions.add(AnalyticFunction.ranking(kind));
                continue;
            }
            List<RexNode> operands = call.getOperands();
            if (!(operands.get(0) instanceof RexInputRef value) || value.getIndex() >= width) {
                throw new SqlValidationException(call + ": the value of " + kind + " must be a column or an expression"
                        + " of the row, not a constant.");
            }
            int offset = 1;
            if (operands.size() > 1) {
                RexLiteral literal = constantOf(operands.get(1), width);
                Long n = literal == null ? null : literal.getValueAs(Long.class);
                if (n == null || n < 0 || n > 10_000) {
                    throw new SqlValidationException(call + ": the offset of " + kind + " must be a constant whole"
                            + " number from 0 to 10000, not " + operands.get(1) + ".");
                }
                offset = n.intValue();
            }
            int defaultColumn = -1;
            Object defaultValue = null;
            if (operands.size() > 2) {
                RexNode fallback = operands.get(2);
                if (fallback instanceof RexInputRef ref && ref.getIndex() < width) {
                    if (ref.getType().getSqlTypeName() != call.getType().getSqlTypeName()) {
                        throw new SqlValidationException(call + ": the default of " + kind + " has type "
                                + ref.getType() + " where the value has " + call.getType() + "; CAST it.");
                    }
                    defaultColumn = ref.getIndex();
                } else {
                    RexLiteral literal = constantOf(fallback, width);
                    if (literal == null) {
                        throw new SqlValidationException(
                                call + ": the default of " + kind + " must be a constant" + " or a column of the row.");
                    }
                    defaultValue = constant.apply(literal, call.getType());
                }
            }
            functions.add(AnalyticFunction.offset(kind, value.getIndex(), offset, defaultColumn, defaultValue));
        }
        return functions;
    }

    /** The literal an operand is: itself, or the window's constant it refers to; null for anything else. */
    private RexLiteral constantOf(RexNode operand, int width) {
        RexNode node = RexUtil.removeCast(operand);
        if (node instanceof RexLiteral literal) {
            return literal;
        }
        if (node instanceof RexInputRef ref && ref.getIndex() >= width) {
            return window.constants.get(ref.getIndex() - width);
        }
        return null;
    }

    /** {@code [lag(price, 1), row_number()]}: the functions, for {@code EXPLAIN}. */
    String describeFunctions(List<AnalyticFunction> functions) {
        List<String> names = window.getInput().getRowType().getFieldNames();
        List<String> parts = new ArrayList<>();
        for (AnalyticFunction function : functions) {
            String name = function.kind().name().toLowerCase(java.util.Locale.ROOT);
            if (function.kind().ranks()) {
                parts.add(name + "()");
                continue;
            }
            String fallback = function.defaultColumn() >= 0
                    ? ", " + names.get(function.defaultColumn())
                    : function.defaultValue() == null ? "" : ", " + function.defaultValue();
            parts.add(name + "(" + names.get(function.column()) + ", " + function.offset() + fallback + ")");
        }
        return String.join(", ", parts);
    }

    /** The function of a call, or null for one continuous queries do not run. */
    static AnalyticFunction.Kind kindOf(Window.RexWinAggCall call) {
        return switch (call.getKind()) {
            case ROW_NUMBER -> AnalyticFunction.Kind.ROW_NUMBER;
            case RANK -> AnalyticFunction.Kind.RANK;
            case DENSE_RANK -> AnalyticFunction.Kind.DENSE_RANK;
            case LAG -> AnalyticFunction.Kind.LAG;
            case LEAD -> AnalyticFunction.Kind.LEAD;
            default -> null;
        };
    }

    /** The {@code ORDER BY} as the operators compare rows. */
    RowOrder rowOrder() {
        List<RelFieldCollation> fields = order();
        int[] columns = new int[fields.size()];
        boolean[] descending = new boolean[columns.length];
        boolean[] nullsFirst = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            RelFieldCollation field = fields.get(i);
            columns[i] = field.getFieldIndex();
            descending[i] = field.getDirection().isDescending();
            RelFieldCollation.NullDirection nulls = field.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
                    ? field.getDirection().defaultNullDirection()
                    : field.nullDirection;
            nullsFirst[i] = nulls == RelFieldCollation.NullDirection.FIRST;
        }
        return new RowOrder(columns, descending, nullsFirst, describeOrder());
    }

    /** {@code [k]}: the partition columns by name. */
    String describePartition() {
        List<String> names = window.getInput().getRowType().getFieldNames();
        return group.keys.asList().stream().map(names::get).collect(Collectors.joining(", ", "[", "]"));
    }

    /** {@code [price DESC, ts]}: the order by column name. */
    String describeOrder() {
        List<String> names = window.getInput().getRowType().getFieldNames();
        return order().stream()
                .map(f -> names.get(f.getFieldIndex()) + (f.getDirection().isDescending() ? " DESC" : ""))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** The order as written after {@code ORDER BY}. */
    private String orderText() {
        String order = describeOrder();
        return order.substring(1, order.length() - 1);
    }

    private static String describeGroups(Window window) {
        return window.groups.stream().map(Object::toString).collect(Collectors.joining("; "));
    }

    private static String describeCalls(List<Window.RexWinAggCall> calls) {
        return calls.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    /**
     * The smallest upper bound the condition of {@code program} puts on {@code column} ({@code column <= 3}, {@code
     * column < 4}, {@code column = 3}, either way round, and their {@code SEARCH} form), or -1 when it puts none. The
     * conjuncts that are only upper bounds ({@code <}, {@code <=}) are added to {@code bounds}.
     */
    private static long upperBound(RexBuilder rexBuilder, RexProgram program, int column, List<RexNode> bounds) {
        long bound = -1;
        RexNode condition = program.expandLocalRef(program.getCondition());
        for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
            List<RexNode> parts = conjunct.getKind() == SqlKind.SEARCH
                    ? RelOptUtil.conjunctions(RexUtil.expandSearch(rexBuilder, null, conjunct))
                    : List.of(conjunct);
            for (RexNode part : parts) {
                long found = boundOf(part, column);
                if (found >= 0) {
                    bound = bound < 0 ? found : Math.min(bound, found);
                    if (part.getKind() != SqlKind.EQUALS && parts.size() == 1) {
                        bounds.add(conjunct);
                    }
                }
            }
        }
        return bound;
    }

    /** The upper bound {@code comparison} puts on {@code column}, or -1. */
    private static long boundOf(RexNode comparison, int column) {
        if (!(comparison instanceof RexCall call) || call.getOperands().size() != 2) {
            return -1;
        }
        RexNode left = RexUtil.removeCast(call.getOperands().get(0));
        RexNode right = RexUtil.removeCast(call.getOperands().get(1));
        SqlKind kind = call.getKind();
        if (right instanceof RexInputRef && left instanceof RexLiteral) {
            RexNode swap = left;
            left = right;
            right = swap;
            kind = kind.reverse();
        }
        if (!(left instanceof RexInputRef ref) || ref.getIndex() != column || !(right instanceof RexLiteral literal)) {
            return -1;
        }
        BigDecimal value = literal.getValueAs(BigDecimal.class);
        if (value == null) {
            return -1;
        }
        BigDecimal bound = switch (kind) {
            case LESS_THAN_OR_EQUAL, EQUALS -> value.setScale(0, RoundingMode.FLOOR);
            case LESS_THAN -> value.setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE);
            default -> null;
        };
        if (bound == null) {
            return -1;
        }
        return Math.max(0, bound.min(BigDecimal.valueOf(Integer.MAX_VALUE)).longValue());
    }

    /** Whether {@code program} reads {@code column} other than in the conjuncts {@code bounds}. */
    private static boolean reads(RexProgram program, int column, List<RexNode> bounds) {
        for (RexNode project : program.expandList(program.getProjectList())) {
            if (RelOptUtil.InputFinder.bits(project).get(column)) {
                return true;
            }
        }
        RexNode condition = program.expandLocalRef(program.getCondition());
        for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
            if (!bounds.contains(conjunct)
                    && RelOptUtil.InputFinder.bits(conjunct).get(column)) {
                return true;
            }
        }
        return false;
    }
}
