package io.laminardb.benchmarks.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;
import io.laminardb.engine.connector.ConnectorOptions;
import io.laminardb.engine.connector.DecodeException;
import io.laminardb.engine.connector.FormatFactory;
import io.laminardb.engine.connector.FormatSpec;
import io.laminardb.engine.connector.RowDecoder;
import io.laminardb.engine.connector.RowEncoder;
import io.laminardb.engine.connector.format.CsvFormat;
import io.laminardb.engine.connector.format.DebeziumFormat;
import io.laminardb.engine.connector.format.JsonFormat;
import io.laminardb.engine.value.SqlTypes;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Nanoseconds to decode one message of an order (seven columns: BIGINT, VARCHAR, DECIMAL, DOUBLE, BOOLEAN, TIMESTAMP,
 * DATE) and to encode one row, per format:
 *
 * <ul>
 *   <li>{@code decode}: the format's decoder, rows handed to a blackhole. The JSON message also has a field no column
 *       names (an object of an array), which the decoder skips; the Debezium message is an update (two rows) in the
 *       {@code schema}/{@code payload} envelope of Kafka Connect's JsonConverter, the same schema in every message.
 *   <li>{@code treeBaseline}: Jackson's {@code readTree} of the same bytes, the parse a tree-based decoder pays before
 *       converting a single value (for CSV, {@code String.split} of the decoded text).
 *   <li>{@code encode}: the format's encoder (an insert); {@code mapBaseline}: Jackson databind writing the row's
 *       {@code toMap()} with its timestamp and date as strings (for CSV, joining the values' {@code toString()} with
 *       commas).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FormatBenchmark {

    @Param({"json", "csv", "debezium"})
    public String format;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RowDecoder decoder;
    private RowEncoder encoder;
    private byte[] message;
    private Row row;

    @Setup
    public void setup() {
        Schema schema = new Schema(List.of(
                column("id", "BIGINT", false, -1, -1),
                column("customer", "VARCHAR", true, -1, -1),
                column("amount", "DECIMAL", true, 10, 2),
                column("price", "DOUBLE", true, -1, -1),
                column("paid", "BOOLEAN", true, -1, -1),
                column("ts", "TIMESTAMP", true, 3, -1),
                column("day", "DATE", true, -1, -1)));
        FormatSpec spec = new FormatSpec("orders", schema, Row.layout(schema), ConnectorOptions.of(Map.of()));
        FormatFactory factory;
        String text;
        String after = "{\"id\":7,\"customer\":\"ann\",\"amount\":12.50,\"price\":1.5,\"paid\":true,"
                + "\"ts\":\"2026-11-22T10:00:00.250Z\",\"day\":\"2026-11-22\"}";
        switch (format) {
            case "json" -> {
                factory = new JsonFormat();
                text = "{\"id\":7,\"customer\":\"ann\",\"amount\":12.50,\"price\":1.5,\"paid\":true,"
                        + "\"ts\":\"2026-11-22T10:00:00.250Z\",\"day\":\"2026-11-22\",\"extra\":{\"tags\":[1,2,3]}}";
            }
            case "csv" -> {
                factory = new CsvFormat();
                text = "7,ann,12.50,1.5,true,2026-11-22T10:00:00.250Z,2026-11-22\n";
            }
            default -> {
                factory = new DebeziumFormat();
                text = "{\"schema\":" + debeziumSchema() + ",\"payload\":{\"before\":" + after.replace("ann", "bo")
                        + ",\"after\":" + after + ",\"source\":{\"version\":\"3.0.0.Final\",\"connector\":"
                        + "\"postgresql\",\"db\":\"shop\",\"lsn\":24023128},\"op\":\"u\",\"ts_ms\":1763805600000}}";
            }
        }
        decoder = factory.decoder(spec);
        encoder = factory.encoder(spec);
        message = text.getBytes(StandardCharsets.UTF_8);
        row = Row.of(
                Row.layout(schema),
                7L,
                "ann",
                new BigDecimal("12.50"),
                1.5,
                true,
                Instant.parse("2026-11-22T10:00:00.250Z"),
                LocalDate.of(2026, 11, 22));
    }

    private static Field column(String name, String type, boolean nullable, int precision, int scale) {
        return new Field(name, new FieldType(nullable, SqlTypes.arrowType(type, precision, scale), null), null);
    }

    /** The schema half of a PostgreSQL envelope for the order table, as Debezium writes it. */
    private static String debeziumSchema() {
        String fields = "[{\"type\":\"int64\",\"optional\":false,\"field\":\"id\"},"
                + "{\"type\":\"string\",\"optional\":true,\"field\":\"customer\"},"
                + "{\"type\":\"string\",\"optional\":true,\"field\":\"amount\"},"
                + "{\"type\":\"double\",\"optional\":true,\"field\":\"price\"},"
                + "{\"type\":\"boolean\",\"optional\":true,\"field\":\"paid\"},"
                + "{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.time.ZonedTimestamp\",\"version\":1,"
                + "\"field\":\"ts\"},"
                + "{\"type\":\"int32\",\"optional\":true,\"name\":\"io.debezium.time.Date\",\"version\":1,"
                + "\"field\":\"day\"}]";
        String value = "{\"type\":\"struct\",\"fields\":" + fields + ",\"optional\":true,"
                + "\"name\":\"shop.public.orders.Value\",\"field\":\"";
        return "{\"type\":\"struct\",\"fields\":[" + value + "before\"}," + value + "after\"},"
                + "{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":false,\"field\":\"version\"},"
                + "{\"type\":\"string\",\"optional\":false,\"field\":\"connector\"},"
                + "{\"type\":\"string\",\"optional\":false,\"field\":\"db\"},"
                + "{\"type\":\"int64\",\"optional\":true,\"field\":\"lsn\"}],\"optional\":false,"
                + "\"name\":\"io.debezium.connector.postgresql.Source\",\"field\":\"source\"},"
                + "{\"type\":\"string\",\"optional\":false,\"field\":\"op\"},"
                + "{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_ms\"}],\"optional\":false,"
                + "\"name\":\"shop.public.orders.Envelope\",\"version\":2}";
    }

    @Benchmark
    public void decode(Blackhole hole) throws DecodeException {
        decoder.decode(null, message, (values, op) -> hole.consume(values));
    }

    @Benchmark
    public Object treeBaseline() throws IOException {
        if (format.equals("csv")) {
            return new String(message, StandardCharsets.UTF_8).split(",");
        }
        return MAPPER.readTree(message);
    }

    @Benchmark
    public byte[] encode() {
        return encoder.encode(row, ChangeEvent.Op.INSERT);
    }

    @Benchmark
    public Object mapBaseline() throws IOException {
        if (format.equals("csv")) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == 0 ? "" : ",").append(row.get(i));
            }
            return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        row.toMap()
                .forEach((name, value) -> map.put(
                        name, value instanceof Instant || value instanceof LocalDate ? value.toString() : value));
        return MAPPER.writeValueAsBytes(map);
    }
}
