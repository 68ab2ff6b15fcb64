package io.laminardb.format.avro;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.Row;
import io.laminardb.engine.connector.ConnectorOption;
import io.laminardb.engine.connector.DecodeException;
import io.laminardb.engine.connector.FormatFactory;
import io.laminardb.engine.connector.FormatSpec;
import io.laminardb.engine.connector.RowDecoder;
import io.laminardb.engine.connector.RowEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * {@code format = 'avro'}: Avro binary records. With {@code schema.registry.url}, in the Confluent wire format (a zero
 * byte, the writer schema's id as four bytes, the record): readers fetch each writer schema by id, writers register
 * theirs under {@code avro.subject}. With {@code avro.schema} instead, plain Avro records of that schema. Fields map to
 * columns by name, ignoring case; a column the record lacks is NULL. See {@code docs/connectors/avro.md}.
 */
public final class AvroFormat implements FormatFactory {

    private static final byte MAGIC = 0;

    @Override
    public String name() {
        return "avro";
    }

    @Override
    public List<ConnectorOption> options() {
        return List.of(
                ConnectorOption.string("schema.registry.url", "The Confluent-compatible schema registry"),
                ConnectorOption.string(
                                "schema.registry.basic.auth.user.info", "user:password for the registry's basic auth")
                        .secret(),
                ConnectorOption.string(
                        "avro.subject", "The registry subject a sink registers under (default: <topic>-value)"),
                ConnectorOption.string(
                        "avro.schema", "An Avro schema (JSON) of plain records, for use without a registry"));
    }

    private static SchemaRegistryClient registry(FormatSpec spec) {
        String url = spec.options().get("schema.registry.url").orElse(null);
        if (url == null) {
            if (spec.options().get("avro.schema").isEmpty()) {
                throw new ConnectorException("'" + spec.object() + "': format 'avro' needs 'schema.registry.url' (the"
                        + " Confluent wire format) or 'avro.schema' (plain Avro records of that schema).");
            }
            return null;
        }
        return new SchemaRegistryClient(
                url, spec.options().get("schema.registry.basic.auth.user.info").orElse(null));
    }

    private static Schema inline(FormatSpec spec) {
        return spec.options()
                .get("avro.schema")
                .map(text -> {
                    try {
                        return new Schema.Parser().parse(text);
                    } catch (RuntimeException e) {
                        throw new ConnectorException(
                                "'" + spec.object() + "': avro.schema is not a valid Avro schema: " + e.getMessage());
                    }
                })
                .orElse(null);
    }

    @Override
    public RowDecoder decoder(FormatSpec spec) {
        SchemaRegistryClient registry = registry(spec);
        Schema inline = registry == null ? inline(spec) : null;
        List<Field> fields = spec.schema().getFields();
        Map<Integer, GenericDatumReader<GenericRecord>> readers = new HashMap<>();
        GenericDatumReader<GenericRecord> inlineReader = inline == null ? null : new GenericDatumReader<>(inline);
        BinaryDecoder[] reuse = new BinaryDecoder[1];
        return (key, value, out) -> {
            if (value == null) {
                return;
            }
            GenericDatumReader<GenericRecord> reader;
            int offset = 0;
            if (registry != null) {
                if (value.length < 5 || value[0] != MAGIC) {
                    throw new DecodeException("not in the schema registry's wire format: expected a zero byte and a"
                            + " 4-byte schema id, found "
                            + (value.length == 0 ? "an empty message" : "byte " + value[0]));
                }
                int id = ByteBuffer.wrap(value, 1, 4).getInt();
                reader = readers.get(id);
                if (reader == null) {
                    Schema writer;
                    try {
                        writer = registry.byId(id);
                    } catch (IOException e) {
                        throw new DecodeException("writer schema " + id + ": " + e.getMessage(), e);
                    }
                    reader = new GenericDatumReader<>(writer);
                    readers.put(id, reader);
                }
                offset = 5;
            } else {
                reader = inlineReader;
            }
            GenericRecord record;
            try {
                reuse[0] = DecoderFactory.get().binaryDecoder(value, offset, value.length - offset, reuse[0]);
                record = reader.read(null, reuse[0]);
            } catch (IOException | RuntimeException e) {
                throw new DecodeException(
                        "not an Avro record of schema " + reader.getSchema().getFullName() + ": " + e);
            }
            Schema schema = record.getSchema();
            Object[] row = new Object[fields.size()];
            for (int i = 0; i < row.length; i++) {
                Field field = fields.get(i);
                Schema.Field avro = find(schema, field.getName());
                row[i] = AvroSchemas.fromAvro(
                        avro == null ? null : record.get(avro.pos()),
                        avro == null ? Schema.create(Schema.Type.NULL) : avro.schema(),
                        field);
            }
            out.row(row, ChangeEvent.Op.INSERT);
        };
    }

    private static Schema.Field find(Schema schema, String name) {
        Schema.Field exact = schema.getField(name);
        if (exact != null) {
            return exact;
        }
        for (Schema.Field f : schema.getFields()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    /**
     * Writes inserts and the new rows of updates; retractions ({@code DELETE}, {@code UPDATE_BEFORE}) write nothing, as
     * a plain Avro record cannot say it retracts (use {@code debezium} or {@code json} for a whole changelog).
     */
    @Override
    public RowEncoder encoder(FormatSpec spec) {
        SchemaRegistryClient registry = registry(spec);
        Schema schema = registry == null
                ? inline(spec)
                : AvroSchemas.recordOf(spec.object(), spec.schema().getFields());
        String subject = spec.options()
                .get("avro.subject")
                .orElse(spec.options().get("topic").orElse(spec.object()) + "-value");
        GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(schema);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        BinaryEncoder[] reuse = new BinaryEncoder[1];
        int[] id = {-1};
        Row.Layout layout = spec.layout();
        return (row, op) -> {
            if (op == ChangeEvent.Op.DELETE || op == ChangeEvent.Op.UPDATE_BEFORE) {
                return null;
            }
            buffer.reset();
            try {
                if (registry != null) {
                    if (id[0] < 0) {
                        id[0] = registry.register(subject, schema);
                    }
                    buffer.write(MAGIC);
                    buffer.write(ByteBuffer.allocate(4).putInt(id[0]).array());
                }
                GenericRecord record = new org.apache.avro.generic.GenericData.Record(schema);
                for (Schema.Field f : schema.getFields()) {
                    int column = layout.indexOf(f.name());
                    record.put(f.pos(), column < 0 ? null : AvroSchemas.toAvro(row.get(column), f.schema()));
                }
                reuse[0] = EncoderFactory.get().binaryEncoder(buffer, reuse[0]);
                writer.write(record, reuse[0]);
                reuse[0].flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return buffer.toByteArray();
        };
    }
}
