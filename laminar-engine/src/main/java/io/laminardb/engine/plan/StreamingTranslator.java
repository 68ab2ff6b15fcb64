package io.laminardb.engine.plan;

import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.exchange.MergeTask;
import io.laminardb.engine.exchange.PartitionOperator;
import io.laminardb.engine.exchange.PartitionTask;
import io.laminardb.engine.exchange.PartitionedState;
import io.laminardb.engine.operator.AnalyticFunction;
import io.laminardb.engine.operator.AsofJoinOperator;
import io.laminardb.engine.operator.CalcOperator;
import io.laminardb.engine.operator.EmitMode;
import io.laminardb.engine.operator.EventTimeOverOperator;
import io.laminardb.engine.operator.GroupAggregateOperator;
import io.laminardb.engine.operator.Groups;
import io.laminardb.engine.operator.LateDataPolicy;
import io.laminardb.engine.operator.LateRows;
import io.laminardb.engine.operator.LookupJoinOperator;
import io.laminardb.engine.operator.Operator;
import io.laminardb.engine.operator.PaneWindowAggregateOperator;
import io.laminardb.engine.operator.RowOrder;
import io.laminardb.engine.operator.SessionWindowOperator;
import io.laminardb.engine.operator.StreamJoinOperator;
import io.laminardb.engine.operator.TopNOperator;
import io.laminardb.engine.operator.TwoInputOperator;
import io.laminardb.engine.operator.WindowAggregateOperator;
import io.laminardb.engine.operator.WindowAssignOperator;
import io.laminardb.engine.operator.WindowSpec;
import io.laminardb.engine.operator.aggregate.AggregateFunction;
import io.laminardb.engine.operator.aggregate.AggregateFunctions;
import io.laminardb.engine.plan.codegen.ExpressionCompiler;
import io.laminardb.engine.plan.codegen.LaminarFunctions;
import io.laminardb.engine.plan.codegen.RowCalc;
import io.laminardb.engine.plan.codegen.RowPredicate;
import io.laminardb.engine.plan.codegen.RowProjection;
import io.laminardb.engine.runtime.EngineTask;
import io.laminardb.engine.source.EventPublisher;
import io.laminardb.engine.source.SourceRuntime;
import io.laminardb.engine.state.Stateful;
import io.laminardb.engine.stream.ColumnarCalc;
import io.laminardb.engine.stream.RowErrors;
import io.laminardb.engine.stream.StreamRuntime;
import io.laminardb.engine.table.TableRuntime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Turns a continuous query's relational plan into a chain of streaming operators.
 *
 * <p>Supported: scans of a source, stream or view; filters and projections (fused into one compiled step per chain);
 * the window table functions {@code TUMBLE}, {@code HOP} and {@code SESSION}; and {@code GROUP BY} with or without a
 * window; lookup joins of a stream with a table ({@link LookupJoinOperator}); joins of two inputs, interval, window
 * and regular ({@link StreamJoinOperator}), ASOF and temporal ({@link AsofJoinOperator}); one {@code OVER} window, a top-N ({@link
 * TopNOperator}) when the filter above it bounds its ranking, else {@code LAG}, {@code LEAD} and rankings in event time
 * ({@link EventTimeOverOperator}; see {@link AnalyticWindow}). A group key that is a window bound makes the aggregate
 * windowed. Anything else is refused with a message naming it.
 *
 * <p>The operators that keep state are named by their role in the query ({@code group-aggregate}, {@code
 * window-aggregate}, {@code pane-aggregate}, {@code session-window}, {@code top-n}, {@code event-time-over}, {@code join}, {@code asof-join}), with an
 * ordinal from the second of a role on ({@code window-aggregate-2}): names that depend only on the query's own plan, so
 * that a checkpoint's state finds its operator again whatever other queries come and go.
 */
public final class StreamingTranslator {

    /**
     * The translated query.
     *
     * @param state the operators that keep state, by role (see the class comment), each over all its partitions
     * @param inputProjection the source columns of the rows handed to {@code head}, in order, when the query's first
     *     step only picks columns of a source (the input reads them straight into the row, no projection runs); null
     *     when {@code head} takes rows as wide as the input, with the {@code usedInputColumns} filled in
     */
    public record Translation(
            EventPublisher input,
            Operator head,
            int[] usedInputColumns,
            List<ExplainStep> explain,
            EmitMode emit,
            boolean windowed,
            LateRows lateRows,
            RelDataType lateRowType,
            List<WindowProbe> windows,
            List<PartitionTask> partitions,
            List<MergeTask> merges,
            List<String> lookups,
            ColumnarCalc columnar,
            Map<String, Stateful> state,
            List<JoinedInput> joinedInputs,
            int[] inputProjection) {}

    /**
     * A further input of the query, read by the right side of a join of two inputs: its rows go into {@code head}.
     *
     * @param used the input's columns that side reads
     */
    public record JoinedInput(EventPublisher input, Operator head, int[] used) {}

    /** A column that holds a window bound. */
    private record WindowColumn(WindowSpec window, boolean end) {}

    private final ExpressionCompiler compiler;
    private final Function<String, EventPublisher> catalog;
    private final EmitMode requestedEmit;
    private final long periodMillis;
    private final LateDataPolicy late;
    private final int partitionCount;
    private final RowErrors errors;
    private final List<PartitionTask> partitions = new ArrayList<>();
    private final List<String> lookups = new ArrayList<>();
    private final List<JoinedInput> joinedInputs = new ArrayList<>();
    private final Map<String, Stateful> state = new LinkedHashMap<>();
    private final List<MergeTask> merges = new ArrayList<>();
    /** Whether the keyed operator built last runs behind an exchange (one step more in {@code EXPLAIN}). */
    private boolean exchanged;
    /** Whether the query has a top-N, whose output is a changelog whatever the aggregates below it emit. */
    private boolean ranked;

    private final List<ExplainStep> explain = new ArrayList<>();
    private final List<WindowProbe> probes = new ArrayList<>();
    private final LateRows lateRows = new LateRows();
    private RelDataType lateRowType;
    private EmitMode emit;
    private boolean windowed;
    private EventPublisher input;
    private int[] used;
    /** See {@link Translation#inputProjection}; set for the query's own input only. */
    private int[] inputProjection;
    /** Whether the chain being built reads a joined input (its rows come in as wide as that input). */
    private boolean buildingJoinedInput;
    /** The output operator of the query being translated. */
    private Operator output;
    /** The filter and projection right before the output, straight over the scan: the candidate for columnar form. */
    private Calc outputCalc;

    private RowCalc outputCalcCompiled;

    /** The {@code HOP} whose rows are assigned to panes for a {@link PaneWindowAggregateOperator}, or null. */
    private TableFunctionScan paneScan;

    /**
     * @param catalog finds the source, stream or view a scan reads, by name
     * @param requestedEmit the {@code EMIT} clause, null for the default
     * @param periodMillis the period of {@code EMIT EVERY}
     */
    public StreamingTranslator(
            ExpressionCompiler compiler,
            Function<String, EventPublisher> catalog,
            EmitMode requestedEmit,
            long periodMillis,
            LateDataPolicy late,
            int partitionCount,
            RowErrors errors) {
        this.compiler = compiler;
        this.errors = errors;
        this.partitionCount = partitionCount;
        this.catalog = catalog;
        this.requestedEmit = requestedEmit;
        this.periodMillis = periodMillis;
        this.late = late;
    }

