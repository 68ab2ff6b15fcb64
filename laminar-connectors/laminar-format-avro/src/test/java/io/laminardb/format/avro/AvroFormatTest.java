package io.laminardb.format.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.Row;
import io.laminardb.engine.connector.ConnectorOptions;
import io.laminardb.engine.connector.DecodeException;
import io.laminardb.engine.connector.FormatSpec;
import io.laminardb.engine.value.SqlTypes;
import io.laminardb.format.avro.testing.TestSchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** format = 'avro' against a real HTTP schema registry. */
class AvroFormatTest {

    static TestSchemaRegistry registry;

    @BeforeAll
    @BeforeContainer
    static void registry() {
        registry = TestSchemaRegistry.start();
    }

    @AfterAll
    @AfterContainer
    static void stop() {
        registry.close();
    }

    static Field column(String name, String type, boolean nullable) {
        int precision = type.equals("DECIMAL") ? 12 : type.equals("TIMESTAMP") ? 3 : 0;
        int scale = type.equals("DECIMAL") ? 3 : 0;
        return new Field(name, new FieldType(nullable, SqlTypes.arrowType(type, precision, scale), null), null);
    }

    static final org.apache.arrow.vector.types.pojo.Schema COLUMNS =
            new org.apache.arrow.vector.types.pojo.Schema(List.of(
                    column("id", "BIGINT", false),
                    column("name", "VARCHAR", true),
                    column("amount", "DECIMAL", true),
                    column("score", "DOUBLE", true),
                    column("ok", "BOOLEAN", true),
                    column("ts", "TIMESTAMP", true),
                    column("day", "DATE", true)));

    static FormatSpec spec(Map<String, String> options) {
        return new FormatSpec("orders", COLUMNS, Row.layout(COLUMNS), ConnectorOptions.of(options));
    }

    static List<Object[]> decode(FormatSpec spec, byte[] message) throws DecodeException {
        List<Object[]> rows = new ArrayList<>();
        new AvroFormat().decoder(spec).decode(null, message, (values, op) -> rows.add(values));
        return rows;
    }

    @Provide
    Arbitrary<Object[]> rows() {
        return Combinators.combine(
                        Arbitraries.longs(),
                        Arbitraries.strings().ofMaxLength(12).injectNull(0.2),
                        Arbitraries.bigDecimals()
                                .between(new BigDecimal("-999999999.999"), new BigDecimal("999999999.999"))
                                .ofScale(3)
                                .injectNull(0.2),
                        Arbitraries.doubles().injectNull(0.2),
                        Arbitraries.of(true, false).injectNull(0.2),
                        Arbitraries.longs()
                                .between(-10_000_000_000_000L, 10_000_000_000_000L)
                                .map(Instant::ofEpochMilli)
                                .injectNull(0.2),
                        Arbitraries.longs()
                                .between(-100_000, 100_000)
                                .map(LocalDate::ofEpochDay)
                                .injectNull(0.2))
                .as((a, b, c, d, e, f, g) -> new Object[] {a, b, c, d, e, f, g});
    }

    @Property(tries = 200)
    void rowsWrittenThroughTheRegistryReadBackTheSame(@ForAll("rows") Object[] values) throws Exception {
        FormatSpec spec = spec(Map.of("schema.registry.url", registry.url(), "topic", "orders"));
        byte[] message =
                new AvroFormat().encoder(spec).encode(Row.of(Row.layout(COLUMNS), values), ChangeEvent.Op.INSERT);
        assertThat(message[0]).isEqualTo((byte) 0);
        assertThat(decode(spec, message))
                .singleElement()
                .satisfies(row -> assertThat(row).containsExactly(values));
    }

    @Test
    void theSinkRegistersItsSchemaUnderTopicValue() throws Exception {
        FormatSpec spec = spec(Map.of("schema.registry.url", registry.url(), "topic", "payments"));
        new AvroFormat()
                .encoder(spec)
                .encode(Row.of(Row.layout(COLUMNS), 1L, null, null, null, null, null, null), ChangeEvent.Op.INSERT);
        Map.Entry<Integer, Schema> latest = new SchemaRegistryClient(registry.url(), null).latest("payments-value");
        assertThat(latest.getValue().getField("amount").schema().toString()).contains("\"logicalType\":\"decimal\"");
    }

    @Test
    void aWriterSchemaWithOtherFieldsMapsByNameAndLeavesTheRestNull() throws Exception {
        Schema writer = SchemaBuilder.record("Order")
                .fields()
                .requiredLong("ID")
                .requiredString("extra")
                .optionalDouble("score")
                .endRecord();
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url(), null);
        int id = client.register("other-value", writer);
        GenericRecord record = new GenericData.Record(writer);
        record.put("ID", 5L);
        record.put("extra", "ignored");
        record.put("score", 2.5);
        byte[] message = wire(id, writer, record);
        Object[] row = decode(spec(Map.of("schema.registry.url", registry.url())), message)
                .get(0);
        assertThat(row).containsExactly(5L, null, null, 2.5, null, null, null);
    }

    @Test
    void badInputIsNamed() throws Exception {
        FormatSpec spec = spec(Map.of("schema.registry.url", registry.url()));
        assertThatThrownBy(() -> decode(spec, new byte[] {'{', '"'}))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("not in the schema registry's wire format");
        assertThatThrownBy(() -> decode(spec, new byte[] {0, 0, 0, 3, (byte) 0xE7, 1}))
                .hasMessageContaining("writer schema 999")
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("40403");
        FormatSpec down = spec(Map.of("schema.registry.url", "http://127.0.0.1:1"));
        assertThatThrownBy(() -> decode(down, new byte[] {0, 0, 0, 0, 1, 2}))
                .hasMessageContaining("cannot be reached")
                .hasMessageContaining("http://127.0.0.1:1");
        assertThatThrownBy(() -> new AvroFormat().decoder(spec(Map.of())))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("needs 'schema.registry.url'");
    }

    @Test
    void anInlineSchemaReadsPlainAvroRecords() throws Exception {
        Schema schema = AvroSchemas.recordOf("orders", COLUMNS.getFields());
        FormatSpec spec = spec(Map.of("avro.schema", schema.toString()));
        Object[] values = {
            1L, "x", new BigDecimal("1.500"), 0.5, true, Instant.ofEpochMilli(5), LocalDate.of(2026, 1, 1)
        };
        byte[] message =
                new AvroFormat().encoder(spec).encode(Row.of(Row.layout(COLUMNS), values), ChangeEvent.Op.INSERT);
        assertThat(decode(spec, message).get(0)).containsExactly(values);
    }

    static byte[] wire(int id, Schema schema, GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
