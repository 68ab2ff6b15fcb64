package io.laminardb.engine.sql;

import io.laminardb.engine.ExecuteResult;
import io.laminardb.engine.Row;
import io.laminardb.engine.SqlValidationException;
import io.laminardb.engine.catalog.LateDataOption;
import io.laminardb.engine.operator.EmitMode;
import io.laminardb.engine.operator.LateDataPolicy;
import io.laminardb.engine.operator.Operator;
import io.laminardb.engine.plan.CatalogTable;
import io.laminardb.engine.plan.ExplainStep;
import io.laminardb.engine.plan.QueryPlanner;
import io.laminardb.engine.plan.StreamingTranslator;
import io.laminardb.engine.plan.TypeMapping;
import io.laminardb.engine.plan.codegen.ExpressionCompiler;
import io.laminardb.engine.runtime.DatabaseRuntime;
import io.laminardb.engine.source.EventPublisher;
import io.laminardb.engine.source.SourceRuntime;
import io.laminardb.engine.sql.parser.LaminarSqlParser;
import io.laminardb.engine.sql.parser.SqlCreateContinuousQuery;
import io.laminardb.engine.sql.parser.SqlEmit;
import io.laminardb.engine.sql.parser.SqlObjectKind;
import io.laminardb.engine.sql.parser.SqlOption;
import io.laminardb.engine.stream.ContinuousQuery;
import io.laminardb.engine.stream.GuardedReader;
import io.laminardb.engine.stream.QueryInput;
import io.laminardb.engine.stream.RowErrors;
import io.laminardb.engine.stream.StreamRuntime;
import io.laminardb.engine.table.TableRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserUtil;

/**
 * {@code CREATE STREAM}, {@code CREATE MATERIALIZED VIEW} and {@code EXPLAIN}: plans the query over the catalog,
 * builds its operators, and connects them to the source, stream or view they read.
 */
final class QueryStatements {

    private static final Set<String> OPTIONS = Set.of("late_data", "allowed_lateness");

