package io.laminardb.engine.connector.format;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;
import io.laminardb.engine.connector.ConnectorOption;
import io.laminardb.engine.connector.FormatFactory;
import io.laminardb.engine.connector.FormatSpec;
import io.laminardb.engine.connector.RowDecoder;
import io.laminardb.engine.connector.RowEncoder;
import java.util.List;
import java.util.Locale;

/**
 * {@code format = 'debezium'}: Debezium's JSON change events, with or without the {@code schema}/{@code payload}
 * envelope. A source in this format is a changelog:
 *
 * <ul>
 *   <li>{@code op} {@code c} (create) and {@code r} (snapshot read): an {@code INSERT} of {@code after};
 *   <li>{@code u}: an {@code UPDATE_BEFORE} of {@code before}, then an {@code UPDATE_AFTER} of {@code after}. An update
 *       without {@code before} (a table that does not log whole old rows) is refused: the row to retract is unknown,
 *       and going on with only the new row would count it twice downstream (Flink refuses it too);
 *   <li>{@code d}: a {@code DELETE} of {@code before};
 *   <li>{@code t} (truncate), {@code m} (a logical decoding message) and tombstones (no value): no row.
 * </ul>
 *
 * <p>Columns of {@code before} and {@code after} are read as in {@code json}, and in Debezium's encodings where the
 * envelope's schema names them: numeric timestamps and times in milli-, micro- or nanoseconds, decimals as base64
 * unscaled bytes. Without a schema, numeric timestamps and times are in {@code debezium.time_unit}.
 *
 * <p>Written: one bare envelope per row, {@code {"before":..., "after":..., "op":..., "ts_ms":...}}. A row that adds
 * ({@code INSERT}, {@code UPDATE_AFTER}) is {@code op = c} with {@code after}; a row that retracts ({@code DELETE},
 * {@code UPDATE_BEFORE}) is {@code op = d} with {@code before}. An update is thus a delete and a create, as Flink's
 * {@code debezium-json} writes it: an encoder sees one row at a time, and the retraction of an update may come without
 * the new row (a filter downstream of the update dropped it), so it cannot wait to pair them into a {@code u}.
 */
public final class DebeziumFormat implements FormatFactory {

    static final String IGNORE_PARSE_ERRORS = "debezium.ignore_parse_errors";
    static final String TIME_UNIT = "debezium.time_unit";

    @Override
    public String name() {
        return "debezium";
    }

    @Override
    public boolean changelog() {
        return true;
    }

    @Override
    public List<ConnectorOption> options() {
        return List.of(
                ConnectorOption.bool(
                                IGNORE_PARSE_ERRORS,
                                "Whether an event that is not valid or does not fit the columns is skipped (no row)"
                                        + " instead of failing the source or going to the dead letters")
                        .withDefault("false"),
                ConnectorOption.choice(
                                TIME_UNIT,
                                "The unit of numeric TIMESTAMP and TIME values where the envelope has no schema"
                                        + " naming it",
                                "millis",
                                "micros",
                                "nanos")
                        .withDefault("millis"));
    }

    @Override
    public RowDecoder decoder(FormatSpec spec) {
        Column.TimeScale unit = Column.TimeScale.valueOf(
                spec.options().getChoice(TIME_UNIT).orElse("millis").toUpperCase(Locale.ROOT));
        Columns columns = Columns.of(spec.schema().getFields(), spec.object(), name());
        if (unit != Column.TimeScale.MILLIS) {
            columns = columns.map(
                    c -> c.kind == Column.Kind.TIMESTAMP || c.kind == Column.Kind.TIME ? c.withTimeScale(unit) : c);
        }
        return new DebeziumDecoder(
                columns, spec.options().getBoolean(IGNORE_PARSE_ERRORS).orElse(false));
    }

    @Override
    public RowEncoder encoder(FormatSpec spec) {
        Columns.of(spec.schema().getFields(), spec.object(), name()); // refuses a type without a JSON form
        JsonRowWriter writer = new JsonRowWriter(spec.schema());
        return (Row row, ChangeEvent.Op op) -> {
            boolean adds = op.weight() > 0;
            long now = System.currentTimeMillis();
            return writer.write(out -> {
                out.writeStartObject();
                out.writeFieldName("before");
                if (adds) {
                    out.writeNull();
                } else {
                    writer.object(out, row);
                }
                out.writeFieldName("after");
                if (adds) {
                    writer.object(out, row);
                } else {
                    out.writeNull();
                }
                out.writeStringField("op", adds ? "c" : "d");
                out.writeNumberField("ts_ms", now);
                out.writeEndObject();
            });
        };
    }
}
