package io.laminardb.engine.connector.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;
import io.laminardb.engine.connector.DecodeException;
import io.laminardb.engine.connector.FormatFactory;
import io.laminardb.engine.connector.RowDecoder;
import io.laminardb.engine.connector.RowEncoder;
import io.laminardb.engine.value.SqlTypes;
import io.laminardb.engine.value.SqlValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Whatever the schema and whatever the rows, writing rows in a format and reading them back gives the same values (and,
 * for a changelog format, the same weights); and no input makes a decoder fail with anything but a DecodeException.
 */
class FormatRoundTripProperties {

    /** A schema, rows of it, and the options to write and read them with. */
    record Sample(Schema schema, List<Object[]> rows, Map<String, String> options) {
        @Override
        public String toString() {
            StringBuilder s =
                    new StringBuilder(schema.getFields().toString()).append(' ').append(options);
            rows.forEach(r -> s.append("\n  ").append(Arrays.deepToString(r)));
            return s.toString();
        }
    }

    @Property(tries = 300)
    void jsonRowsOfAnySchemaReadBackAsWritten(@ForAll("nestedSamples") Sample sample) throws Exception {
        assertRoundTrip(new JsonFormat(), sample, ChangeEvent.Op.INSERT);
    }

    @Property(tries = 300)
    void csvRowsOfAnyFlatSchemaReadBackAsWrittenWithAnySettings(@ForAll("csvSamples") Sample sample) throws Exception {
        assertRoundTrip(new CsvFormat(), sample, ChangeEvent.Op.INSERT);
    }

    @Property(tries = 200)
    void debeziumChangesReadBackWithTheirRowsAndWeights(
            @ForAll("nestedSamples") Sample sample, @ForAll ChangeEvent.Op op) throws Exception {
        assertRoundTrip(new DebeziumFormat(), sample, op);
    }

