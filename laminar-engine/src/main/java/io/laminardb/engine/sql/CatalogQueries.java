package io.laminardb.engine.sql;

import io.laminardb.engine.ExecuteResult;
import io.laminardb.engine.Row;
import io.laminardb.engine.SourceInfo;
import io.laminardb.engine.catalog.CatalogSource;
import io.laminardb.engine.plan.WindowProbe;
import io.laminardb.engine.runtime.DatabaseRuntime;
import io.laminardb.engine.source.EventPublisher;
import io.laminardb.engine.source.SourceRuntime;
import io.laminardb.engine.sql.parser.SqlObjectKind;
import io.laminardb.engine.sql.parser.SqlShowObjects;
import io.laminardb.engine.stream.ContinuousQuery;
import io.laminardb.engine.value.SqlTypes;
import java.time.Instant;
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
    static final Schema QUERIES = schema(
            text("name"),
            text("kind"),
            text("input"),
            text("emit"),
            bigint("rows_emitted"),
            bigint("late_rows"),
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
            // No object of these kinds can exist in this release: the answer is truly empty.
            default -> ExecuteResult.rows(NAMES, List.of());
        };
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

    private ExecuteResult queries() {
        Row.Layout layout = Row.layout(QUERIES);
        List<Row> rows = new ArrayList<>();
        for (ContinuousQuery query : runtime.queries()) {
            rows.add(Row.of(
                    layout,
                    query.name(),
                    query.kind().displayName(),
                    query.input(),
                    query.emit().sql(),
                    query.output().emitted(),
                    query.lateRows().count(),
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

    /**
     * Every source's watermark, each stream's, and for each windowed query its oldest open window with the input
     * holding it back: the answer to "why does my window not fire".
     */
    private ExecuteResult watermarks() {
        Row.Layout layout = Row.layout(WATERMARKS);
        List<Row> rows = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (SourceRuntime source : runtime.sources()) {
            long watermark = source.currentWatermark();
            rows.add(Row.of(
                    layout,
                    source.name(),
                    "source",
                    instant(watermark),
                    lag(now, watermark),
                    source.isIdle(),
                    null,
                    null,
                    null));
            for (SourceRuntime.ProducerWatermark producer : source.producerWatermarks()) {
                rows.add(Row.of(
                        layout,
                        source.name() + "/" + producer.name(),
                        "producer",
                        instant(producer.watermark()),
                        lag(now, producer.watermark()),
                        producer.idle(),
                        null,
                        null,
                        null));
            }
        }
        for (ContinuousQuery query : runtime.queries()) {
            long watermark = query.output().watermark();
            rows.add(Row.of(
                    layout,
                    query.name(),
                    query.kind().displayName(),
                    instant(watermark),
                    lag(now, watermark),
                    false,
                    null,
                    null,
                    null));
            for (WindowProbe window : query.windows()) {
                long oldest = window.oldestOpenWindowEnd().getAsLong();
                int open = window.openWindows().getAsInt();
                rows.add(Row.of(
                        layout,
                        query.name() + "/" + window.window(),
                        "window",
                        instant(watermark),
                        lag(now, watermark),
                        false,
                        (long) open,
                        instant(oldest),
                        open == 0 ? null : heldBackBy(query.input())));
            }
        }
        return ExecuteResult.rows(WATERMARKS, rows);
    }

    /**
     * What keeps {@code input}'s watermark back: for a source, its slowest active producer (or the source itself when
     * nothing pushed a watermark or an event time); for a stream, what holds back the stream's own input.
     */
    private String heldBackBy(String input) {
        EventPublisher publisher = runtime.publisher(input);
        if (publisher instanceof SourceRuntime source) {
            return source.slowestProducer()
                    .map(p -> source.name() + "/" + p.name() + " (watermark " + describe(p.watermark()) + ")")
                    .orElse(source.name() + " (watermark " + describe(source.currentWatermark()) + ")");
        }
        return runtime.findQuery(input).map(q -> heldBackBy(q.input())).orElse(input);
    }

    private static String describe(long watermark) {
        return watermark == Long.MIN_VALUE
                ? "none yet"
                : Instant.ofEpochMilli(watermark).toString();
    }

    private static Instant instant(long millis) {
        return millis == Long.MIN_VALUE || millis == Long.MAX_VALUE ? null : Instant.ofEpochMilli(millis);
    }

    private static Long lag(long now, long watermark) {
        return watermark == Long.MIN_VALUE || watermark == Long.MAX_VALUE ? null : now - watermark;
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
