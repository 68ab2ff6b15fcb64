package io.laminardb.engine.sql;

import io.laminardb.engine.ExecuteResult;
import io.laminardb.engine.Row;
import io.laminardb.engine.SourceInfo;
import io.laminardb.engine.catalog.CatalogSource;
import io.laminardb.engine.runtime.DatabaseRuntime;
import io.laminardb.engine.source.SourceRuntime;
import io.laminardb.engine.sql.parser.SqlShowObjects;
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
            text("source"),
            new Field("watermark", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)), null),
            new Field("lag_ms", FieldType.nullable(new ArrowType.Int(64, true)), null));

    private final DatabaseRuntime runtime;

    CatalogQueries(DatabaseRuntime runtime) {
        this.runtime = runtime;
    }

    ExecuteResult show(SqlShowObjects.Target target) {
        return switch (target) {
            case SOURCES -> sources();
            case WATERMARKS -> watermarks();
            // No object of these kinds can exist in this release: the answer is truly empty.
            default -> ExecuteResult.rows(NAMES, List.of());
        };
    }

    ExecuteResult describe(String name) {
        CatalogSource source = runtime.source(name).definition();
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
        long now = System.currentTimeMillis();
        for (SourceRuntime source : runtime.sources()) {
            long watermark = source.currentWatermark();
            boolean none = watermark == Long.MIN_VALUE;
            rows.add(Row.of(
                    layout,
                    source.name(),
                    none ? null : Instant.ofEpochMilli(watermark),
                    none ? null : now - watermark));
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

    private static Field bool(String name) {
        return new Field(name, FieldType.notNullable(ArrowType.Bool.INSTANCE), null);
    }
}
