package io.laminardb.engine.sql;

import io.laminardb.engine.ExecuteResult;
import io.laminardb.engine.Row;
import io.laminardb.engine.SourceInfo;
import io.laminardb.engine.WatermarkStatus;
import io.laminardb.engine.catalog.CatalogSource;
import io.laminardb.engine.runtime.DatabaseRuntime;
import io.laminardb.engine.source.EventPublisher;
import io.laminardb.engine.source.SourceRuntime;
import io.laminardb.engine.sql.parser.SqlObjectKind;
import io.laminardb.engine.sql.parser.SqlShowObjects;
import io.laminardb.engine.stream.ContinuousQuery;
import io.laminardb.engine.stream.WatermarkReport;
import io.laminardb.engine.table.TableRuntime;
import io.laminardb.engine.value.SqlTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** {@code SHOW ...} and {@code DESCRIBE}: the catalog as rows. */
final class CatalogQueries {

    static final Schema SOURCES = schema(
            text("name"),
            nullableText("watermark"),
            bigint("buffer_size"),
            text("backpressure"),
            text("wait_strategy"));
    static final Schema NAMES = schema(text("name"));
    static final Schema SINKS =
            schema(text("name"), text("input"), text("connector"), bigint("rows_written"), text("health"), text("sql"));
    static final Schema COLUMNS = schema(text("name"), text("type"), bool("nullable"), nullableText("watermark"));
    static final Schema WATERMARKS = schema(
            text("name"),
            text("kind"),
            timestamp("watermark"),
            nullableBigint("lag_ms"),
            bool("idle"),
            nullableBigint("open_windows"),
            timestamp("oldest_open_window_end"),
            nullableText("held_back_by"));
    static final Schema STREAMS = schema(text("name"), text("input"), text("emit"), bool("changelog"), text("query"));
    static final Schema VIEWS = schema(text("name"), text("input"), text("emit"), bigint("rows"), text("query"));
    static final Schema TABLES = schema(text("name"), text("primary_key"), bigint("rows"), text("sql"));
    static final Schema QUERIES = schema(
            text("name"),
            text("kind"),
            text("input"),
            text("emit"),
            bigint("rows_emitted"),
            bigint("late_rows"),
            bigint("error_rows"),
            text("state"));

    private final DatabaseRuntime runtime;

    CatalogQueries(DatabaseRuntime runtime) {
        this.runtime = runtime;
    }

    ExecuteResult show(SqlShowObjects.Target target) {
        return switch (target) {
            case SOURCES -> sources();
            case WATERMARKS -> watermarks();
            case STREAMS -> streams();
            case MATERIALIZED_VIEWS -> views();
            case QUERIES -> queries();
            case TABLES -> tables();
            case SINKS -> sinks();
            default -> ExecuteResult.rows(NAMES, List.of());
        };
    }

    private ExecuteResult sinks() {
        Row.Layout layout = Row.layout(SINKS);
        List<Row> rows = new ArrayList<>();
        for (io.laminardb.engine.sink.ConnectorSink sink : runtime.connectorSinks()) {
            io.laminardb.engine.connector.ConnectorHealth health = sink.health();
            rows.add(Row.of(
                    layout,
                    sink.definition().name(),
                    sink.definition().input(),
                    sink.definition().binding().name(),
                    sink.metrics().records(),
                    (health.up() ? "UP" : "DOWN") + ": " + health.detail(),
                    sink.definition().sql()));
        }
        return ExecuteResult.rows(SINKS, rows);
    }