    static final Schema EXPLAIN = new Schema(List.of(
            new Field("operator", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("details", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("state", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("emit", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null)));

    private final DatabaseRuntime runtime;
    private final QueryPlanner planner = new QueryPlanner(QueryPlanner.defaultOperators());
    private final ExpressionCompiler compiler = new ExpressionCompiler(planner.typeFactory());

    QueryStatements(DatabaseRuntime runtime) {
        this.runtime = runtime;
    }

    /** A query planned and translated, not yet connected. */
    private record Planned(
            StreamingTranslator.Translation translation,
            StreamRuntime output,
            Optional<StreamRuntime> lateStream,
            RowErrors errors) {}

    ExecuteResult create(SqlCreateContinuousQuery statement) {
        String name = String.join(".", statement.name().names);
        Map<String, String> options = options(name, statement);
        Planned planned = plan(name, statement.kind(), statement.query(), statement.emit(), options);
        StreamingTranslator.Translation translation = planned.translation();
        EventPublisher input = translation.input();
        Runnable[] detach = new Runnable[1];
        ContinuousQuery query = new ContinuousQuery(
                name,
                statement.kind(),
                LaminarSqlParser.unparse(statement.query()) + " " + translation.emit() + " " + options,
                LaminarSqlParser.unparse(statement),
                input.name(),
                translation.lookups(),
                planned.output(),
                translation.emit(),
                translation.explain(),
                translation.lateRows(),
                planned.lateStream(),
                translation.windows(),
                planned.errors(),
                translation.state(),
                () -> detach[0].run());
        runtime.createQuery(query, statement.ifNotExists, statement.getReplace(), () -> {
            Runnable disconnect = connect(input, translation, planned.errors(), planned.output());
            Runnable stopTasks = runtime.runTasks(translation.partitions(), translation.merges(), input.name());
            detach[0] = () -> {
                disconnect.run();
                stopTasks.run();
            };
        });
        return ExecuteResult.ddl("CREATE " + statement.kind().keyword());
    }

    /** {@code EXPLAIN <query>} or {@code EXPLAIN CREATE STREAM ...}: the operators, without running anything. */
    ExecuteResult explain(SqlNode statement) {
        Planned planned;
        if (statement instanceof SqlCreateContinuousQuery create) {
            String name = String.join(".", create.name().names);
            planned = plan(name, create.kind(), create.query(), create.emit(), options(name, create));
        } else {
            planned = plan("query", SqlObjectKind.STREAM, statement, null, Map.of());
        }
        Row.Layout layout = Row.layout(EXPLAIN);
        List<Row> rows = new ArrayList<>();
        for (ExplainStep step : planned.translation().explain()) {
            rows.add(Row.of(
                    layout, "  ".repeat(step.depth()) + step.operator(), step.details(), step.state(), step.emit()));
        }
        return ExecuteResult.rows(EXPLAIN, rows);
    }

    private Planned plan(
            String name, SqlObjectKind kind, SqlNode query, SqlEmit emitClause, Map<String, String> options) {
        List<CatalogTable> tables = new ArrayList<>();
        for (EventPublisher publisher : runtime.publishers()) {
            String eventTime = publisher instanceof SourceRuntime source
                            && source.definition().watermarkColumn() >= 0
                    ? publisher
                            .schema()
                            .getFields()
                            .get(source.definition().watermarkColumn())
                            .getName()
                    : null;
            tables.add(new CatalogTable(publisher.name(), publisher.schema(), eventTime));
        }
        RelNode rel = planner.plan(query, tables);
        EmitMode emit =
                emitClause == null ? null : EmitMode.valueOf(emitClause.mode().name());
        long period = emitClause == null || emitClause.interval() == null ? 0 : periodMillis(emitClause.interval());
        EventPublisher[] scanned = new EventPublisher[1];
        LateDataPolicy late = lateDataPolicy(name, rel, options);
        RowErrors errors = new RowErrors(name);
        StreamingTranslator translator = new StreamingTranslator(
                compiler,
                table -> {
                    EventPublisher publisher = runtime.publisher(table);
                    scanned[0] = publisher;
                    return publisher;
                },
                emit,
                period,
                late,
                runtime.config().cores(),
                errors);
        boolean changelog = translator.isChangelog(rel);
        boolean upsert = emit == EmitMode.ON_UPDATE && translator.aggregates(rel);
        if (upsert && kind == SqlObjectKind.MATERIALIZED_VIEW) {
            throw new SqlValidationException("Materialized view '" + name + "': EMIT ON UPDATE replaces rows without"
                    + " retracting the old ones, so the view could not keep its current rows. Leave the EMIT clause out"
                    + " (EMIT CHANGES, the default) to keep them.");
        }
        Schema schema = TypeMapping.schema(rel.getRowType());
        StreamRuntime output =
                new StreamRuntime(name, schema, changelog, kind == SqlObjectKind.MATERIALIZED_VIEW, upsert);
        StreamingTranslator.Translation translation = translator.translate(rel, output);
        if (translation.windowed() && runtime.rootTask(translation.input().name()) instanceof TableRuntime table) {
            throw new SqlValidationException(kind.displayName().substring(0, 1).toUpperCase(Locale.ROOT)
                    + kind.displayName().substring(1) + " '" + name + "': a window needs event time, and table '"
                    + table.name() + "' has none (its rows change by key, not in time). Aggregate it without a"
                    + " window (GROUP BY ... without TUMBLE, HOP or SESSION), or window the source the table is"
                    + " filled from.");
        }
        Optional<StreamRuntime> lateStream = Optional.empty();
        if (late.action() == LateDataPolicy.Action.SIDE_OUTPUT) {
            if (!translation.windowed()) {
                throw new SqlValidationException("Stream '" + name + "': late_data = 'side_output' needs a windowed"
                        + " aggregate; without a window no row is late.");
            }
            StreamRuntime lateOutput =
                    new StreamRuntime(name + "_late", TypeMapping.schema(translation.lateRowType()), false, false);
            translation.lateRows().sideOutput(lateOutput);
            lateStream = Optional.of(lateOutput);
        }
        return new Planned(translation, output, lateStream, errors);
    }

    /**
     * Runs the query from now on: its first operator joins the readers of its input, and the first operator of each
     * further input's chain (the right side of a join) the readers of that input.
     */
    private static Runnable connect(
            EventPublisher input, StreamingTranslator.Translation translation, RowErrors errors, StreamRuntime output) {
        List<Runnable> disconnects = new ArrayList<>();
        disconnects.add(listen(input, translation.head(), translation.usedInputColumns(), errors, output, translation));
        for (StreamingTranslator.JoinedInput joined : translation.joinedInputs()) {
            disconnects.add(listen(joined.input(), joined.head(), joined.used(), errors, output, null));
        }
        return () -> disconnects.forEach(Runnable::run);
    }

    /**
     * Makes {@code head} a reader of {@code input}.
     *
     * @param columnar the translation whose columnar form may take the input's batches whole, or null
     */
    private static Runnable listen(
            EventPublisher input,
            Operator head,
            int[] used,
            RowErrors errors,
            StreamRuntime output,
            StreamingTranslator.Translation columnar) {
        if (input instanceof SourceRuntime || input instanceof TableRuntime) {
            QueryInput listener = input instanceof SourceRuntime source
                    ? new QueryInput(
                            output.name(),
                            input.schema(),
                            used,
                            columnar == null ? null : columnar.inputProjection(),
                            head,
                            errors,
                            columnar == null ? null : columnar.columnar(),
                            output,
                            source.definition().watermarkColumn())
                    : new QueryInput(output.name(), input.schema(), used, head, errors);
            input.addListener(listener);
            return () -> input.removeListener(listener);
        }
        StreamRuntime stream = (StreamRuntime) input;
        GuardedReader reader = new GuardedReader(head, errors);
        stream.addReader(reader);
        return () -> stream.removeReader(reader);
    }

    private LateDataPolicy lateDataPolicy(String name, RelNode rel, Map<String, String> options) {
        Map<String, String> sourceOptions = Map.of();
        String input = firstScan(rel);
        if (input != null) {
            Optional<SourceRuntime> source = runtime.findSource(input);
            if (source.isPresent()) {
                sourceOptions = source.get().definition().options();
            }
        }
        try {
            return LateDataOption.resolve(options, sourceOptions);
        } catch (IllegalArgumentException e) {
            throw new SqlValidationException("Stream '" + name + "': " + e.getMessage());
        }
    }

    private static String firstScan(RelNode rel) {
        if (rel instanceof org.apache.calcite.rel.core.TableScan scan) {
            List<String> names = scan.getTable().getQualifiedName();
            return names.get(names.size() - 1);
        }
        for (RelNode input : rel.getInputs()) {
            String found = firstScan(input);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Map<String, String> options(String name, SqlCreateContinuousQuery statement) {
        Map<String, String> options = new LinkedHashMap<>();
        for (SqlNode node : statement.options()) {
            SqlOption option = (SqlOption) node;
            String key = option.key().toLowerCase(Locale.ROOT);
            if (!OPTIONS.contains(key)) {
                throw new SqlValidationException(statement.kind().displayName() + " '" + name + "': unknown option '"
                        + option.key() + "'. Options of a stream or view: late_data, allowed_lateness.");
            }
            options.put(key, option.value());
        }
        return options;
    }

    private static long periodMillis(SqlIntervalLiteral interval) {
        SqlIntervalLiteral.IntervalValue value = interval.getValueAs(SqlIntervalLiteral.IntervalValue.class);
        long millis = SqlParserUtil.intervalToMillis(value);
        if (millis <= 0) {
            throw new SqlValidationException("EMIT EVERY needs a positive interval, not " + interval);
        }
        return millis;
    }
}
