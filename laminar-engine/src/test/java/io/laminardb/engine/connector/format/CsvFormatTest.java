package io.laminardb.engine.connector.format;

import static io.laminardb.engine.connector.format.FormatFixtures.ORDERS;
import static io.laminardb.engine.connector.format.FormatFixtures.array;
import static io.laminardb.engine.connector.format.FormatFixtures.column;
import static io.laminardb.engine.connector.format.FormatFixtures.decode;
import static io.laminardb.engine.connector.format.FormatFixtures.encode;
import static io.laminardb.engine.connector.format.FormatFixtures.schema;
import static io.laminardb.engine.connector.format.FormatFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.connector.ConnectorOption;
import io.laminardb.engine.connector.DecodeException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class CsvFormatTest {

    private final CsvFormat csv = new CsvFormat();

    static final Schema PEOPLE =
            schema(column("id", "BIGINT", false), column("name", "VARCHAR", true), column("age", "INT", true));

    private List<Object[]> rows(Schema schema, Map<String, String> options, String message) throws DecodeException {
        return decode(csv, schema, options, message).stream()
                .map(FormatFixtures.Decoded::values)
                .toList();
    }

    @Test
    void columnsArePositionalAndEachLineIsARow() throws Exception {
        List<Object[]> rows = rows(
                ORDERS,
                Map.of(),
                "1,ann,12.50,1.5,true,2026-11-22T10:00:00Z,2026-11-22\r\n2,bo,,,false,1763805600000,\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0))
                .containsExactly(
                        1L,
                        "ann",
                        new BigDecimal("12.50"),
                        1.5,
                        true,
                        Instant.parse("2026-11-22T10:00:00Z"),
                        LocalDate.of(2026, 11, 22));
        assertThat(rows.get(1))
                .containsExactly(2L, "bo", null, null, false, Instant.ofEpochMilli(1763805600000L), null);
    }

    @Test
    void quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws Exception {
        List<Object[]> rows = rows(PEOPLE, Map.of(), "1,\"Smith, Ann\",3\n2,\"say \"\"hi\"\"\nthen go\",4\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)[1]).isEqualTo("Smith, Ann");
        assertThat(rows.get(1)[1]).isEqualTo("say \"hi\"\nthen go");
    }

    @Test
    void emptyFieldIsNullAndQuotedEmptyFieldIsAnEmptyString() throws Exception {
        assertThat(rows(PEOPLE, Map.of(), "1,,").get(0)).containsExactly(1L, null, null);
        assertThat(rows(PEOPLE, Map.of(), "1,\"\",\"\"").get(0)).containsExactly(1L, "", null);
    }

    @Test
    void nullLiteralStandsForNullOnlyUnquoted() throws Exception {
        Map<String, String> options = Map.of("csv.null_literal", "\\N");
        assertThat(rows(PEOPLE, options, "1,\\N,\\N").get(0)).containsExactly(1L, null, null);
        assertThat(rows(PEOPLE, options, "1,\"\\N\",").get(0)).containsExactly(1L, "\\N", null);
        assertThat(rows(PEOPLE, options, "1,,").get(0))
                .as("empty: a string, or NULL for a number")
                .containsExactly(1L, "", null);
        assertThat(encode(csv, PEOPLE, options, ChangeEvent.Op.INSERT, 1L, "\\N", null))
                .isEqualTo("1,\"\\N\",\\N\n");
    }

    @Test
    void wrongFieldCountSaysHowManyWereExpectedAndFound() {
        assertThatThrownBy(() -> rows(PEOPLE, Map.of(), "1,2,3,4"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("line 1 has 4 fields; 3 were expected (one per column, in order)");
        assertThatThrownBy(() -> rows(PEOPLE, Map.of(), "1,a,2\n2,\"multi\nline\",3\n3,c"))
                .hasMessage("line 4 has 2 fields; 3 were expected (one per column, in order)");
    }

    @Test
    void blankLinesAreSkipped() throws Exception {
        assertThat(rows(PEOPLE, Map.of(), "\n1,a,2\n\n\r\n2,b,3\n")).hasSize(2);
        assertThat(rows(PEOPLE, Map.of(), "")).isEmpty();
        assertThat(decode(csv, PEOPLE, Map.of(), null)).isEmpty();
    }

    @Test
    void headerLineMapsColumnsByNameIgnoringCase() throws Exception {
        Map<String, String> options = Map.of("csv.header", "true", "csv.delimiter", ";");
        List<Object[]> rows = rows(PEOPLE, options, "Name; ID ;extra\nann;5;x\nbo;6;y\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly(5L, "ann", null);
        assertThat(rows.get(1)).containsExactly(6L, "bo", null);
        assertThatThrownBy(() -> rows(PEOPLE, options, "name;id\nann"))
                .hasMessage("line 2 has 1 field; 2 were expected (as in the header)");
        assertThatThrownBy(() -> rows(PEOPLE, options, "name\nann"))
                .hasMessage("column 'id' is NOT NULL but the message has no value for it");
        assertThat(rows(PEOPLE, options, "name;id\n")).as("a header alone").isEmpty();
    }

    @Test
    void timestampsAreIsoStringsOrEpochMillis() throws Exception {
        Schema times = schema(column("ts", "TIMESTAMP", true));
        assertThat(rows(times, Map.of(), "2026-11-22 12:00:00+02:00\n1763805600000\n-1\n"))
                .extracting(r -> r[0])
                .containsExactly(
                        Instant.parse("2026-11-22T10:00:00Z"),
                        Instant.ofEpochMilli(1763805600000L),
                        Instant.ofEpochMilli(-1));
    }

    @Test
    void valueThatDoesNotFitNamesTheColumnAndTheValue() {
        assertThatThrownBy(() -> rows(PEOPLE, Map.of(), "x,a,1"))
                .hasMessage("column 'id' is BIGINT but the message has 'x'");
        assertThatThrownBy(() -> rows(PEOPLE, Map.of(), "1,a,1.5"))
                .hasMessage("column 'age' is INT but the message has '1.5'");
        assertThatThrownBy(() -> rows(PEOPLE, Map.of(), "1,a,99999999999"))
                .hasMessage("column 'age' is INT but the message has '99999999999' (out of range)");
    }

    @Test
    void unclosedQuoteIsRefused() {
        assertThatThrownBy(() -> rows(PEOPLE, Map.of(), "1,a,2\n2,\"b,3\n"))
                .hasMessage("line 2: a quoted field is not closed");
    }

    @Test
    void encoderQuotesOnlyWhereNeeded() {
        assertThat(encode(csv, PEOPLE, Map.of(), ChangeEvent.Op.INSERT, 1L, "plain", 3))
                .isEqualTo("1,plain,3\n");
        assertThat(encode(csv, PEOPLE, Map.of(), ChangeEvent.Op.INSERT, 1L, "a,\"b\"\nc", null))
                .isEqualTo("1,\"a,\"\"b\"\"\nc\",\n");
        assertThat(encode(csv, PEOPLE, Map.of(), ChangeEvent.Op.INSERT, 1L, "", null))
                .isEqualTo("1,\"\",\n");
        assertThat(encode(
                        csv,
                        ORDERS,
                        Map.of(),
                        ChangeEvent.Op.INSERT,
                        1L,
                        null,
                        new BigDecimal("1E+2").setScale(2),
                        1e-7,
                        true,
                        Instant.parse("2026-11-22T10:00:00.5Z"),
                        LocalDate.of(2026, 1, 2)))
                .isEqualTo("1,,100.00,1.0E-7,true,2026-11-22T10:00:00.500Z,2026-01-02\n");
    }

    @Test
    void encoderWritesTheHeaderLineWhenAsked() throws Exception {
        Map<String, String> options = Map.of("csv.header", "true");
        String written = encode(csv, PEOPLE, options, ChangeEvent.Op.INSERT, 1L, "ann", 30);
        assertThat(written).isEqualTo("id,name,age\n1,ann,30\n");
        assertThat(rows(PEOPLE, options, written).get(0)).containsExactly(1L, "ann", 30);
    }

    @Test
    void retractionsAreWrittenAsTheyAre() {
        assertThat(encode(csv, PEOPLE, Map.of(), ChangeEvent.Op.DELETE, 1L, "a", 2))
                .isEqualTo(encode(csv, PEOPLE, Map.of(), ChangeEvent.Op.INSERT, 1L, "a", 2));
    }

    @Test
    void tabDelimiterAndAnotherQuoteCharacter() throws Exception {
        Map<String, String> options = Map.of("csv.delimiter", "\\t", "csv.quote", "'");
        assertThat(rows(PEOPLE, options, "1\t'it''s\ta'\t2").get(0)).containsExactly(1L, "it's\ta", 2);
        assertThat(encode(csv, PEOPLE, options, ChangeEvent.Op.INSERT, 1L, "it's", 2))
                .isEqualTo("1\t'it''s'\t2\n");
    }

    @Test
    void oneColumnRowOfNullIsAnEmptyLine() throws Exception {
        Schema one = schema(column("name", "VARCHAR", true));
        assertThat(encode(csv, one, Map.of(), ChangeEvent.Op.INSERT, (Object) null))
                .isEqualTo("\n");
        assertThat(rows(one, Map.of(), "\n")).containsExactly(new Object[] {null});
        assertThat(rows(one, Map.of("csv.header", "true"), "name\n\n")).containsExactly(new Object[] {null});
        assertThat(rows(one, Map.of(), "a\n\nb\n")).extracting(r -> r[0]).containsExactly("a", null, "b");
    }

    @Test
    void malformedOptionsAreRefusedWhenTheDecoderIsMade() {
        assertThatThrownBy(() -> csv.decoder(spec(PEOPLE, Map.of("csv.delimiter", "::"))))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("'orders', format 'csv': 'csv.delimiter' must be one character (\\t for a tab), not '::'.");
        assertThatThrownBy(() -> csv.encoder(spec(PEOPLE, Map.of("csv.quote", ","))))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("'csv.delimiter' and 'csv.quote' must differ");
    }

    @Test
    void nestedColumnsAreRefusedWhenTheDecoderIsMade() {
        Schema nested = schema(column("id", "BIGINT", false), array("tags", column("item", "VARCHAR", true)));
        assertThatThrownBy(() -> csv.decoder(spec(nested, Map.of())))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("'orders': format 'csv' cannot hold column 'tags' of type ARRAY<VARCHAR>; use format"
                        + " 'json' for nested rows and arrays.");
    }

    @Test
    void ignoreParseErrorsSkipsMessagesThatDoNotFit() throws Exception {
        Map<String, String> ignore = Map.of("csv.ignore_parse_errors", "true");
        assertThat(rows(PEOPLE, ignore, "1,a,2\nx,b,3")).isEmpty();
        assertThat(rows(PEOPLE, ignore, "1,a,2")).hasSize(1);
    }

    @Test
    void optionsAreDeclaredWithTheirDefaults() {
        assertThat(csv.options())
                .extracting(ConnectorOption::name, ConnectorOption::defaultValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("csv.delimiter", ","),
                        org.assertj.core.groups.Tuple.tuple("csv.quote", "\""),
                        org.assertj.core.groups.Tuple.tuple("csv.header", "false"),
                        org.assertj.core.groups.Tuple.tuple("csv.null_literal", ""),
                        org.assertj.core.groups.Tuple.tuple("csv.ignore_parse_errors", "false"));
    }
}
