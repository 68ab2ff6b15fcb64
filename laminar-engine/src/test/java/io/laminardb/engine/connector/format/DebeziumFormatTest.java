package io.laminardb.engine.connector.format;

import static io.laminardb.engine.connector.format.FormatFixtures.column;
import static io.laminardb.engine.connector.format.FormatFixtures.decode;
import static io.laminardb.engine.connector.format.FormatFixtures.encode;
import static io.laminardb.engine.connector.format.FormatFixtures.schema;
import static io.laminardb.engine.connector.format.FormatFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.connector.ConnectorOption;
import io.laminardb.engine.connector.DecodeException;
import io.laminardb.engine.connector.RowDecoder;
import io.laminardb.engine.value.SqlTypes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class DebeziumFormatTest {

    private final DebeziumFormat debezium = new DebeziumFormat();

    static final Schema USERS = schema(
            column("id", "BIGINT", false),
            column("name", "VARCHAR", true),
            column("updated", "TIMESTAMP", true),
            FormatFixtures.column("balance", SqlTypes.arrowType("DECIMAL", 10, 2), true),
            FormatFixtures.column("opens", SqlTypes.arrowType("TIME", 6, -1), true));

    /** The schema half of a PostgreSQL envelope as Debezium writes it with JsonConverter's schemas.enable. */
    static final String PG_SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + side("before") + "," + side("after") + ","
            + "{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":false,\"field\":\"db\"}],"
            + "\"optional\":false,\"name\":\"io.debezium.connector.postgresql.Source\",\"field\":\"source\"},"
            + "{\"type\":\"string\",\"optional\":false,\"field\":\"op\"},"
            + "{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_ms\"}],"
            + "\"optional\":false,\"name\":\"shop.public.users.Envelope\",\"version\":2}";

    private static String side(String name) {
        return "{\"type\":\"struct\",\"fields\":["
                + "{\"type\":\"int64\",\"optional\":false,\"default\":0,\"field\":\"id\"},"
                + "{\"type\":\"string\",\"optional\":true,\"field\":\"name\"},"
                + "{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTimestamp\",\"version\":1,"
                + "\"field\":\"updated\"},"
                + "{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\","
                + "\"version\":1,\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"10\"},"
                + "\"field\":\"balance\"},"
                + "{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTime\",\"version\":1,"
                + "\"field\":\"opens\"}],"
                + "\"optional\":true,\"name\":\"shop.public.users.Value\",\"field\":\"" + name + "\"}";
    }

    static String envelope(String payload) {
        return "{\"schema\":" + PG_SCHEMA + ",\"payload\":" + payload + "}";
    }

    static final String SOURCE = "\"source\":{\"version\":\"3.0.0.Final\",\"connector\":\"postgresql\",\"db\":\"shop\","
            + "\"lsn\":24023128,\"txId\":555},";

    private List<FormatFixtures.Decoded> read(String message) throws DecodeException {
        return decode(debezium, USERS, Map.of(), message);
    }

    @Test
    void createAndSnapshotReadEventsInsertTheAfterRow() throws Exception {
        for (String op : List.of("c", "r")) {
            List<FormatFixtures.Decoded> rows = read("{\"before\":null,\"after\":{\"id\":1,\"name\":\"ann\"}," + SOURCE
                    + "\"op\":\"" + op + "\",\"ts_ms\":1}");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).op()).isEqualTo(ChangeEvent.Op.INSERT);
            assertThat(rows.get(0).values()).containsExactly(1L, "ann", null, null, null);
        }
    }

    @Test
    void updateRetractsTheBeforeRowThenAddsTheAfterRow() throws Exception {
        List<FormatFixtures.Decoded> rows =
                read("{\"before\":{\"id\":1,\"name\":\"ann\"},\"after\":{\"id\":1,\"name\":\"anne\"},\"op\":\"u\"}");
        assertThat(rows)
                .extracting(FormatFixtures.Decoded::op)
                .containsExactly(ChangeEvent.Op.UPDATE_BEFORE, ChangeEvent.Op.UPDATE_AFTER);
        assertThat(rows).extracting(r -> r.get(1)).containsExactly("ann", "anne");
    }

    @Test
    void deleteRetractsTheBeforeRow() throws Exception {
        List<FormatFixtures.Decoded> rows =
                read("{\"before\":{\"id\":1,\"name\":\"anne\"},\"after\":null,\"op\":\"d\"}");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).op()).isEqualTo(ChangeEvent.Op.DELETE);
        assertThat(rows.get(0).values()).containsExactly(1L, "anne", null, null, null);
    }

    @Test
    void tombstonesTruncatesAndEmptyPayloadsDecodeToNoRows() throws Exception {
        assertThat(read(null)).isEmpty();
        assertThat(read("")).isEmpty();
        assertThat(read("null")).isEmpty();
        assertThat(read("{\"schema\":null,\"payload\":null}")).isEmpty();
        assertThat(read("{\"before\":null,\"after\":null," + SOURCE + "\"op\":\"t\"}"))
                .isEmpty();
        assertThat(read("{\"op\":\"m\",\"message\":{\"prefix\":\"x\"}}")).isEmpty();
    }

    @Test
    void updateWithoutBeforeIsRefusedNamingReplicaIdentity() {
        assertThatThrownBy(() -> read("{\"before\":null,\"after\":{\"id\":1},\"op\":\"u\"}"))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("without \"before\"")
                .hasMessageContaining("REPLICA IDENTITY FULL");
    }

    @Test
    void envelopeWithSchemaAndBarePayloadDecodeAlike() throws Exception {
        String payload = "{\"before\":null,\"after\":{\"id\":7,\"name\":\"bo\"}," + SOURCE + "\"op\":\"c\"}";
        assertThat(read(envelope(payload)).get(0).values())
                .containsExactly(read(payload).get(0).values());
        assertThat(read("{\"schema\":null,\"payload\":" + payload + "}").get(0).values())
                .containsExactly(7L, "bo", null, null, null);
    }

    @Test
    void prettyPrintedAndUnusualEnvelopesDecodeAlike() throws Exception {
        String payload = "{\"after\":{\"id\":7,\"name\":{\"first\": \"bo\"}},\"op\":\"c\"}";
        Object[] expected = {7L, "{\"first\": \"bo\"}", null, null, null};
        assertThat(read(envelope(payload)).get(0).values()).containsExactly(expected);
        assertThat(read("\n{ \"schema\" :\n" + PG_SCHEMA + " ,\n \"payload\" : " + payload + "\n}\n")
                        .get(0)
                        .values())
                .containsExactly(expected);
        assertThat(read("{\"schema\":" + PG_SCHEMA + ",\"payload\":" + payload + ",\"extra\":[1]}")
                        .get(0)
                        .values())
                .containsExactly(expected);
        assertThatThrownBy(() -> read("{\"schema\":" + PG_SCHEMA + ",\"payload\":{\"op\":\"c\",]}"))
                .hasMessageStartingWith("not valid JSON: ");
        assertThatThrownBy(() -> read("{\"schema\":{\"fields\":[}},\"payload\":" + payload + "}"))
                .hasMessageStartingWith("not valid JSON: ");
    }

    @Test
    void schemaNamesTheEncodingOfTimestampsTimesAndDecimals() throws Exception {
        // 1763805600000123 µs, 36000000000 µs of day, and 12345 as two bytes (0x30 0x39) of a scale-2 decimal
        List<FormatFixtures.Decoded> rows = read(envelope("{\"before\":null,\"after\":{\"id\":1,"
                + "\"updated\":1763805600000123,\"balance\":\"MDk=\",\"opens\":36000000000}," + SOURCE
                + "\"op\":\"c\"}"));
        assertThat(rows.get(0).values())
                .containsExactly(
                        1L,
                        null,
                        Instant.parse("2025-11-22T10:00:00.000Z"),
                        new BigDecimal("123.45"),
                        LocalTime.of(10, 0));
    }

    @Test
    void timestampsWithoutASchemaAreEpochMillisOrTheConfiguredUnit() throws Exception {
        String payload = "{\"after\":{\"id\":1,\"updated\":1763805600000,\"opens\":36000000},\"op\":\"c\"}";
        assertThat(read(payload).get(0).values()[2]).isEqualTo(Instant.ofEpochMilli(1763805600000L));
        assertThat(read(payload).get(0).values()[4]).isEqualTo(LocalTime.of(10, 0));
        Object[] micros = decode(
                        debezium,
                        USERS,
                        Map.of("debezium.time_unit", "micros"),
                        "{\"after\":{\"id\":1,\"updated\":1763805600000001,\"opens\":36000000001},\"op\":\"c\"}")
                .get(0)
                .values();
        assertThat(micros[2]).as("cut to TIMESTAMP(3)").isEqualTo(Instant.ofEpochMilli(1763805600000L));
        assertThat(micros[4]).isEqualTo(LocalTime.of(10, 0, 0, 1_000));
        assertThat(read("{\"after\":{\"id\":1,\"updated\":\"2025-11-22T11:00:00+01:00\"},\"op\":\"c\"}")
                        .get(0)
                        .values()[2])
                .as("ZonedTimestamp")
                .isEqualTo(Instant.parse("2025-11-22T10:00:00Z"));
    }

    @Test
    void aChangedSchemaIsReadAgain() throws Exception {
        RowDecoder decoder = debezium.decoder(spec(USERS, Map.of()));
        String micro = envelope("{\"after\":{\"id\":1,\"updated\":1000000},\"op\":\"c\"}");
        String milli = micro.replace("io.debezium.time.MicroTimestamp", "io.debezium.time.Timestamp");
        for (int i = 0; i < 2; i++) {
            assertThat(decode(decoder, bytes(micro)).get(0).get(2)).isEqualTo(Instant.ofEpochSecond(1));
            assertThat(decode(decoder, bytes(milli)).get(0).get(2)).isEqualTo(Instant.ofEpochSecond(1000));
        }
    }

    @Test
    void aPayloadBeforeItsSchemaIsReadWithThatSchema() throws Exception {
        String message =
                "{\"payload\":{\"after\":{\"id\":1,\"updated\":1000000},\"op\":\"c\"},\"schema\":" + PG_SCHEMA + "}";
        assertThat(read(message).get(0).get(2)).isEqualTo(Instant.ofEpochSecond(1));
    }

    @Test
    void messagesThatAreNotChangeEventsAreRefusedSayingWhy() {
        assertThatThrownBy(() -> read("{\"id\":1}")).hasMessage("not a Debezium change event: no \"op\" field");
        assertThatThrownBy(() -> read("{\"op\":\"x\",\"after\":{\"id\":1}}"))
                .hasMessage("unknown Debezium op 'x' (expected c, r, u, d, t or m)");
        assertThatThrownBy(() -> read("{\"op\":\"c\"}")).hasMessage("a change event with op 'c' but no \"after\" row");
        assertThatThrownBy(() -> read("{\"op\":\"d\",\"before\":null}"))
                .hasMessage("a change event with op 'd' but no \"before\" row");
        assertThatThrownBy(() -> read("[]"))
                .hasMessage("expected a Debezium change event (a JSON object), found an array");
        assertThatThrownBy(() -> read("{\"op\":")).hasMessageStartingWith("not valid JSON: ");
        assertThatThrownBy(() -> read("{\"payload\":[],\"schema\":null}"))
                .hasMessage("the \"payload\" of a Debezium envelope is an array, not an object");
    }

    @Test
    void aValueThatDoesNotFitNamesTheSideTheColumnAndTheValue() {
        assertThatThrownBy(() -> read("{\"op\":\"c\",\"after\":{\"id\":\"x\"}}"))
                .hasMessage("\"after\": column 'id' is BIGINT but the message has \"x\"");
        assertThatThrownBy(() -> read("{\"op\":\"d\",\"before\":{\"name\":\"key columns only\"}}"))
                .hasMessage("\"before\": column 'id' is NOT NULL but the message has no value for it");
    }

    @Test
    void ignoreParseErrorsSkipsBadEvents() throws Exception {
        Map<String, String> ignore = Map.of("debezium.ignore_parse_errors", "true");
        assertThat(decode(debezium, USERS, ignore, "{\"op\":\"u\",\"after\":{\"id\":1}}"))
                .isEmpty();
        assertThat(decode(debezium, USERS, ignore, "{")).isEmpty();
        assertThat(decode(debezium, USERS, ignore, "{\"op\":\"c\",\"after\":{\"id\":1}}"))
                .hasSize(1);
    }

    @Test
    void encoderWritesCreatesForAddedRowsAndDeletesForRetractedRows() throws Exception {
        Schema schema = schema(column("id", "BIGINT", false), column("name", "VARCHAR", true));
        ObjectMapper mapper = new ObjectMapper();
        JsonNode insert = mapper.readTree(encode(debezium, schema, Map.of(), ChangeEvent.Op.INSERT, 1L, "ann"));
        assertThat(insert.get("op").asText()).isEqualTo("c");
        assertThat(insert.get("before").isNull()).isTrue();
        assertThat(insert.get("after").toString()).isEqualTo("{\"id\":1,\"name\":\"ann\"}");
        assertThat(insert.get("ts_ms").isIntegralNumber()).isTrue();
        for (ChangeEvent.Op op : List.of(ChangeEvent.Op.DELETE, ChangeEvent.Op.UPDATE_BEFORE)) {
            JsonNode retraction = mapper.readTree(encode(debezium, schema, Map.of(), op, 1L, "ann"));
            assertThat(retraction.get("op").asText()).isEqualTo("d");
            assertThat(retraction.get("before").toString()).isEqualTo("{\"id\":1,\"name\":\"ann\"}");
            assertThat(retraction.get("after").isNull()).isTrue();
        }
        JsonNode after = mapper.readTree(encode(debezium, schema, Map.of(), ChangeEvent.Op.UPDATE_AFTER, 1L, "anne"));
        assertThat(after.get("op").asText()).isEqualTo("c");
    }

    @Test
    void encodedChangesDecodeBackToTheSameRowsAndWeights() throws Exception {
        RowDecoder decoder = debezium.decoder(spec(USERS, Map.of()));
        Object[] values = {
            3L, "cy", Instant.parse("2026-11-22T10:00:00.123Z"), new BigDecimal("-0.50"), LocalTime.of(9, 30, 0, 1000)
        };
        for (ChangeEvent.Op op : ChangeEvent.Op.values()) {
            String written = encode(debezium, USERS, Map.of(), op, values);
            List<FormatFixtures.Decoded> back = decode(decoder, bytes(written));
            assertThat(back).hasSize(1);
            assertThat(back.get(0).values()).containsExactly(values);
            assertThat(back.get(0).op().weight()).isEqualTo(op.weight());
        }
    }

    @Test
    void debeziumIsAChangelogFormatWithItsOptions() {
        assertThat(debezium.changelog()).isTrue();
        assertThat(debezium.options())
                .extracting(ConnectorOption::name, ConnectorOption::defaultValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("debezium.ignore_parse_errors", "false"),
                        org.assertj.core.groups.Tuple.tuple("debezium.time_unit", "millis"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
