package io.laminardb.engine.connector.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.arrow.vector.types.pojo.Schema;

/** Whatever a row holds, writing it in a text format and reading it back gives the same values. */
class JsonRoundTripProperties {

    static final Schema SCHEMA = new Schema(List.of(
            FormatsTest.column("id", "BIGINT", false),
            FormatsTest.column("name", "VARCHAR", true),
            FormatsTest.column("amount", "DECIMAL", true),
            FormatsTest.column("x", "DOUBLE", true),
            FormatsTest.column("flag", "BOOLEAN", true),
            FormatsTest.column("ts", "TIMESTAMP", true)));

    @Provide
    Arbitrary<Object[]> rows() {
        return Combinators.combine(
                        Arbitraries.longs(),
                        Arbitraries.strings().ofMaxLength(20).injectNull(0.2),
                        Arbitraries.bigDecimals()
                                .between(new BigDecimal("-99999999.99"), new BigDecimal("99999999.99"))
                                .ofScale(2)
                                .injectNull(0.2),
                        Arbitraries.doubles().injectNull(0.2),
                        Arbitraries.of(true, false).injectNull(0.2),
                        Arbitraries.longs()
                                .between(-62_000_000_000_000L, 250_000_000_000_000L)
                                .map(Instant::ofEpochMilli)
                                .injectNull(0.2))
                .as((a, b, c, d, e, f) -> new Object[] {a, b, c, d, e, f});
    }

    @Property(tries = 300)
    void jsonRoundTrips(@ForAll("rows") Object[] values) throws Exception {
        Row row = Row.of(Row.layout(SCHEMA), values);
        byte[] bytes =
                new JsonFormat().encoder(FormatsTest.spec(SCHEMA, Map.of())).encode(row, ChangeEvent.Op.INSERT);
        List<FormatsTest.Decoded> back =
                FormatsTest.decode(new JsonFormat(), SCHEMA, Map.of(), new String(bytes, StandardCharsets.UTF_8));
        assertThat(back.get(0).values()).containsExactly(values);
    }

}