    ExecuteResult describe(String name) {
        EventPublisher publisher = runtime.publisher(name);
        if (!(publisher instanceof SourceRuntime sourceRuntime)) {
            return describeColumns(publisher.schema());
        }
        CatalogSource source = sourceRuntime.definition();
        Row.Layout layout = Row.layout(COLUMNS);
        List<Row> rows = new ArrayList<>();
        List<Field> fields = source.schema().getFields();
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            String watermark = i != source.watermarkColumn()
                    ? null
                    : source.watermarkDelayMillis() == 0
                            ? field.getName()
                            : field.getName() + " - INTERVAL '" + source.watermarkDelayMillis() + "' MILLISECOND";
            rows.add(Row.of(layout, field.getName(), SqlTypes.sqlName(field), field.isNullable(), watermark));
        }
        return ExecuteResult.rows(COLUMNS, rows);
    }

    private static ExecuteResult describeColumns(Schema schema) {
        Row.Layout layout = Row.layout(COLUMNS);
        List<Row> rows = new ArrayList<>();
        for (Field field : schema.getFields()) {
            rows.add(Row.of(layout, field.getName(), SqlTypes.sqlName(field), field.isNullable(), null));
        }
        return ExecuteResult.rows(COLUMNS, rows);
    }

    private ExecuteResult streams() {
        Row.Layout layout = Row.layout(STREAMS);
        List<Row> rows = new ArrayList<>();
        for (ContinuousQuery query : runtime.queries()) {
            if (query.kind() == SqlObjectKind.STREAM) {
                rows.add(Row.of(
                        layout,
                        query.name(),
                        query.input(),
                        query.emit().sql(),
                        query.output().isChangelog(),
                        query.sql()));
            }
            query.lateStream()
                    .ifPresent(late -> rows.add(
                            Row.of(layout, late.name(), query.name(), "-", false, "late rows of " + query.name())));
        }
        return ExecuteResult.rows(STREAMS, rows);
    }

    private ExecuteResult views() {
        Row.Layout layout = Row.layout(VIEWS);
        List<Row> rows = new ArrayList<>();
        for (ContinuousQuery query : runtime.queries()) {
            if (query.kind() == SqlObjectKind.MATERIALIZED_VIEW) {
                rows.add(Row.of(
                        layout,
                        query.name(),
                        query.input(),
                        query.emit().sql(),
                        (long) query.output().size(),
                        query.sql()));
            }
        }
        return ExecuteResult.rows(VIEWS, rows);
    }

    private ExecuteResult tables() {
        Row.Layout layout = Row.layout(TABLES);
        List<Row> rows = new ArrayList<>();
        for (TableRuntime table : runtime.tables()) {
            rows.add(Row.of(
                    layout, table.name(), String.join(", ", table.primaryKey()), (long) table.size(), table.sql()));
        }
        return ExecuteResult.rows(TABLES, rows);
    }

    private ExecuteResult queries() {
        Row.Layout layout = Row.layout(QUERIES);
        List<Row> rows = new ArrayList<>();
        for (ContinuousQuery query : runtime.queries()) {
            rows.add(Row.of(
                    layout,
                    query.name(),
                    query.kind().displayName(),
                    String.join(", ", query.inputs()),
                    query.emit().sql(),
                    query.output().emitted(),
                    query.lateRows().count(),
                    query.errors().count(),
                    query.output().isCompleted() ? "completed" : "running"));
        }
        return ExecuteResult.rows(QUERIES, rows);
    }

    private ExecuteResult sources() {
        Row.Layout layout = Row.layout(SOURCES);
        List<Row> rows = new ArrayList<>();
        for (SourceRuntime runtimeSource : runtime.sources()) {
            SourceInfo info = runtimeSource.definition().info();
            rows.add(Row.of(
                    layout,
                    info.name(),
                    info.watermarkColumn().orElse(null),
                    (long) info.config().bufferSize(),
                    info.config().backpressure().optionValue(),
                    info.config().waitStrategy().optionValue()));
        }
        return ExecuteResult.rows(SOURCES, rows);
    }

    private ExecuteResult watermarks() {
        Row.Layout layout = Row.layout(WATERMARKS);
        List<Row> rows = new ArrayList<>();
        for (WatermarkStatus status : WatermarkReport.of(runtime)) {
            rows.add(Row.of(
                    layout,
                    status.name(),
                    status.kind(),
                    status.watermark().orElse(null),
                    status.lagMillis().orElse(null),
                    status.idle(),
                    status.openWindows().orElse(null),
                    status.oldestOpenWindowEnd().orElse(null),
                    status.heldBackBy().orElse(null)));
        }
        return ExecuteResult.rows(WATERMARKS, rows);
    }

    private static Schema schema(Field... fields) {
        return new Schema(List.of(fields));
    }

    private static Field text(String name) {
        return new Field(name, FieldType.notNullable(ArrowType.Utf8.INSTANCE), null);
    }

    private static Field nullableText(String name) {
        return new Field(name, FieldType.nullable(ArrowType.Utf8.INSTANCE), null);
    }

    private static Field bigint(String name) {
        return new Field(name, FieldType.notNullable(new ArrowType.Int(64, true)), null);
    }

    private static Field nullableBigint(String name) {
        return new Field(name, FieldType.nullable(new ArrowType.Int(64, true)), null);
    }

    private static Field timestamp(String name) {
        return new Field(name, FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)), null);
    }

    private static Field bool(String name) {
        return new Field(name, FieldType.notNullable(ArrowType.Bool.INSTANCE), null);
    }
}