    @Property(tries = 500)
    void anyJsonLikeTextIsRowsOrADecodeException(@ForAll("jsonLikeText") String text) {
        for (FormatFactory format : List.of(new JsonFormat(), new DebeziumFormat(), new CsvFormat())) {
            RowDecoder decoder = format.decoder(FormatFixtures.spec(FormatFixtures.ORDERS, Map.of()));
            try {
                decoder.decode(null, text.getBytes(StandardCharsets.UTF_8), (values, op) -> {});
            } catch (DecodeException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    private static void assertRoundTrip(FormatFactory format, Sample sample, ChangeEvent.Op op) throws Exception {
        var spec = FormatFixtures.spec(sample.schema(), sample.options());
        RowEncoder encoder = format.encoder(spec);
        RowDecoder decoder = format.decoder(spec);
        Row.Layout layout = Row.layout(sample.schema());
        for (Object[] values : sample.rows()) {
            byte[] bytes = encoder.encode(Row.of(layout, values), op);
            List<FormatFixtures.Decoded> back = FormatFixtures.decode(decoder, bytes);
            String written = new String(bytes, StandardCharsets.UTF_8);
            assertThat(back).as(written).hasSize(1);
            assertThat(comparable(back.get(0).values())).as(written).isEqualTo(comparable(values));
            assertThat(back.get(0).op().weight()).isEqualTo(op.weight());
        }
    }

    /** Values that compare by content: byte arrays as lists, nested rows as lists of their values. */
    private static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            List<Byte> list = new ArrayList<>(bytes.length);
            for (byte b : bytes) {
                list.add(b);
            }
            return list;
        } else if (value instanceof Object[] values) {
            return comparable(Arrays.asList(values));
        } else if (value instanceof Row row) {
            return comparable(row.toArray());
        } else if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(comparable(v)));
            return out;
        }
        return value;
    }

    // ---- samples ---------------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Sample> nestedSamples() {
        return samples(true, Arbitraries.just(Map.of()));
    }

    @Provide
    Arbitrary<Sample> csvSamples() {
        Arbitrary<Map<String, String>> options = Combinators.combine(
                        Arbitraries.of(",", ";", "\t", "|"),
                        Arbitraries.of("\"", "'"),
                        Arbitraries.of("false", "true"),
                        Arbitraries.of("", "\\N", "NULL"))
                .as((delimiter, quote, header, nullLiteral) -> {
                    Map<String, String> map = new LinkedHashMap<>();
                    map.put("csv.delimiter", delimiter);
                    map.put("csv.quote", quote);
                    map.put("csv.header", header);
                    map.put("csv.null_literal", nullLiteral);
                    return map;
                });
        return samples(false, options);
    }

    private Arbitrary<Sample> samples(boolean nested, Arbitrary<Map<String, String>> options) {
        return Arbitraries.integers().between(1, 8).flatMap(count -> {
            List<Arbitrary<Field>> fields = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                fields.add(field(name(i), nested ? 2 : 0));
            }
            return Combinators.combine(fields).as(list -> new Schema(list)).flatMap(schema -> {
                List<Arbitrary<Object>> values = new ArrayList<>();
                for (Field field : schema.getFields()) {
                    values.add(value(field));
                }
                Arbitrary<Object[]> row = Combinators.combine(values).as(List::toArray);
                return Combinators.combine(row.list().ofMinSize(1).ofMaxSize(4), options)
                        .as((rows, opts) -> new Sample(schema, rows, opts));
            });
        });
    }

    /** Column names that differ even ignoring case, some with characters CSV must quote. */
    private static String name(int i) {
        String[] prefixes = {"c", "Col", "näme ", "a,b", "q\"", "Ünï", "tab\t", "id"};
        return prefixes[i % prefixes.length] + i;
    }

    private static final List<String> FLAT = List.of(
            "BOOLEAN",
            "TINYINT",
            "SMALLINT",
            "INT",
            "BIGINT",
            "FLOAT",
            "DOUBLE",
            "DECIMAL",
            "VARCHAR",
            "VARBINARY",
            "DATE",
            "TIME(3)",
            "TIME(6)",
            "TIMESTAMP(3)",
            "TIMESTAMP(6)");

    private Arbitrary<Field> field(String name, int depth) {
        Arbitrary<Boolean> nullable = Arbitraries.of(true, false);
        Arbitrary<Field> flat = Combinators.combine(
                        Arbitraries.of(FLAT),
                        Arbitraries.integers().between(1, 38),
                        Arbitraries.integers().between(0, 38),
                        nullable)
                .as((type, precision, scale, isNullable) ->
                        new Field(name, new FieldType(isNullable, arrowType(type, precision, scale), null), null));
        if (depth == 0) {
            return flat;
        }
        Arbitrary<Field> row = Arbitraries.integers().between(1, 3).flatMap(count -> {
            List<Arbitrary<Field>> children = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                children.add(field("f" + i, depth - 1));
            }
            return Combinators.combine(children)
                    .as(list -> new Field(name, FieldType.nullable(ArrowType.Struct.INSTANCE), list));
        });
        Arbitrary<Field> array = field("item", depth - 1)
                .map(element -> new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(element)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, flat), net.jqwik.api.Tuple.of(1, row), net.jqwik.api.Tuple.of(1, array));
    }

    private static ArrowType arrowType(String type, int precision, int scale) {
        if (type.equals("DECIMAL")) {
            return SqlTypes.arrowType("DECIMAL", precision, Math.min(scale, precision));
        }
        int paren = type.indexOf('(');
        return paren < 0
                ? SqlTypes.arrowType(type, -1, -1)
                : SqlTypes.arrowType(
                        type.substring(0, paren), Integer.parseInt(type.substring(paren + 1, type.length() - 1)), -1);
    }

    private Arbitrary<Object> value(Field field) {
        Arbitrary<?> value = nonNull(field);
        @SuppressWarnings("unchecked")
        Arbitrary<Object> any = (Arbitrary<Object>) value;
        return field.isNullable() ? any.injectNull(0.15) : any;
    }

    private Arbitrary<?> nonNull(Field field) {
        ArrowType type = field.getType();
        switch (type.getTypeID()) {
            case Bool:
                return Arbitraries.of(true, false);
            case Int:
                switch (((ArrowType.Int) type).getBitWidth()) {
                    case 8:
                        return Arbitraries.bytes();
                    case 16:
                        return Arbitraries.shorts();
                    case 32:
                        return Arbitraries.integers();
                    default:
                        return Arbitraries.longs();
                }
            case FloatingPoint:
                if (SqlTypes.sqlName(field).equals("FLOAT")) {
                    return Arbitraries.oneOf(
                            Arbitraries.floats(),
                            Arbitraries.integers().map(Float::intBitsToFloat),
                            Arbitraries.of(Float.NaN, Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE));
                }
                return Arbitraries.oneOf(
                        Arbitraries.doubles(),
                        Arbitraries.longs().map(Double::longBitsToDouble),
                        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.MAX_VALUE));
            case Decimal:
                ArrowType.Decimal decimal = (ArrowType.Decimal) type;
                BigInteger max = BigInteger.TEN.pow(decimal.getPrecision()).subtract(BigInteger.ONE);
                return Arbitraries.bigIntegers()
                        .between(max.negate(), max)
                        .map(unscaled -> new BigDecimal(unscaled, decimal.getScale()));
            case Utf8:
                return Arbitraries.strings()
                        .withCharRange('\u0000', '\u00ff')
                        .withCharRange('\u3000', '\u30ff')
                        .withChars(",;|\t\"'\r\n\\ N")
                        .ofMaxLength(12)
                        .map(s -> s.contains("N") ? s + "😀" : s);
            case Binary:
                return Arbitraries.bytes().array(byte[].class).ofMaxSize(12);
            case Date:
                return Arbitraries.longs()
                        .between(
                                LocalDate.of(1, 1, 1).toEpochDay(),
                                LocalDate.of(9999, 12, 31).toEpochDay())
                        .map(LocalDate::ofEpochDay);
            case Time:
                boolean microTime = SqlTypes.sqlName(field).equals("TIME(6)");
                long step = microTime ? 1_000 : 1_000_000;
                return Arbitraries.longs()
                        .between(0, 86_399_999_999_999L / step)
                        .map(units -> LocalTime.ofNanoOfDay(units * step));
            case Timestamp:
                boolean micros = SqlTypes.sqlName(field).equals("TIMESTAMP(6)");
                long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
                long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
                return Combinators.combine(
                                Arbitraries.longs().between(first, last),
                                Arbitraries.integers().between(0, micros ? 999_999 : 999))
                        .as((seconds, fraction) ->
                                Instant.ofEpochSecond(seconds, (long) fraction * (micros ? 1_000 : 1_000_000)));
            case Struct:
                List<Arbitrary<Object>> children = new ArrayList<>();
                for (Field child : field.getChildren()) {
                    children.add(value(child));
                }
                Row.Layout layout = SqlValues.nestedLayout(field);
                return Combinators.combine(children).as(values -> Row.of(layout, values.toArray()));
            case List:
                return value(field.getChildren().get(0)).list().ofMaxSize(3).map(ArrayList::new);
            default:
                throw new IllegalArgumentException(type.toString());
        }
    }

    /** Text near JSON, Debezium and CSV: fragments of valid messages, cut and spliced. */
    @Provide
    Arbitrary<String> jsonLikeText() {
        Arbitrary<String> token = Arbitraries.of(
                "{",
                "}",
                "[",
                "]",
                ",",
                ":",
                "\"",
                "\"id\"",
                "\"op\"",
                "\"c\"",
                "\"u\"",
                "\"after\"",
                "\"before\"",
                "\"payload\"",
                "\"schema\"",
                "null",
                "true",
                "1",
                "-1.5e3",
                "NaN",
                "\"2026-11-22T10:00:00Z\"",
                "\"ts\"",
                "\"amount\"",
                "99999999999999999999",
                " ",
                "\n",
                "\\",
                "x",
                "'");
        return token.list().ofMaxSize(30).map(parts -> String.join("", parts));
    }
}
