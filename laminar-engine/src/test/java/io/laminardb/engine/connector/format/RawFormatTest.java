package io.laminardb.engine.connector.format;

import static io.laminardb.engine.connector.format.FormatFixtures.ORDERS;
import static io.laminardb.engine.connector.format.FormatFixtures.column;
import static io.laminardb.engine.connector.format.FormatFixtures.decode;
import static io.laminardb.engine.connector.format.FormatFixtures.schema;
import static io.laminardb.engine.connector.format.FormatFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.Row;
import io.laminardb.engine.connector.RowEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class RawFormatTest {

    private final RawFormat raw = new RawFormat();
    private static final Schema TEXT = schema(column("line", "VARCHAR", true));
    private static final Schema BYTES = schema(column("payload", "VARBINARY", false));

    @Test
    void varcharColumnHoldsTheWholeMessageAsUtf8() throws Exception {
        List<FormatFixtures.Decoded> rows = decode(raw, TEXT, Map.of(), "any bytes, {not json}, ünïcode\n");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).values()).containsExactly("any bytes, {not json}, ünïcode\n");
        assertThat(decode(raw, TEXT, Map.of(), "").get(0).values()).containsExactly("");
        assertThat(decode(raw, TEXT, Map.of(), null)).as("a tombstone").isEmpty();
    }

    @Test
    void varbinaryColumnHoldsTheBytesUnchanged() throws Exception {
        byte[] message = {0, (byte) 0xff, 10, 13};
        List<FormatFixtures.Decoded> rows = decode(raw.decoder(spec(BYTES, Map.of())), message);
        assertThat((byte[]) rows.get(0).get(0)).containsExactly(message);
    }

    @Test
    void encoderWritesTheColumnsBytesAndNothingForNull() {
        RowEncoder text = raw.encoder(spec(TEXT, Map.of()));
        assertThat(text.encode(Row.of(TEXT, "héllo"), ChangeEvent.Op.INSERT))
                .isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
        assertThat(text.encode(Row.of(TEXT, (Object) null), ChangeEvent.Op.INSERT))
                .isNull();
        RowEncoder bytes = raw.encoder(spec(BYTES, Map.of()));
        assertThat(bytes.encode(Row.of(BYTES, (Object) new byte[] {1, 2}), ChangeEvent.Op.DELETE))
                .containsExactly(1, 2);
    }

    @Test
    void schemaOtherThanOneTextOrBinaryColumnIsRefusedWhenTheDecoderIsMade() {
        assertThatThrownBy(() -> raw.decoder(spec(ORDERS, Map.of())))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("'orders': format 'raw' needs exactly one column, VARCHAR or VARBINARY, that holds the"
                        + " whole message; it has 7.");
        Schema number = schema(column("n", "BIGINT", true));
        assertThatThrownBy(() -> raw.encoder(spec(number, Map.of())))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("'orders': format 'raw' needs its column 'n' to be VARCHAR or VARBINARY, not BIGINT.");
    }
}