    /** Whether {@code rel}'s output may retract rows, given the emit mode asked for. */
    public boolean isChangelog(RelNode rel) {
        if (rel instanceof TableScan scan) {
            return publisher(scan).isChangelog();
        }
        if (rel instanceof Join join) {
            if (isLookup(join)) {
                // Rows already joined are not revised when the table changes.
                return isChangelog(join.getLeft());
            }
            if (asofMarker(join) != null) {
                return false; // each left row handed on once, when its match is certain
            }
            // An outer side without time bounds hands on its unmatched rows at once and retracts them on a match.
            StreamJoinCondition condition = joinCondition(join);
            boolean eagerLeft = outerLeft(join) && condition.leftBound().isEmpty();
            boolean eagerRight = outerRight(join) && condition.rightBound().isEmpty();
            return eagerLeft || eagerRight || isChangelog(join.getLeft()) || isChangelog(join.getRight());
        }
        if (rel instanceof Calc calc && calc.getInput() instanceof Window window) {
            // A top-N retracts rows that leave the top; LAG and LEAD hand each row on once.
            return AnalyticWindow.of(window, calc.getProgram()).topN() || isChangelog(window.getInput());
        }
        if (rel instanceof Aggregate aggregate) {
            EmitMode mode = emitFor(aggregate);
            boolean windowedAggregate = windowKey(aggregate) != null;
            if (!windowedAggregate) {
                return mode != EmitMode.ON_UPDATE;
            }
            return switch (mode) {
                case ON_WINDOW_CLOSE -> late.action() == LateDataPolicy.Action.UPDATE;
                case FINAL -> false;
                case ON_UPDATE -> false;
                default -> true;
            };
        }
        for (RelNode in : rel.getInputs()) {
            if (isChangelog(in)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code rel} aggregates. */
    public boolean aggregates(RelNode rel) {
        if (rel instanceof Aggregate) {
            return true;
        }
        return rel.getInputs().stream().anyMatch(this::aggregates);
    }

    /** The upsert stream {@code rel} reads, if it reads one. */
    private EventPublisher upsertInput(RelNode rel) {
        if (rel instanceof TableScan scan) {
            EventPublisher publisher = publisher(scan);
            return publisher.isUpsert() ? publisher : null;
        }
        if (rel instanceof Join join && isLookup(join)) {
            return upsertInput(join.getLeft());
        }
        for (RelNode in : rel.getInputs()) {
            EventPublisher found = upsertInput(in);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Builds the operators of {@code rel}, the last handing its rows to {@code output}. */
    public Translation translate(RelNode rel, Operator output) {
        this.output = output;
        Operator head = build(rel, output, 1);
        if (emit == null && ranked) {
            if (requestedEmit != null && requestedEmit != EmitMode.CHANGES) {
                throw new SqlValidationException(requestedEmit.sql() + " does not apply to a top-N query, which hands"
                        + " on each change of the top as it happens (EMIT CHANGES). Remove the EMIT clause.");
            }
            emit = EmitMode.CHANGES;
        }
        if (emit == null) {
            if (requestedEmit != null && requestedEmit != EmitMode.CHANGES && requestedEmit != EmitMode.ON_UPDATE) {
                throw new SqlValidationException(requestedEmit.sql() + " needs an aggregate (GROUP BY or a window):"
                        + " the query hands on each row as it comes. Remove the EMIT clause.");
            }
            emit = requestedEmit == null ? EmitMode.ON_UPDATE : requestedEmit;
        }
        explain.add(
                0, new ExplainStep(0, "Output", "columns=" + rel.getRowType().getFieldNames(), "none", emit.sql()));
        return new Translation(
                input,
                head,
                used,
                List.copyOf(explain),
                emit,
                windowed,
                lateRows,
                lateRowType,
                List.copyOf(probes),
                List.copyOf(partitions),
                List.copyOf(merges),
                List.copyOf(lookups),
                columnar(head, output),
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(state)),
                List.copyOf(joinedInputs),
                inputProjection);
    }

    /**
     * The columnar form of a query that is only a filter and projection (or nothing) between a source and its stream,
     * or null: batches pushed into the source then run through it whole (see {@link ColumnarCalc}).
     */
    private ColumnarCalc columnar(Operator head, Operator output) {
        if (!(input instanceof SourceRuntime source) || !(output instanceof StreamRuntime stream)) {
            return null;
        }
        if (head == output && inputProjection == null) {
            int[] identity =
                    IntStream.range(0, source.schema().getFields().size()).toArray();
            return ColumnarCalc.of(source.schema(), stream.schema(), null, identity, false, new int[0]);
        }
        boolean picked = head == output && inputProjection != null;
        if (outputCalc == null || !(head instanceof CalcOperator || picked)) {
            return null;
        }
        RexProgram program = outputCalc.getProgram();
        int[] projects = new int[program.getProjectList().size()];
        List<RexNode> expressions = new ArrayList<>();
        for (int i = 0; i < projects.length; i++) {
            RexNode expr = program.expandLocalRef(program.getProjectList().get(i));
            projects[i] = expr instanceof RexInputRef ref ? ref.getIndex() : -1;
            expressions.add(expr);
        }
        // Row by row, only what the condition and the computed columns read; plain references are shared or copied.
        ImmutableBitSet.Builder evaluated = ImmutableBitSet.builder();
        for (int i = 0; i < projects.length; i++) {
            if (projects[i] < 0) {
                evaluated.addAll(inputsOf(program, program.getProjectList().get(i)));
            }
        }
        if (program.getCondition() != null) {
            evaluated.addAll(inputsOf(program, program.getCondition()));
        }
        return ColumnarCalc.of(
                source.schema(),
                stream.schema(),
                outputCalcCompiled,
                projects,
                program.getCondition() != null,
                evaluated.build().toArray(),
                expressions);
    }

    private Operator build(RelNode rel, Operator next, int depth) {
        if (rel instanceof TableScan scan) {
            input = publisher(scan);
            if (input instanceof TableRuntime table && table.external().isPresent()) {
                throw new SqlValidationException("Table '" + table.name() + "' is backed by connector '"
                        + table.external().get().metrics().connector() + "': its rows are looked up by key, never"
                        + " read as a whole. Join a stream with it, the table on the right, INNER or LEFT, on its"
                        + " primary key: FROM s JOIN " + table.name() + " t ON s.<column> = t."
                        + table.primaryKey().get(0) + ".");
            }
            if (used == null) {
                used = IntStream.range(0, scan.getRowType().getFieldCount()).toArray();
            }
            explain.add(new ExplainStep(depth, "Scan", input.name(), "none", "-"));
            return next;
        }
        if (rel instanceof Calc calc
                && calc.getInput() instanceof TableFunctionScan function
                && pickedColumns(calc.getProgram()) != null
                && windowOf(function).kind() != WindowSpec.Kind.SESSION) {
            // Picking columns of the windowed row: the window assignment writes them directly.
            WindowSpec window = assignedWindow(function);
            int[] picked = pickedColumns(calc.getProgram());
            int inputColumns = function.getInputs().get(0).getRowType().getFieldCount();
            int[] projection = IntStream.of(picked)
                    .map(c -> c < inputColumns
                            ? c
                            : c == inputColumns ? WindowAssignOperator.WINDOW_START : WindowAssignOperator.WINDOW_END)
                    .toArray();
            explain.add(new ExplainStep(
                    depth,
                    "WindowAssign",
                    describeAssigned(function) + " on " + timeColumn(function, window) + ", columns="
                            + calc.getRowType().getFieldNames(),
                    "none",
                    "per row"));
            if (function.getInputs().get(0) instanceof TableScan) {
                used = IntStream.concat(IntStream.of(projection).filter(c -> c >= 0), IntStream.of(window.timeColumn()))
                        .distinct()
                        .sorted()
                        .toArray();
            }
            return build(function.getInputs().get(0), new WindowAssignOperator(window, projection, next), depth + 1);
        }
        if (rel instanceof Calc calc
                && !buildingJoinedInput
                && calc.getInput() instanceof TableScan scan
                && publisher(scan) instanceof SourceRuntime
                && pickedColumns(calc.getProgram()) != null) {
            // Only picking columns of a source: the input reads them straight into the row, no projection runs.
            RexProgram program = calc.getProgram();
            explain.add(new ExplainStep(depth, "Calc", describe(program), "none", "per row"));
            inputProjection = pickedColumns(program);
            used = IntStream.of(inputProjection).distinct().sorted().toArray();
            if (next == output) {
                outputCalc = calc;
                outputCalcCompiled = compile(program);
            }
            return build(scan, next, depth + 1);
        }
        if (rel instanceof Calc calc) {
            RexProgram program = calc.getProgram();
            RowCalc compiled = compile(program);
            explain.add(new ExplainStep(depth, "Calc", describe(program), "none", "per row"));
            if (calc.getInput() instanceof TableScan) {
                used = usedColumns(program);
                if (next == output) {
                    outputCalc = calc;
                    outputCalcCompiled = compiled;
                }
            }
            CalcOperator operator = new CalcOperator(compiled, next, errors);
            if (calc.getInput() instanceof Window window) {
                return buildWindow(window, program, operator, depth + 1);
            }
            return build(calc.getInput(), operator, depth + 1);
        }
        if (rel instanceof TableFunctionScan function) {
            WindowSpec window = windowOf(function);
            if (window.kind() == WindowSpec.Kind.SESSION) {
                throw new SqlValidationException("SESSION windows are supported only directly under a GROUP BY on"
                        + " window_start or window_end: " + function.getCall());
            }
            explain.add(new ExplainStep(
                    depth,
                    "WindowAssign",
                    describeAssigned(function) + " on " + timeColumn(function, window),
                    "none",
                    "per row"));
            return build(
                    function.getInputs().get(0), new WindowAssignOperator(assignedWindow(function), next), depth + 1);
        }
        if (rel instanceof Aggregate aggregate) {
            return buildAggregate(aggregate, next, depth);
        }
        if (rel instanceof Join join) {
            if (asofMarker(join) != null) {
                return buildAsofJoin(join, next, depth);
            }
            return isLookup(join) ? buildLookupJoin(join, next, depth) : buildStreamJoin(join, next, depth);
        }
        if (rel instanceof Window window) {
            return buildWindow(window, null, next, depth);
        }
        throw new SqlValidationException(describeUnsupported(rel));
    }

    /**
     * An {@code OVER} window: a top-N when the filter above bounds its ranking ({@link TopNOperator}), else functions
     * that follow event time ({@link EventTimeOverOperator}).
     *
     * @param above the program of the filter and projection right above the window, or null
     */
    private Operator buildWindow(Window window, RexProgram above, Operator next, int depth) {
        AnalyticWindow analytic = AnalyticWindow.of(window, above);
        RelNode in = window.getInput();
        EventPublisher upsertInput = upsertInput(in);
        if (upsertInput != null) {
            throw new SqlValidationException("Stream '" + upsertInput.name() + "' emits upserts (EMIT ON UPDATE):"
                    + " its new rows replace old ones without retracting them, so ranking over it would rank every"
                    + " version. Create it with EMIT CHANGES to rank its rows.");
        }
        RexBuilder rexBuilder = window.getCluster().getRexBuilder();
        List<AnalyticFunction> functions = analytic.functions((literal, type) -> constant(rexBuilder, literal, type));
        int width = in.getRowType().getFieldCount();
        int[] keys = analytic.partitionKeys();
        String details = analytic.describeFunctions(functions) + " over (partition=" + analytic.describePartition()
                + ", order=" + analytic.describeOrder();
        if (analytic.topN()) {
            if (requestedEmit == EmitMode.ON_UPDATE) {
                throw new SqlValidationException("EMIT ON UPDATE does not apply to a top-N query: its aggregate's"
                        + " upserts would each be ranked as a row. Leave the EMIT clause out.");
            }
            ranked = true;
            boolean appendOnly = !isChangelog(in);
            RowOrder order = analytic.rowOrder();
            explain.add(new ExplainStep(
                    depth,
                    "TopN",
                    details + "), limit=" + analytic.limit() + (analytic.rankRead() ? "" : ", rank not read"),
                    appendOnly ? "the top rows per partition" : "every row per partition (the input retracts)",
                    EmitMode.CHANGES.sql()));
            List<TopNOperator> copies = new ArrayList<>();
            Operator operator = partitioned(keys, in, depth, next, new LateRows(), (out, lateView) -> {
                TopNOperator copy = new TopNOperator(
                        keys,
                        order,
                        functions.get(0).kind(),
                        analytic.limit(),
                        analytic.rankRead(),
                        appendOnly,
                        width,
                        out);
                copies.add(copy);
                return copy;
            });
            keepState("top-n", copies);
            return build(in, operator, depth + 1 + (exchanged ? 1 : 0));
        }
        EventPublisher source = inputOf(in);
        analytic.checkEventTimeOrder(eventTimeColumn(in), source == null ? "the input" : source.name());
        if (isChangelog(in)) {
            throw new SqlValidationException("LAG, LEAD and numbering by event time read an append-only stream, and"
                    + " this input is a changelog (it updates or retracts rows). Rank a changelog with a top-N filter"
                    + " (WHERE rn <= N).");
        }
        int timeColumn = analytic.order().get(0).getFieldIndex();
        explain.add(new ExplainStep(
                depth,
                "EventTimeOver",
                details + "), late rows dropped",
                "rows until the watermark passes them; per partition the last rows LAG reads and those LEAD waits on",
                "per row, as the watermark passes it"));
        List<EventTimeOverOperator> copies = new ArrayList<>();
        Operator operator = partitioned(keys, in, depth, next, lateRows.countingOnly(), (out, lateView) -> {
            EventTimeOverOperator copy = new EventTimeOverOperator(keys, timeColumn, functions, width, lateView, out);
            copies.add(copy);
            return copy;
        });
        keepState("event-time-over", copies);
        return build(in, operator, depth + 1 + (exchanged ? 1 : 0));
    }

    /** The value, in query form, of a constant operand of an analytic function, as {@code type}. */
    private Object constant(RexBuilder rexBuilder, RexLiteral literal, RelDataType type) {
        RexNode cast = rexBuilder.makeCast(type, literal, true, false);
        RelDataType empty = rexBuilder.getTypeFactory().builder().build();
        return compiler.compileProjection(List.of(cast), empty).apply(new Object[0])[0];
    }

    /**
     * The column of {@code rel}'s output that holds the event time of the source it reads (its {@code WATERMARK FOR}
     * column), through filters and projections that keep it; -1 when there is none.
     */
    private int eventTimeColumn(RelNode rel) {
        if (rel instanceof TableScan scan) {
            return publisher(scan) instanceof SourceRuntime source
                    ? source.definition().watermarkColumn()
                    : -1;
        }
        if (rel instanceof Calc calc) {
            int below = eventTimeColumn(calc.getInput());
            RexProgram program = calc.getProgram();
            for (int i = 0; below >= 0 && i < program.getProjectList().size(); i++) {
                if (program.expandLocalRef(program.getProjectList().get(i)) instanceof RexInputRef ref
                        && ref.getIndex() == below) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The source, stream, view or table {@code rel} reads (the stream side of a lookup join), or null. */
    private EventPublisher inputOf(RelNode rel) {
        if (rel instanceof TableScan scan) {
            return publisher(scan);
        }
        if (rel instanceof Join join) {
            return inputOf(join.getLeft());
        }
        return rel.getInputs().isEmpty() ? null : inputOf(rel.getInputs().get(0));
    }

    /**
     * Whether {@code join} is a lookup join: an append-only stream on the left whose rows read a table on the right,
     * joined {@code INNER} or {@code LEFT}. Any other join of two inputs keeps the rows of both ({@link
     * #buildStreamJoin}).
     */
    private boolean isLookup(Join join) {
        return asofMarker(join) == null
                && lookedUp(join.getRight()) instanceof TableScan scan
                && publisher(scan) instanceof TableRuntime
                && (join.getJoinType() == JoinRelType.INNER || join.getJoinType() == JoinRelType.LEFT)
                && tableIn(join.getLeft()) == null
                && !isChangelog(join.getLeft());
    }

    /**
     * The scan a join's right side reads: the side itself, or the scan under a filter and projection (Calcite computes
     * there the expressions of the {@code ON} condition over the right side, such as a cast of the key, and puts there
     * the conditions on the right side alone).
     */
    private static RelNode lookedUp(RelNode right) {
        if (right instanceof Calc calc && calc.getInput() instanceof TableScan scan) {
            return scan;
        }
        return right;
    }

    /**
     * A lookup join: a stream (append-only) on the left, a table on the right, an equality of stream values with each
     * column of the table's primary key, and any other conditions.
     */
    private Operator buildLookupJoin(Join join, Operator next, int depth) {
        RelNode left = join.getLeft();
        RelNode right = join.getRight();
        RelNode scanned = lookedUp(right);
        RexProgram rightProgram = scanned == right ? null : ((Calc) right).getProgram();
        TableRuntime table = (TableRuntime) publisher((TableScan) scanned);
        int leftWidth = left.getRowType().getFieldCount();
        List<String> keyNames = table.primaryKey();
        List<String> tableNames = scanned.getRowType().getFieldNames();
        int[] keyIndexes = keyNames.stream().mapToInt(tableNames::indexOf).toArray();
        RexNode[] keyExprs = new RexNode[keyIndexes.length];
        RexNode[] keyConjuncts = new RexNode[keyIndexes.length];
        List<RexNode> rest = new ArrayList<>();
        for (RexNode conjunct : RelOptUtil.conjunctions(join.getCondition())) {
            if (!bindKey(conjunct, leftWidth, rightProgram, keyIndexes, keyExprs, keyConjuncts)) {
                rest.add(conjunct);
            }
        }
        List<String> missing = IntStream.range(0, keyIndexes.length)
                .filter(i -> keyExprs[i] == null)
                .mapToObj(keyNames::get)
                .toList();
        if (!missing.isEmpty()) {
            throw new SqlValidationException("A lookup join must compare each column of table '" + table.name()
                    + "''s primary key " + keyNames + " with a value of the stream by equality (ON s.x = "
                    + table.name() + "." + keyNames.get(0) + " AND ...); the condition " + join.getCondition()
                    + " leaves out " + missing + ".");
        }
        RexBuilder rexBuilder = join.getCluster().getRexBuilder();
        RelDataType leftType = left.getRowType();
        boolean plain = true;
        List<RexNode> keyValues = new ArrayList<>();
        for (int i = 0; i < keyExprs.length; i++) {
            RelDataType keyType = rightTypeOf(scanned, keyIndexes[i]);
            RexNode value = keyExprs[i];
            if (value.getType().getSqlTypeName() != keyType.getSqlTypeName()
                    || keyType.getSqlTypeName() == SqlTypeName.DECIMAL) {
                value = rexBuilder.makeCast(
                        rexBuilder.getTypeFactory().createTypeWithNullability(keyType, true), value, true, false);
                // The cast finds the row; the equality as written decides whether it matches.
                rest.add(keyConjuncts[i]);
            }
            plain &= value instanceof RexInputRef;
            keyValues.add(value);
        }
        int[] keyColumns = plain
                ? keyValues.stream().mapToInt(v -> ((RexInputRef) v).getIndex()).toArray()
                : null;
        RowProjection keyProjection = plain ? null : compiler.compileProjection(keyValues, leftType);
        RexNode condition = RexUtil.composeConjunction(rexBuilder, rest);
        RowPredicate predicate = condition.isAlwaysTrue()
                ? null
                // Over the sides' own types: the condition is tested on matched rows only.
                : compiler.compilePredicate(
                        condition,
                        org.apache.calcite.sql.validate.SqlValidatorUtil.createJoinType(
                                rexBuilder.getTypeFactory(), leftType, right.getRowType(), null, List.of()));
        List<String> bound = new ArrayList<>();
        for (int i = 0; i < keyNames.size(); i++) {
            bound.add(keyNames.get(i) + "=" + describeLeft(keyExprs[i], leftType));
        }
        explain.add(new ExplainStep(
                depth,
                "LookupJoin",
                join.getJoinType() + " table=" + table.name() + ", key=" + bound
                        + (rightProgram == null || rightProgram.getCondition() == null
                                ? ""
                                : ", table rows where " + rightProgram.expandLocalRef(rightProgram.getCondition()))
                        + (predicate == null ? "" : ", condition=" + condition),
                table.external()
                        .map(lookup -> lookup.ttl().isZero()
                                ? "none (asks " + lookup.metrics().connector() + " for each row)"
                                : "cache of " + lookup.metrics().connector() + "'s rows for " + lookup.ttl())
                        .orElse("none (reads the table's current rows)"),
                "per row"));
        lookups.add(table.name());
        Operator operator = new LookupJoinOperator(
                table.lookup(),
                rightProgram == null ? null : compile(rightProgram),
                leftWidth,
                right.getRowType().getFieldCount(),
                keyColumns,
                keyProjection,
                predicate,
                join.getJoinType() == JoinRelType.LEFT,
                next);
        return build(left, operator, depth + 1);
    }

    /**
     * A join of two inputs ({@link StreamJoinOperator}): equal keys, any other condition, time bounds that let rows go
     * as the watermarks pass (an interval or window join) or none (a regular join, which keeps every row of both inputs
     * and retracts through changelogs). The join runs as partitions by key, each input sending into its own queue of
     * each partition; the left input's chain is returned, the right's recorded as a {@link JoinedInput}.
     */
    private Operator buildStreamJoin(Join join, Operator next, int depth) {
        RelNode left = join.getLeft();
        RelNode right = join.getRight();
        for (RelNode side : List.of(left, right)) {
            EventPublisher upsert = upsertInput(side);
            if (upsert != null) {
                throw new SqlValidationException("Stream '" + upsert.name() + "' emits upserts (EMIT ON UPDATE): its"
                        + " new rows replace old ones without retracting them, so a join would keep every version."
                        + " Create it with EMIT CHANGES to join it.");
            }
        }
        JoinRelType type = join.getJoinType();
        if (type != JoinRelType.INNER
                && type != JoinRelType.LEFT
                && type != JoinRelType.RIGHT
                && type != JoinRelType.FULL) {
            throw new SqlValidationException(
                    type + " joins are not supported in continuous queries; use JOIN, LEFT," + " RIGHT or FULL JOIN.");
        }
        StreamJoinCondition condition = joinCondition(join);
        if (condition.leftKeys().length == 0) {
            throw new SqlValidationException("A join of two streams needs an equality of a column of each side (ON"
                    + " a.k = b.k): rows meet by key, and the condition " + join.getCondition() + " has none.");
        }
        RelDataType leftType = left.getRowType();
        RelDataType rightType = right.getRowType();
        RexBuilder rexBuilder = join.getCluster().getRexBuilder();
        RexNode rest = RexUtil.composeConjunction(rexBuilder, condition.rest());
        RowPredicate predicate = joinPredicate(rest, leftType, rightType, rexBuilder);
        boolean leftOuter = outerLeft(join);
        boolean rightOuter = outerRight(join);
        long holdback = Math.max(
                leftOuter ? holdback(condition.leftBound()) : 0, rightOuter ? holdback(condition.rightBound()) : 0);
        StreamJoinOperator.Input leftInput = new StreamJoinOperator.Input(
                condition.leftKeys(),
                leftType.getFieldCount(),
                boundFunction(condition.leftBound(), leftType),
                leftOuter);
        StreamJoinOperator.Input rightInput = new StreamJoinOperator.Input(
                condition.rightKeys(),
                rightType.getFieldCount(),
                boundFunction(condition.rightBound(), rightType),
                rightOuter);
        boolean bounded =
                !condition.leftBound().isEmpty() && !condition.rightBound().isEmpty();
        explain.add(new ExplainStep(
                depth,
                "StreamJoin",
                type + " keys=" + names(leftType, condition.leftKeys()) + "=" + names(rightType, condition.rightKeys())
                        + ", left rows until right watermark > " + describeBound(condition.leftBound(), leftType)
                        + ", right rows until left watermark > " + describeBound(condition.rightBound(), rightType)
                        + (predicate == null ? "" : ", condition=" + rest)
                        + (holdback > 0 ? ", watermark held back " + holdback + "ms" : ""),
                bounded
                        ? "the rows of both inputs until the other's watermark passes their bound"
                        : "the rows of both inputs; those without a bound until retracted (unbounded)",
                isChangelog(join) ? EmitMode.CHANGES.sql() : "per row"));
        return twoInputs(
                join,
                condition,
                next,
                depth,
                "join",
                out -> new StreamJoinOperator(leftInput, rightInput, predicate, holdback, out));
    }

    /**
     * Runs an operator of two inputs: one copy when there is one engine thread, else partitions by key, each input
     * sending into its own queue of each partition, merged back onto the thread of the left input. Builds both inputs'
     * chains: the left's is returned, the right's recorded as a {@link JoinedInput}.
     */
    private Operator twoInputs(
            Join join,
            StreamJoinCondition condition,
            Operator next,
            int depth,
            String role,
            Function<Operator, TwoInputOperator> factory) {
        RelNode left = join.getLeft();
        RelNode right = join.getRight();
        List<TwoInputOperator> copies = new ArrayList<>();
        Operator leftHead;
        Operator rightHead;
        if (partitionCount <= 1) {
            exchanged = false;
            TwoInputOperator copy = factory.apply(next);
            copies.add(copy);
            leftHead = copy.left();
            rightHead = copy.right();
        } else {
            exchanged = true;
            MergeTask merge = new MergeTask(partitionCount, next, lateRows);
            merges.add(merge);
            PartitionTask[] tasks = new PartitionTask[partitionCount];
            for (int p = 0; p < partitionCount; p++) {
                TwoInputOperator copy = factory.apply(merge.input(p));
                copies.add(copy);
                tasks[p] = new PartitionTask(new Operator[] {copy.left(), copy.right()});
                partitions.add(tasks[p]);
            }
            leftHead = new PartitionOperator(condition.leftKeys(), tasks, 0);
            rightHead = new PartitionOperator(condition.rightKeys(), tasks, 1);
            explain.add(new ExplainStep(
                    depth + 1,
                    "Exchange",
                    "hash" + names(left.getRowType(), condition.leftKeys()) + " and"
                            + names(right.getRowType(), condition.rightKeys()) + " to " + partitionCount
                            + " partitions on the engine threads, merged back",
                    "bounded queues",
                    "per row"));
        }
        keepState(role, copies);
        int below = depth + 1 + (exchanged ? 1 : 0);
        // Each side may aggregate on its own (a window join of two windowed aggregates).
        EmitMode above = emit;
        emit = null;
        Operator leftChain = build(left, leftHead, below);
        EventPublisher leftInputPublisher = input;
        int[] leftUsed = used;
        emit = null;
        input = null;
        used = null;
        buildingJoinedInput = true;
        Operator rightChain = build(right, rightHead, below);
        buildingJoinedInput = false;
        joinedInputs.add(new JoinedInput(input, rightChain, used));
        lookups.add(input.name());
        input = leftInputPublisher;
        used = leftUsed;
        emit = above;
        return leftChain;
    }

    /** The {@code ASOF_MATCH} marker in a join's condition (an ASOF or temporal join), or null. */
    private static RexCall asofMarker(Join join) {
        for (RexNode conjunct : RelOptUtil.conjunctions(join.getCondition())) {
            if (conjunct instanceof RexCall call && call.getOperator() == LaminarFunctions.ASOF_MATCH) {
                return call;
            }
        }
        return null;
    }

    /**
     * An ASOF join, or a temporal join ({@code FOR SYSTEM_TIME AS OF}): see {@link AsofSyntax} for the forms and
     * {@link AsofJoinOperator} for when rows are handed on. Both inputs append-only, matched on their event times.
     */
    private Operator buildAsofJoin(Join join, Operator next, int depth) {
        RexCall marker = asofMarker(join);
        RelNode left = join.getLeft();
        RelNode right = join.getRight();
        RelDataType leftType = left.getRowType();
        RelDataType rightType = right.getRowType();
        int leftWidth = leftType.getFieldCount();
        RexBuilder rexBuilder = join.getCluster().getRexBuilder();
        List<RexNode> others = RelOptUtil.conjunctions(join.getCondition()).stream()
                .filter(c -> c != marker)
                .toList();
        Join plain = join.copy(
                join.getTraitSet(),
                RexUtil.composeConjunction(rexBuilder, others),
                left,
                right,
                join.getJoinType(),
                join.isSemiJoinDone());
        StreamJoinCondition condition = joinCondition(plain);
        if (condition.leftKeys().length == 0) {
            throw new SqlValidationException("An ASOF or temporal join needs an equality of a column of each side (ON"
                    + " a.k = b.k): it picks, per key, the row closest in time.");
        }
        if (join.getJoinType() != JoinRelType.INNER && join.getJoinType() != JoinRelType.LEFT) {
            throw new SqlValidationException(
                    "An ASOF or temporal join is JOIN or LEFT JOIN, not " + join.getJoinType() + ".");
        }
        for (RelNode side : List.of(left, right)) {
            if (isChangelog(side)) {
                EventPublisher in = inputOf(side);
                throw new SqlValidationException("ASOF and temporal joins read append-only inputs, and "
                        + (in == null ? "one input" : "'" + in.name() + "'") + " is a changelog (it updates or"
                        + " retracts rows). Join the stream the changelog is computed from, or use a regular join.");
            }
        }
        RexNode a = marker.getOperands().get(0);
        RexNode b = marker.getOperands().get(1);
        if (!(a instanceof RexInputRef first)
                || !(b instanceof RexInputRef second)
                || (first.getIndex() < leftWidth) == (second.getIndex() < leftWidth)) {
            throw new SqlValidationException("The match condition of an ASOF or temporal join compares a time column"
                    + " of each input, and " + a + " and " + b + " are not.");
        }
        boolean firstLeft = first.getIndex() < leftWidth;
        int leftTime = (firstLeft ? first : second).getIndex();
        int rightTime = (firstLeft ? second : first).getIndex() - leftWidth;
        List<String> leftNames = leftType.getFieldNames();
        List<String> rightNames = rightType.getFieldNames();
        int leftEventTime = eventTimeColumn(left);
        int rightEventTime = eventTimeColumn(right);
        if (leftTime != leftEventTime || rightTime != rightEventTime) {
            throw new SqlValidationException("An ASOF or temporal join matches on event time: it compares "
                    + leftNames.get(leftTime) + " with " + rightNames.get(rightTime) + ", and must compare the"
                    + " inputs' WATERMARK FOR columns ("
                    + (leftEventTime < 0 ? "the left input has none" : leftNames.get(leftEventTime)) + ", "
                    + (rightEventTime < 0 ? "the right input has none" : rightNames.get(rightEventTime)) + "): their"
                    + " watermarks say when no closer row can come.");
        }
        String how = ((RexLiteral) marker.getOperands().get(2)).getValueAs(String.class);
        if (!firstLeft) {
            how = switch (how) {
                case ">=" -> "<=";
                case ">" -> "<";
                case "<=" -> ">=";
                case "<" -> ">";
                default -> how;
            };
        }
        AsofJoinOperator.Match match = switch (how) {
            case ">=", ">" -> AsofJoinOperator.Match.BACKWARD;
            case "<=", "<" -> AsofJoinOperator.Match.FORWARD;
            default -> AsofJoinOperator.Match.NEAREST;
        };
        boolean strict = how.equals(">") || how.equals("<");
        RexNode rest = RexUtil.composeConjunction(rexBuilder, condition.rest());
        RowPredicate predicate = joinPredicate(rest, leftType, rightType, rexBuilder);
        boolean outer = join.getJoinType() == JoinRelType.LEFT;
        AsofJoinOperator.Input leftInput = new AsofJoinOperator.Input(
                condition.leftKeys(), leftWidth, leftTime, boundFunction(condition.leftBound(), leftType));
        AsofJoinOperator.Input rightInput = new AsofJoinOperator.Input(
                condition.rightKeys(),
                rightType.getFieldCount(),
                rightTime,
                boundFunction(condition.rightBound(), rightType));
        explain.add(new ExplainStep(
                depth,
                "AsofJoin",
                join.getJoinType() + " " + match + (strict ? " (strictly)" : "") + " keys="
                        + names(leftType, condition.leftKeys()) + "=" + names(rightType, condition.rightKeys())
                        + ", time " + leftNames.get(leftTime) + " vs " + rightNames.get(rightTime)
                        + (condition.leftBound().isEmpty()
                                ? ""
                                : ", right rows up to " + describeBound(condition.leftBound(), leftType))
                        + (predicate == null ? "" : ", condition=" + rest),
                "left rows until their match is certain; per key the right rows they can still pick",
                "per row, as the right watermark makes each match certain"));
        return twoInputs(
                join,
                condition,
                next,
                depth,
                "asof-join",
                out -> new AsofJoinOperator(leftInput, rightInput, match, strict, predicate, outer, out));
    }

    /** {@code condition} compiled over a joined row (the left columns, then the right), or null when always true. */
    private RowPredicate joinPredicate(
            RexNode condition, RelDataType leftType, RelDataType rightType, RexBuilder rexBuilder) {
        return condition.isAlwaysTrue()
                ? null
                : compiler.compilePredicate(
                        condition,
                        org.apache.calcite.sql.validate.SqlValidatorUtil.createJoinType(
                                rexBuilder.getTypeFactory(), leftType, rightType, null, List.of()));
    }

    private static boolean outerLeft(Join join) {
        return join.getJoinType() == JoinRelType.LEFT || join.getJoinType() == JoinRelType.FULL;
    }

    private static boolean outerRight(Join join) {
        return join.getJoinType() == JoinRelType.RIGHT || join.getJoinType() == JoinRelType.FULL;
    }

    /** The keys, rest and time bounds of a join of two inputs. */
    private StreamJoinCondition joinCondition(Join join) {
        return StreamJoinCondition.of(
                join,
                eventTimeColumn(join.getLeft()),
                eventTimeColumn(join.getRight()),
                windowBounds(join.getLeft()),
                windowBounds(join.getRight()));
    }

    /** The columns of {@code rel}'s output that hold the bounds of a {@code TUMBLE} or {@code HOP} window. */
    private Map<Integer, StreamJoinCondition.WindowBound> windowBounds(RelNode rel) {
        Map<Integer, StreamJoinCondition.WindowBound> bounds = new HashMap<>();
        windowColumns(rel).forEach((column, window) -> {
            WindowSpec spec = window.window();
            if (spec.kind() != WindowSpec.Kind.SESSION) {
                bounds.put(
                        column,
                        new StreamJoinCondition.WindowBound(
                                spec.kind() + "/" + spec.size() + "/" + spec.slide(), spec.size(), window.end()));
            }
        });
        return bounds;
    }

    /**
     * How far the watermark must stay behind for an outer side's padded rows, handed on when their bound passes, not to
     * be late: the distance from a row's time to its bound, when every bound is the row's own time plus a constant.
     */
    private static long holdback(List<StreamJoinCondition.Bound> bounds) {
        long least = Long.MAX_VALUE;
        for (StreamJoinCondition.Bound bound : bounds) {
            if (!bound.ownTime()) {
                return 0;
            }
            least = Math.min(least, bound.offset());
        }
        return bounds.isEmpty() ? 0 : Math.max(0, least);
    }

    private JoinBoundFunction boundFunction(List<StreamJoinCondition.Bound> bounds, RelDataType rowType) {
        if (bounds.isEmpty()) {
            return null;
        }
        List<StreamJoinCondition.Bound> columns =
                bounds.stream().filter(b -> b.expression() == null).toList();
        List<RexNode> expressions = bounds.stream()
                .map(StreamJoinCondition.Bound::expression)
                .filter(java.util.Objects::nonNull)
                .toList();
        return new JoinBoundFunction(
                columns.stream().mapToInt(StreamJoinCondition.Bound::column).toArray(),
                columns.stream().mapToLong(StreamJoinCondition.Bound::offset).toArray(),
                expressions.isEmpty() ? null : compiler.compileProjection(expressions, rowType));
    }

    private static String describeBound(List<StreamJoinCondition.Bound> bounds, RelDataType rowType) {
        if (bounds.isEmpty()) {
            return "(none: kept)";
        }
        return bounds.stream().map(b -> b.describe(rowType)).collect(Collectors.joining(", ", "min(", ")"));
    }

    /**
     * If {@code conjunct} is {@code value = key column} (either way round) for a key column not yet bound, with a
     * value computed from the stream's columns only, binds it.
     */
    private static boolean bindKey(
            RexNode conjunct,
            int leftWidth,
            RexProgram rightProgram,
            int[] keyIndexes,
            RexNode[] keyExprs,
            RexNode[] keyConjuncts) {
        if (!(conjunct instanceof RexCall call) || call.getKind() != SqlKind.EQUALS) {
            return false;
        }
        for (int side = 0; side < 2; side++) {
            RexNode tableSide = call.getOperands().get(side);
            RexNode streamSide = call.getOperands().get(1 - side);
            if (!(tableSide instanceof RexInputRef ref) || ref.getIndex() < leftWidth) {
                continue;
            }
            RexNode column = rightProgram == null
                    ? new RexInputRef(ref.getIndex() - leftWidth, ref.getType())
                    : rightProgram.expandLocalRef(rightProgram.getProjectList().get(ref.getIndex() - leftWidth));
            while (column.getKind() == SqlKind.CAST) {
                column = ((RexCall) column).getOperands().get(0);
            }
            if (!(column instanceof RexInputRef tableColumn)) {
                continue;
            }
            ImmutableBitSet used = RelOptUtil.InputFinder.bits(streamSide);
            if (!used.isEmpty() && used.length() > leftWidth) {
                continue;
            }
            for (int k = 0; k < keyIndexes.length; k++) {
                if (keyIndexes[k] == tableColumn.getIndex() && keyExprs[k] == null) {
                    keyExprs[k] = streamSide;
                    keyConjuncts[k] = conjunct;
                    return true;
                }
            }
        }
        return false;
    }

    private static RelDataType rightTypeOf(RelNode right, int column) {
        return right.getRowType().getFieldList().get(column).getType();
    }

    private static String describeLeft(RexNode expr, RelDataType leftType) {
        return expr instanceof RexInputRef ref ? leftType.getFieldNames().get(ref.getIndex()) : expr.toString();
    }

    /** The table {@code rel} reads, if it reads one. */
    private TableRuntime tableIn(RelNode rel) {
        if (rel instanceof TableScan scan) {
            return publisher(scan) instanceof TableRuntime table ? table : null;
        }
        for (RelNode in : rel.getInputs()) {
            TableRuntime found = tableIn(in);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private Operator buildAggregate(Aggregate aggregate, Operator next, int depth) {
        if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
            throw new SqlValidationException(
                    "GROUPING SETS, ROLLUP and CUBE are not supported in continuous queries; use one GROUP BY.");
        }
        if (emit != null) {
            throw new SqlValidationException("A continuous query may aggregate once; this one aggregates an aggregate."
                    + " Put the inner aggregate in a stream of its own and query that stream.");
        }
        RelNode in = aggregate.getInput();
        EventPublisher upsertInput = upsertInput(in);
        if (upsertInput != null) {
            throw new SqlValidationException("Stream '" + upsertInput.name() + "' emits upserts (EMIT ON UPDATE):"
                    + " its new rows replace old ones without retracting them, so an aggregate over it would count"
                    + " every version. Create it with EMIT CHANGES to aggregate over it.");
        }
        boolean retractions = isChangelog(in);
        List<AggregateFunction> functions = new ArrayList<>();
        for (AggregateCall call : aggregate.getAggCallList()) {
            AggregateFunction function = AggregateFunctions.of(call, in.getRowType(), retractions);
            if (retractions && !function.retractable()) {
                throw new SqlValidationException(call + " cannot take retractions, and its input is a changelog.");
            }
            functions.add(function);
        }
        int[] keys = aggregate.getGroupSet().toArray();
        Groups groups = new Groups(keys, functions, errors);
        Map.Entry<Integer, WindowColumn> windowKey = windowKey(aggregate);
        EmitMode mode = emitFor(aggregate);
        emit = mode;
        String details = "group=" + names(in.getRowType(), keys) + ", aggregates=" + aggregate.getAggCallList();
        if (windowKey == null) {
            if (mode == EmitMode.ON_WINDOW_CLOSE || mode == EmitMode.FINAL) {
                throw new SqlValidationException(mode.sql() + " needs a window: GROUP BY window_start, window_end of"
                        + " TUMBLE, HOP or SESSION (or TUMBLE(ts, INTERVAL ...)). Without a window use EMIT CHANGES"
                        + " (the default), EMIT ON UPDATE, EMIT ON WATERMARK or EMIT EVERY.");
            }
            explain.add(
                    new ExplainStep(depth, "GroupAggregate", details, "one row of aggregates per group", mode.sql()));
            List<GroupAggregateOperator> copies = new ArrayList<>();
            Operator operator = partitioned(keys, in, depth, next, (out, lateView) -> {
                GroupAggregateOperator copy = new GroupAggregateOperator(groups, mode, periodMillis, out);
                copies.add(copy);
                return copy;
            });
            keepState("group-aggregate", copies);
            return build(in, operator, depth + 1 + (exchanged ? 1 : 0));
        }
        windowed = true;
        lateRowType = in.getRowType();
        WindowSpec window = windowKey.getValue().window();
        String lateText = late.action().sql()
                + (late.retentionMillis() > 0 ? ", allowed_lateness=" + late.allowedLatenessMillis() + "ms" : "");
        if (window.kind() == WindowSpec.Kind.SESSION) {
            return buildSession(aggregate, groups, window, mode, next, depth, details, lateText);
        }
        Map<Integer, WindowColumn> bounds = windowColumns(in);
        int[] partitionKeys =
                IntStream.of(keys).filter(k -> !bounds.containsKey(k)).toArray();
        TableFunctionScan panes = paneScan(aggregate, window, groups, mode, retractions, bounds);
        if (panes != null) {
            return buildPanes(aggregate, groups, window, mode, next, depth, details, lateText, panes, partitionKeys);
        }
        explain.add(new ExplainStep(
                depth,
                "WindowAggregate",
                window + ", " + details + ", late_data=" + lateText,
                "aggregates per group per open window",
                mode.sql()));
        List<WindowAggregateOperator> copies = new ArrayList<>();
        Operator operator = partitioned(partitionKeys, in, depth, next, (out, lateView) -> {
            WindowAggregateOperator copy = new WindowAggregateOperator(
                    groups.hashedBy(partitionKeys),
                    windowKey.getKey(),
                    windowKey.getValue().end() ? 0 : window.size(),
                    mode,
                    periodMillis,
                    late,
                    lateView,
                    out);
            copies.add(copy);
            return copy;
        });
        probes.add(WindowProbe.merged(
                window.toString(),
                copies.stream().<Supplier<long[]>>map(c -> c::openWindowEnds).toList()));
        keepState("window-aggregate", copies);
        return build(in, operator, depth + 1 + (exchanged ? 1 : 0));
    }

    /**
     * The {@code HOP} scan under {@code aggregate} when its windows can be aggregated through panes, else null: a
     * {@code HOP} whose size is a multiple (not one) of its slide, right under the aggregate or under a projection
     * that only picks its columns; an insert-only input; functions that merge and read no window bound; results that
     * leave when their window closes; late rows dropped.
     */
    private TableFunctionScan paneScan(
            Aggregate aggregate,
            WindowSpec window,
            Groups groups,
            EmitMode mode,
            boolean retractions,
            Map<Integer, WindowColumn> bounds) {
        if (window.kind() != WindowSpec.Kind.HOP
                || window.size() % window.slide() != 0
                || window.size() / window.slide() < 2
                || retractions
                || !groups.mergeable()
                || (mode != EmitMode.ON_WINDOW_CLOSE && mode != EmitMode.FINAL)
                || (mode != EmitMode.FINAL && late.action() != LateDataPolicy.Action.DROP)) {
            return null;
        }
        for (AggregateCall call : aggregate.getAggCallList()) {
            if (call.getArgList().stream().anyMatch(bounds::containsKey) || bounds.containsKey(call.filterArg)) {
                return null;
            }
        }
        RelNode in = aggregate.getInput();
        if (in instanceof Calc calc && pickedColumns(calc.getProgram()) != null) {
            in = calc.getInput();
        }
        return in instanceof TableFunctionScan function ? function : null;
    }

    /** A {@code HOP} aggregate through panes: rows are assigned to panes of one slide, windows merge them. */
    private Operator buildPanes(
            Aggregate aggregate,
            Groups groups,
            WindowSpec window,
            EmitMode mode,
            Operator next,
            int depth,
            String details,
            String lateText,
            TableFunctionScan function,
            int[] partitionKeys) {
        RelNode in = aggregate.getInput();
        Map<Integer, WindowColumn> bounds = windowColumns(in);
        int[] keys = aggregate.getGroupSet().toArray();
        int[] startKeys = IntStream.range(0, keys.length)
                .filter(i -> bounds.containsKey(keys[i]) && !bounds.get(keys[i]).end())
                .toArray();
        int[] endKeys = IntStream.range(0, keys.length)
                .filter(i -> bounds.containsKey(keys[i]) && bounds.get(keys[i]).end())
                .toArray();
        Map.Entry<Integer, WindowColumn> windowKey = windowKey(aggregate);
        paneScan = function;
        explain.add(new ExplainStep(
                depth,
                "WindowAggregate",
                window + ", panes=" + window.slide() + "ms, " + details + ", late_data=" + lateText,
                "aggregates per group per open pane",
                mode.sql()));
        List<PaneWindowAggregateOperator> copies = new ArrayList<>();
        Operator operator = partitioned(partitionKeys, in, depth, next, (out, lateView) -> {
            PaneWindowAggregateOperator copy = new PaneWindowAggregateOperator(
                    groups.hashedBy(partitionKeys),
                    windowKey.getKey(),
                    windowKey.getValue().end() ? 0 : window.slide(),
                    window.size(),
                    window.slide(),
                    startKeys,
                    endKeys,
                    mode,
                    lateView,
                    out);
            copies.add(copy);
            return copy;
        });
        probes.add(WindowProbe.merged(
                window.toString(),
                copies.stream().<Supplier<long[]>>map(c -> c::openWindowEnds).toList()));
        keepState("pane-aggregate", copies);
        return build(in, operator, depth + 1 + (exchanged ? 1 : 0));
    }

    /** The windows {@code function}'s rows are assigned to: its own, or panes of one slide for a pane aggregate. */
    private WindowSpec assignedWindow(TableFunctionScan function) {
        WindowSpec window = windowOf(function);
        return function == paneScan ? WindowSpec.tumble(window.timeColumn(), window.slide()) : window;
    }

    private String describeAssigned(TableFunctionScan function) {
        WindowSpec window = windowOf(function);
        return function == paneScan ? "panes(size=" + window.slide() + "ms) of " + window : window.toString();
    }

    private Operator buildSession(
            Aggregate aggregate,
            Groups groups,
            WindowSpec window,
            EmitMode mode,
            Operator next,
            int depth,
            String details,
            String lateText) {
        if (mode != EmitMode.ON_WINDOW_CLOSE && mode != EmitMode.FINAL && mode != EmitMode.ON_WATERMARK) {
            throw new SqlValidationException(mode.sql() + " is not supported for SESSION windows in this release: a"
                    + " session's result leaves when the watermark closes it (EMIT ON WINDOW CLOSE, the default).");
        }
        if (late.action() == LateDataPolicy.Action.UPDATE) {
            throw new SqlValidationException("late_data = 'update' is not supported for SESSION windows in this"
                    + " release; use 'drop' or 'side_output'.");
        }
        RelNode between = aggregate.getInput();
        RowCalc projection = null;
        if (between instanceof Calc calc) {
            projection = compile(calc.getProgram());
            between = calc.getInput();
        }
        if (!(between instanceof TableFunctionScan function)) {
            throw new SqlValidationException("A SESSION window must be grouped right after the SESSION table function;"
                    + " found " + between.getRelTypeName() + " in between.");
        }
        RelNode in = function.getInputs().get(0);
        if (isChangelog(in)) {
            throw new SqlValidationException("SESSION windows over a changelog are not supported in this release.");
        }
        RowCalc sessionProjection = projection;
        lateRowType = in.getRowType();
        explain.add(new ExplainStep(
                depth,
                "SessionWindowAggregate",
                window + " on " + timeColumn(function, window) + " by " + names(in.getRowType(), window.keyColumns())
                        + ", " + details + ", late_data=" + lateText,
                "rows per open session",
                mode.sql()));
        List<SessionWindowOperator> copies = new ArrayList<>();
        Operator operator = partitioned(window.keyColumns(), in, depth, next, (out, lateView) -> {
            SessionWindowOperator copy =
                    new SessionWindowOperator(window, sessionProjection, groups, mode, late, lateView, out);
            copies.add(copy);
            return copy;
        });
        probes.add(WindowProbe.merged(
                window.toString(),
                copies.stream().<Supplier<long[]>>map(c -> c::openWindowEnds).toList()));
        keepState("session-window", copies);
        return build(in, operator, depth + 1 + (exchanged ? 1 : 0));
    }

    /**
     * Records the copies of a keyed operator just built as the state of {@code role}: an ordinal follows the role
     * from its second operator in the query on, so that the name depends on this query's plan alone.
     */
    private void keepState(String role, List<? extends Stateful> copies) {
        List<EngineTask> exchange = new ArrayList<>(partitions);
        exchange.addAll(merges);
        String name = role;
        for (int ordinal = 2; state.containsKey(name); ordinal++) {
            name = role + "-" + ordinal;
        }
        state.put(name, new PartitionedState(copies, exchange));
    }

    /**
     * Compiles a filter and projection. Calcite folds constant expressions into static fields of the generated class,
     * so an expression that fails whatever the row ({@code 1 / 0}) fails here, when the class is loaded: that is the
     * user's query, not an engine fault, and is reported as such.
     */
    private RowCalc compile(RexProgram program) {
        try {
            return compiler.compileCalc(program);
        } catch (ExceptionInInitializerError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SqlValidationException("An expression of the query fails whatever the row: " + cause
                    + ". Check the constant expressions in " + describe(program) + ".");
        }
    }

    /** Makes one copy of a keyed operator, handing its rows to {@code out} and its late rows to {@code lateRows}. */
    private interface KeyedOperatorFactory {
        Operator create(Operator out, LateRows lateRows);
    }

    /**
     * The keyed operator as it runs: one copy on the input's thread when there is one engine thread or no key; else
     * one copy per partition on the engine threads, behind an exchange that hashes {@code keys}.
     */
    private Operator partitioned(int[] keys, RelNode in, int depth, Operator next, KeyedOperatorFactory factory) {
        return partitioned(keys, in, depth, next, lateRows, factory);
    }

    /**
     * As {@link #partitioned(int[], RelNode, int, Operator, KeyedOperatorFactory)}, with the late rows of the operator
     * going to {@code late}. A query may have several keyed operators, each behind its own exchange: partition {@code
     * p} of each runs on engine thread {@code p}, and every merge on the thread of the query's input.
     */
    private Operator partitioned(
            int[] keys, RelNode in, int depth, Operator next, LateRows late, KeyedOperatorFactory factory) {
        if (partitionCount <= 1 || keys.length == 0) {
            exchanged = false;
            return factory.create(next, late);
        }
        exchanged = true;
        MergeTask merge = new MergeTask(partitionCount, next, late);
        merges.add(merge);
        PartitionTask[] tasks = new PartitionTask[partitionCount];
        for (int p = 0; p < partitionCount; p++) {
            tasks[p] = new PartitionTask(factory.create(merge.input(p), late.partition(merge.lateInput(p))));
            partitions.add(tasks[p]);
        }
        explain.add(new ExplainStep(
                depth + 1,
                "Exchange",
                "hash" + names(in.getRowType(), keys) + " to " + partitionCount
                        + " partitions on the engine threads, merged back",
                "bounded queues",
                "per row"));
        return new PartitionOperator(keys, tasks);
    }

    private EmitMode emitFor(Aggregate aggregate) {
        if (requestedEmit != null) {
            return requestedEmit;
        }
        return windowKey(aggregate) != null ? EmitMode.ON_WINDOW_CLOSE : EmitMode.CHANGES;
    }

    /** The group key that is a window bound (its input column, and which window), or null. */
    private Map.Entry<Integer, WindowColumn> windowKey(Aggregate aggregate) {
        Map<Integer, WindowColumn> columns = windowColumns(aggregate.getInput());
        WindowColumn start = null;
        int startColumn = -1;
        for (int key : aggregate.getGroupSet()) {
            WindowColumn column = columns.get(key);
            if (column != null) {
                if (column.end()) {
                    return Map.entry(key, column);
                }
                start = column;
                startColumn = key;
            }
        }
        return start == null ? null : Map.entry(startColumn, start);
    }

    /** The columns of {@code rel}'s output that hold window bounds. */
    private Map<Integer, WindowColumn> windowColumns(RelNode rel) {
        if (rel instanceof Join join) {
            // The left input's columns come first in a joined row.
            Map<Integer, WindowColumn> columns = new HashMap<>(windowColumns(join.getLeft()));
            if (!isLookup(join)) {
                int leftWidth = join.getLeft().getRowType().getFieldCount();
                windowColumns(join.getRight()).forEach((column, window) -> columns.put(leftWidth + column, window));
            }
            return columns;
        }
        if (rel instanceof TableFunctionScan function) {
            WindowSpec window = windowOf(function);
            int n = function.getRowType().getFieldCount();
            return Map.of(n - 2, new WindowColumn(window, false), n - 1, new WindowColumn(window, true));
        }
        if (rel instanceof Calc calc) {
            Map<Integer, WindowColumn> below = windowColumns(calc.getInput());
            Map<Integer, WindowColumn> columns = new HashMap<>();
            RexProgram program = calc.getProgram();
            for (int i = 0; i < program.getProjectList().size(); i++) {
                RexNode expr = program.expandLocalRef(program.getProjectList().get(i));
                if (expr instanceof RexInputRef ref && below.containsKey(ref.getIndex())) {
                    columns.put(i, below.get(ref.getIndex()));
                }
            }
            return columns;
        }
        if (rel instanceof Aggregate aggregate) {
            Map<Integer, WindowColumn> below = windowColumns(aggregate.getInput());
            Map<Integer, WindowColumn> columns = new HashMap<>();
            int i = 0;
            for (int key : aggregate.getGroupSet()) {
                if (below.containsKey(key)) {
                    columns.put(i, below.get(key));
                }
                i++;
            }
            return columns;
        }
        return Map.of();
    }

    private static WindowSpec windowOf(TableFunctionScan function) {
        if (!(function.getCall() instanceof RexCall call)) {
            throw new SqlValidationException(describeUnsupported(function));
        }
        List<RexNode> operands = call.getOperands();
        return switch (call.getOperator().getName().toUpperCase(java.util.Locale.ROOT)) {
            case "TUMBLE" -> {
                checkNoOffset(operands, 3, call);
                yield WindowSpec.tumble(descriptorColumn(operands.get(0)), millis(operands.get(1)));
            }
            case "HOP" -> {
                checkNoOffset(operands, 4, call);
                yield WindowSpec.hop(
                        descriptorColumn(operands.get(0)), millis(operands.get(1)), millis(operands.get(2)));
            }
            case "SESSION" -> {
                int[] keys = operands.size() == 3 ? descriptorColumns(operands.get(1)) : new int[0];
                yield WindowSpec.session(
                        descriptorColumn(operands.get(0)), keys, millis(operands.get(operands.size() - 1)));
            }
            default -> throw new SqlValidationException(describeUnsupported(function));
        };
    }

    private static void checkNoOffset(List<RexNode> operands, int withOffset, RexCall call) {
        if (operands.size() >= withOffset) {
            throw new SqlValidationException("Window offsets are not supported in this release: " + call);
        }
    }

    private static int descriptorColumn(RexNode descriptor) {
        return descriptorColumns(descriptor)[0];
    }

    private static int[] descriptorColumns(RexNode descriptor) {
        return ((RexCall) descriptor)
                .getOperands().stream()
                        .mapToInt(o -> ((RexInputRef) o).getIndex())
                        .toArray();
    }

    private static long millis(RexNode interval) {
        if (!(interval instanceof RexLiteral literal)) {
            throw new SqlValidationException("A window size must be a constant INTERVAL, not " + interval);
        }
        Long value = literal.getValueAs(Long.class);
        if (value == null || value <= 0) {
            throw new SqlValidationException("A window size must be positive, not " + interval);
        }
        return value;
    }

    private static String timeColumn(TableFunctionScan function, WindowSpec window) {
        return function.getInputs().get(0).getRowType().getFieldNames().get(window.timeColumn());
    }

    private EventPublisher publisher(TableScan scan) {
        List<String> names = scan.getTable().getQualifiedName();
        return catalog.apply(names.get(names.size() - 1));
    }

    /** The input column of each output column when {@code program} only picks columns, without a filter; else null. */
    private static int[] pickedColumns(RexProgram program) {
        if (program.getCondition() != null) {
            return null;
        }
        int[] picked = new int[program.getProjectList().size()];
        for (int i = 0; i < picked.length; i++) {
            RexNode expr = program.expandLocalRef(program.getProjectList().get(i));
            if (!(expr instanceof RexInputRef ref)) {
                return null;
            }
            picked[i] = ref.getIndex();
        }
        return picked;
    }

    /**
     * The input columns the program's projections and condition read. Not every {@link RexInputRef} of its expression
     * list: a program's list starts with a reference to every input column, read or not.
     */
    private static int[] usedColumns(RexProgram program) {
        ImmutableBitSet.Builder bits = ImmutableBitSet.builder();
        for (org.apache.calcite.rex.RexLocalRef project : program.getProjectList()) {
            bits.addAll(inputsOf(program, project));
        }
        if (program.getCondition() != null) {
            bits.addAll(inputsOf(program, program.getCondition()));
        }
        return bits.build().toArray();
    }

    /** The input columns one of the program's expressions reads. */
    private static ImmutableBitSet inputsOf(RexProgram program, org.apache.calcite.rex.RexLocalRef expression) {
        return org.apache.calcite.plan.RelOptUtil.InputFinder.bits(program.expandLocalRef(expression));
    }

    private static String names(RelDataType type, int[] columns) {
        List<String> names = type.getFieldNames();
        return IntStream.of(columns).mapToObj(names::get).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String describe(RexProgram program) {
        List<String> names = program.getOutputRowType().getFieldNames();
        StringBuilder text = new StringBuilder("project=[");
        for (int i = 0; i < program.getProjectList().size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(names.get(i))
                    .append('=')
                    .append(program.expandLocalRef(program.getProjectList().get(i)));
        }
        text.append(']');
        if (program.getCondition() != null) {
            text.append(", filter=").append(program.expandLocalRef(program.getCondition()));
        }
        return text.toString();
    }

    private static String describeUnsupported(RelNode rel) {
        String what = switch (rel.getRelTypeName()) {
            case "LogicalCorrelate" -> "Correlated subqueries (LATERAL, EXISTS over another input)";
            case "LogicalSort" -> "ORDER BY and LIMIT";
            case "LogicalUnion", "LogicalIntersect", "LogicalMinus" -> "UNION, INTERSECT and EXCEPT";
            case "LogicalWindow" -> "OVER windows (analytic functions)";
            case "LogicalValues" -> "VALUES";
            default -> rel.getRelTypeName().replace("Logical", "");
        };
        return what + " are not supported in continuous queries in this release. The plan was:\n"
                + RelOptUtil.toString(rel);
    }
}
