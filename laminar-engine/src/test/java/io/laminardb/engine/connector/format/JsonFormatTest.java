package io.laminardb.engine.connector.format;

import static io.laminardb.engine.connector.format.FormatFixtures.ORDERS;
import static io.laminardb.engine.connector.format.FormatFixtures.array;
import static io.laminardb.engine.connector.format.FormatFixtures.column;
import static io.laminardb.engine.connector.format.FormatFixtures.decode;
import static io.laminardb.engine.connector.format.FormatFixtures.decodeOne;
import static io.laminardb.engine.connector.format.FormatFixtures.encode;
import static io.laminardb.engine.connector.format.FormatFixtures.row;
import static io.laminardb.engine.connector.format.FormatFixtures.schema;
import static io.laminardb.engine.connector.format.FormatFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;
import io.laminardb.engine.connector.ConnectorOption;
import io.laminardb.engine.connector.DecodeException;
import io.laminardb.engine.connector.RowDecoder;
import io.laminardb.engine.value.SqlTypes;
import io.laminardb.engine.value.SqlValues;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class JsonFormatTest {

    private final JsonFormat json = new JsonFormat();

    @Test
    void columnsAreMatchedByNameIgnoringCaseAndUnknownFieldsAreIgnored() throws Exception {
        Object[] row = decodeOne(
                json,
                ORDERS,
                "{\"ID\": 7, \"Customer\": \"ann\", \"amount\": 12.50, \"price\": 1.5, \"paid\": true,"
                        + " \"ts\": \"2026-11-22T10:00:00Z\", \"day\": \"2026-11-22\", \"extra\": {\"deep\": [1, 2]}}");
        assertThat(row)
                .containsExactly(
                        7L,
                        "ann",
                        new BigDecimal("12.50"),
                        1.5,
                        true,
                        Instant.parse("2026-11-22T10:00:00Z"),
                        LocalDate.of(2026, 11, 22));
    }

    @Test
    void missingFieldsAndJsonNullAreSqlNull() throws Exception {
        Object[] row = decodeOne(json, ORDERS, "{\"id\": 1, \"customer\": null}");
        assertThat(row).containsExactly(1L, null, null, null, null, null, null);
    }

    @Test
    void notNullColumnWithoutAValueIsRefused() {
        assertThatThrownBy(() -> decodeOne(json, ORDERS, "{\"customer\": \"x\"}"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("column 'id' is NOT NULL but the message has no value for it");
        assertThatThrownBy(() -> decodeOne(json, ORDERS, "{\"id\": null}"))
                .hasMessage("column 'id' is NOT NULL but the message has no value for it");
    }

    @Test
    void timestampColumnReadsIsoStringsAndEpochMillis() throws Exception {
        Schema times = schema(
                column("ts", "TIMESTAMP", true),
                FormatFixtures.column("micros", SqlTypes.arrowType("TIMESTAMP", 6, -1), true));
        Instant ten = Instant.parse("2026-11-22T10:00:00Z");
        assertThat(decodeOne(json, times, "{\"ts\": \"2026-11-22T10:00:00Z\"}")[0])
                .isEqualTo(ten);
        assertThat(decodeOne(json, times, "{\"ts\": \"2026-11-22T12:00:00+02:00\"}")[0])
                .isEqualTo(ten);
        assertThat(decodeOne(json, times, "{\"ts\": \"2026-11-22T15:30:00+0530\"}")[0])
                .isEqualTo(ten);
        assertThat(decodeOne(json, times, "{\"ts\": \"2026-11-22T10:00:00\"}")[0])
                .as("local: UTC")
                .isEqualTo(ten);
        assertThat(decodeOne(json, times, "{\"ts\": \"2026-11-22 10:00\"}")[0]).isEqualTo(ten);
        assertThat(decodeOne(json, times, "{\"ts\": " + ten.toEpochMilli() + "}")[0])
                .isEqualTo(ten);
        assertThat(decodeOne(json, times, "{\"ts\": \"" + ten.toEpochMilli() + "\"}")[0])
                .isEqualTo(ten);
        assertThat(decodeOne(json, times, "{\"ts\": -1}")[0]).isEqualTo(Instant.parse("1969-12-31T23:59:59.999Z"));
        Object[] precise = decodeOne(
                json,
                times,
                "{\"ts\": \"2026-11-22T10:00:00.123456Z\", \"micros\": \"2026-11-22T10:00:00.123456789Z\"}");
        assertThat(precise[0]).as("cut to TIMESTAMP(3)").isEqualTo(Instant.parse("2026-11-22T10:00:00.123Z"));
        assertThat(precise[1]).as("cut to TIMESTAMP(6)").isEqualTo(Instant.parse("2026-11-22T10:00:00.123456Z"));
        assertThatThrownBy(() -> decodeOne(json, times, "{\"ts\": \"yesterday\"}"))
                .hasMessage("column 'ts' is TIMESTAMP(3) but the message has \"yesterday\"");
        assertThatThrownBy(() -> decodeOne(json, times, "{\"ts\": 1.5}"))
                .hasMessage("column 'ts' is TIMESTAMP(3) but the message has 1.5");
    }

    @Test
    void dateAndTimeColumnsReadIsoStrings() throws Exception {
        Schema schema = schema(column("d", "DATE", true), column("t", "TIME", true));
        assertThat(decodeOne(json, schema, "{\"d\": \"2026-01-02\", \"t\": \"10:15:30.123\"}"))
                .containsExactly(LocalDate.of(2026, 1, 2), LocalTime.of(10, 15, 30, 123_000_000));
        assertThat(decodeOne(json, schema, "{\"d\": 1, \"t\": 1000}"))
                .as("days since the epoch, milliseconds since midnight")
                .containsExactly(LocalDate.of(1970, 1, 2), LocalTime.of(0, 0, 1));
    }

    @Test
    void malformedJsonNamesTheColumnAndValue() {
        assertThatThrownBy(() -> decodeOne(json, ORDERS, "{\"id\": 1, \"price\": \"abc\"}"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("column 'price' is DOUBLE but the message has \"abc\"");
        assertThatThrownBy(() -> decodeOne(json, ORDERS, "{\"id\": 1.5}"))
                .hasMessage("column 'id' is BIGINT but the message has 1.5");
        assertThatThrownBy(() -> decodeOne(json, ORDERS, "{\"id\": 1, \"paid\": \"yes\"}"))
                .hasMessage("column 'paid' is BOOLEAN but the message has \"yes\"");
        assertThatThrownBy(() -> decodeOne(json, ORDERS, "{\"id\": 1, \"paid\": 1}"))
                .hasMessage("column 'paid' is BOOLEAN but the message has 1");
        assertThatThrownBy(() -> decodeOne(json, ORDERS, "{\"id\": 1, \"day\": \"2026-13-01\"}"))
                .hasMessage("column 'day' is DATE but the message has \"2026-13-01\"");
        assertThatThrownBy(() -> decodeOne(json, ORDERS, "{\"id\": 1, \"price\": [1]}"))
                .hasMessage("column 'price' is DOUBLE but the message has [1]");
        assertThatThrownBy(() -> decodeOne(json, ORDERS, "{\"id\": 99999999999999999999}"))
                .hasMessage("column 'id' is BIGINT but the message has 99999999999999999999 (out of range)");
        Schema small = schema(column("n", "TINYINT", true));
        assertThatThrownBy(() -> decodeOne(json, small, "{\"n\": 300}"))
                .hasMessage("column 'n' is TINYINT but the message has 300 (out of range)");
    }

    @Test
    void numbersAndBooleansInStringsAreConverted() throws Exception {
        Schema schema = schema(
                column("i", "INT", true),
                column("s", "SMALLINT", true),
                column("d", "DOUBLE", true),
                column("b", "BOOLEAN", true),
                column("w", "BIGINT", true));
        assertThat(decodeOne(
                        json, schema, "{\"i\": \" 42 \", \"s\": \"7\", \"d\": \"1.5\", \"b\": \"TRUE\", \"w\": 5.0}"))
                .containsExactly(42, (short) 7, 1.5, true, 5L);
        assertThat(decodeOne(json, schema, "{\"i\": 1e3, \"w\": \"2E2\"}")[0]).isEqualTo(1000);
    }

    @Test
    void decimalColumnsAreExact() throws Exception {
        Schema wide = schema(FormatFixtures.column("x", SqlTypes.arrowType("DECIMAL", 38, 10), true));
        assertThat(decodeOne(json, wide, "{\"x\": 1234567890123456789012345678.1234567891}")[0])
                .isEqualTo(new BigDecimal("1234567890123456789012345678.1234567891"));
        assertThat(decodeOne(json, ORDERS, "{\"id\": 1, \"amount\": 0.1}")[2]).isEqualTo(new BigDecimal("0.10"));
        assertThat(decodeOne(json, ORDERS, "{\"id\": 1, \"amount\": \"-3\"}")[2])
                .isEqualTo(new BigDecimal("-3.00"));
        assertThatThrownBy(() -> decodeOne(json, ORDERS, "{\"id\": 1, \"amount\": 12.555}"))
                .hasMessage("column 'amount' is DECIMAL(10, 2) but the message has 12.555 (more than 2 digits after"
                        + " the point)");
        assertThatThrownBy(() -> decodeOne(json, ORDERS, "{\"id\": 1, \"amount\": 123456789.5}"))
                .hasMessage("column 'amount' is DECIMAL(10, 2) but the message has 123456789.5 (more than 10 digits)");
    }

    @Test
    void floatColumnsReadTheDigitsExactlyAndNanFromNumbersOrStrings() throws Exception {
        Schema schema = schema(column("f", "FLOAT", true), column("d", "DOUBLE", true));
        assertThat(decodeOne(json, schema, "{\"f\": 0.1, \"d\": 0.1}")).containsExactly(0.1f, 0.1);
        assertThat(decodeOne(json, schema, "{\"f\": 16777217, \"d\": 1e308}")).containsExactly(16777216f, 1e308);
        assertThat(decodeOne(json, schema, "{\"f\": NaN, \"d\": \"-Infinity\"}"))
                .containsExactly(Float.NaN, Double.NEGATIVE_INFINITY);
    }

    @Test
    void varcharTakesAnyValueAndObjectsAsTheirJsonText() throws Exception {
        Schema schema =
                schema(column("a", "VARCHAR", true), column("b", "VARCHAR", true), column("c", "VARCHAR", true));
        assertThat(decodeOne(json, schema, "{\"a\": 12.50, \"b\": true, \"c\": {\"x\": [1, \"é\"]}}"))
                .containsExactly("12.50", "true", "{\"x\": [1, \"é\"]}");
    }

    @Test
    void varbinaryColumnsReadBase64() throws Exception {
        Schema schema = schema(column("bytes", "VARBINARY", true));
        assertThat((byte[]) decodeOne(json, schema, "{\"bytes\": \"AQID/w==\"}")[0])
                .containsExactly(1, 2, 3, 255);
        assertThatThrownBy(() -> decodeOne(json, schema, "{\"bytes\": \"not base64!\"}"))
                .hasMessageStartingWith("column 'bytes' is VARBINARY but the message has \"not base64!\" (Illegal");
    }

    static final Field ADDRESS = row("address", column("city", "VARCHAR", true), column("zip", "INT", false));
    static final Schema NESTED = schema(
            column("id", "BIGINT", false),
            ADDRESS,
            array("tags", column("item", "VARCHAR", true)),
            array("stops", row("item", column("city", "VARCHAR", true), column("zip", "INT", false))));

    @Test
    void nestedObjectsFillRowColumnsAndArraysFillArrayColumns() throws Exception {
        Object[] row = decodeOne(
                json,
                NESTED,
                "{\"id\": 1, \"Address\": {\"CITY\": \"Oslo\", \"zip\": \"150\", \"other\": 1},"
                        + " \"tags\": [\"a\", null, \"b\"], \"stops\": [{\"city\": \"Bergen\", \"zip\": 5003}]}");
        Row address = (Row) row[1];
        assertThat(address).isEqualTo(Row.of(SqlValues.nestedLayout(ADDRESS), "Oslo", 150));
        assertThat(row[2]).isEqualTo(Arrays.asList("a", null, "b"));
        Field stop = NESTED.getFields().get(3).getChildren().get(0);
        assertThat(row[3]).isEqualTo(List.of(Row.of(SqlValues.nestedLayout(stop), "Bergen", 5003)));
        assertThat(decodeOne(json, NESTED, "{\"id\": 2, \"address\": null, \"tags\": []}"))
                .containsExactly(2L, null, List.of(), null);
    }

    @Test
    void nestedMismatchNamesThePathToTheValue() {
        assertThatThrownBy(() -> decodeOne(json, NESTED, "{\"id\": 1, \"address\": {\"zip\": \"x\"}}"))
                .hasMessage("column 'address.zip' is INT but the message has \"x\"");
        assertThatThrownBy(() -> decodeOne(json, NESTED, "{\"id\": 1, \"address\": {\"city\": \"Oslo\"}}"))
                .hasMessage("column 'address.zip' is NOT NULL but the message has no value for it");
        assertThatThrownBy(() -> decodeOne(json, NESTED, "{\"id\": 1, \"tags\": \"a,b\"}"))
                .hasMessage("column 'tags' is ARRAY<VARCHAR> but the message has \"a,b\"");
        assertThatThrownBy(() -> decodeOne(json, NESTED, "{\"id\": 1, \"stops\": [{\"zip\": true}]}"))
                .hasMessage("column 'stops[].zip' is INT but the message has true");
    }

    @Test
    void invalidJsonIsADecodeExceptionSayingWhere() {
        assertThatThrownBy(() -> decodeOne(json, ORDERS, "{\"id\": 1,"))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("not valid JSON: ")
                .hasMessageContaining("(at byte ");
        assertThatThrownBy(() -> decodeOne(json, ORDERS, "[1, 2]"))
                .hasMessage("expected a JSON object, found an array");
        assertThatThrownBy(() -> decodeOne(json, ORDERS, "{\"id\": 1} 7"))
                .hasMessage("expected a JSON object, found a number after 1 object(s)");
    }

    @Test
    void ignoreParseErrorsSkipsMalformedMessagesInsteadOfFailing() throws Exception {
        Map<String, String> ignore = Map.of("json.ignore_parse_errors", "true");
        assertThat(decode(json, ORDERS, ignore, "nope")).isEmpty();
        assertThat(decode(json, ORDERS, ignore, "{\"id\": \"x\"}")).isEmpty();
        assertThat(decode(json, ORDERS, ignore, "{\"id\": 3}")).hasSize(1);
    }

    @Test
    void aMessageOfSeveralObjectsIsOneRowEachOrNothingWhenOneFails() throws Exception {
        RowDecoder decoder = json.decoder(spec(ORDERS, Map.of()));
        List<FormatFixtures.Decoded> rows = decode(decoder, bytes("{\"id\": 1}\n{\"id\": 2}\n"));
        assertThat(rows).extracting(r -> r.get(0)).containsExactly(1L, 2L);
        List<Object[]> handed = new ArrayList<>();
        assertThatThrownBy(() -> decoder.decode(
                        null, bytes("{\"id\": 1}\n{\"id\": \"two\"}"), (values, op) -> handed.add(values)))
                .isInstanceOf(DecodeException.class);
        assertThat(handed).as("nothing of a failed message").isEmpty();
    }

    @Test
    void tombstonesAndEmptyMessagesDecodeToNoRows() throws Exception {
        assertThat(decode(json, ORDERS, Map.of(), null)).isEmpty();
        assertThat(decode(json, ORDERS, Map.of(), "")).isEmpty();
        assertThat(decode(json, ORDERS, Map.of(), " \n ")).isEmpty();
    }

    @Test
    void encoderWritesEveryColumnWithIsoTimestampsExactDecimalsAndBase64() {
        Schema schema = schema(
                column("id", "BIGINT", false),
                column("name", "VARCHAR", true),
                column("amount", "DECIMAL", true),
                column("ts", "TIMESTAMP", true),
                column("day", "DATE", true),
                column("at", "TIME", true),
                column("bytes", "VARBINARY", true),
                column("none", "INT", true),
                FormatFixtures.column("tiny", SqlTypes.arrowType("DECIMAL", 12, 10), true));
        String written = encode(
                json,
                schema,
                Map.of(),
                ChangeEvent.Op.INSERT,
                1L,
                "a\"b\n",
                new BigDecimal("3.10"),
                Instant.parse("2026-11-22T10:00:00.250Z"),
                LocalDate.of(2026, 1, 2),
                LocalTime.of(8, 30),
                new byte[] {1, 2, 3},
                null,
                new BigDecimal("0.0000000100"));
        assertThat(written)
                .isEqualTo("{\"id\":1,\"name\":\"a\\\"b\\n\",\"amount\":3.10,\"ts\":\"2026-11-22T10:00:00.250Z\","
                        + "\"day\":\"2026-01-02\",\"at\":\"08:30\",\"bytes\":\"AQID\",\"none\":null,"
                        + "\"tiny\":0.0000000100}");
    }

    @Test
    void retractionsCarryTheirOperationInTheOpField() {
        Schema schema = schema(column("id", "BIGINT", false));
        assertThat(encode(json, schema, Map.of(), ChangeEvent.Op.INSERT, 1L)).isEqualTo("{\"id\":1}");
        assertThat(encode(json, schema, Map.of(), ChangeEvent.Op.DELETE, 1L))
                .isEqualTo("{\"__op\":\"DELETE\",\"id\":1}");
        assertThat(encode(json, schema, Map.of(), ChangeEvent.Op.UPDATE_BEFORE, 1L))
                .isEqualTo("{\"__op\":\"UPDATE_BEFORE\",\"id\":1}");
        assertThat(encode(json, schema, Map.of(), ChangeEvent.Op.UPDATE_AFTER, 2L))
                .isEqualTo("{\"__op\":\"UPDATE_AFTER\",\"id\":2}");
    }

    @Test
    void encoderWritesNestedRowsAsObjectsAndListsAsArrays() throws Exception {
        Field stop = NESTED.getFields().get(3).getChildren().get(0);
        Object[] values = {
            5L,
            Row.of(SqlValues.nestedLayout(ADDRESS), "Oslo", 150),
            Arrays.asList("x", null),
            List.of(Row.of(SqlValues.nestedLayout(stop), null, 1))
        };
        String written = encode(json, NESTED, Map.of(), ChangeEvent.Op.INSERT, values);
        assertThat(written)
                .isEqualTo("{\"id\":5,\"address\":{\"city\":\"Oslo\",\"zip\":150},\"tags\":[\"x\",null],"
                        + "\"stops\":[{\"city\":null,\"zip\":1}]}");
        assertThat(decodeOne(json, NESTED, written)).containsExactly(values);
    }

    @Test
    void nanAndInfinitiesAreWrittenAsStringsAndReadBack() throws Exception {
        Schema schema = schema(column("f", "FLOAT", true), column("d", "DOUBLE", true));
        String written = encode(json, schema, Map.of(), ChangeEvent.Op.INSERT, Float.NaN, Double.POSITIVE_INFINITY);
        assertThat(written).isEqualTo("{\"f\":\"NaN\",\"d\":\"Infinity\"}");
        assertThat(decodeOne(json, schema, written)).containsExactly(Float.NaN, Double.POSITIVE_INFINITY);
    }

    @Test
    void ignoreParseErrorsIsAnOptionDefaultingToFalse() {
        assertThat(json.options())
                .extracting(ConnectorOption::name, ConnectorOption::kind, ConnectorOption::defaultValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "json.ignore_parse_errors", ConnectorOption.Kind.BOOLEAN, "false"));
        assertThat(json.changelog()).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
