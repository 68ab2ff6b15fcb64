package io.laminardb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class RowTest {

    private static final Schema SCHEMA = new Schema(List.of(
            field("Symbol", ArrowType.Utf8.INSTANCE),
            field("qty", new ArrowType.Int(64, true)),
            field("n", new ArrowType.Int(32, true)),
            field("price", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            field("ok", ArrowType.Bool.INSTANCE),
            field("amount", new ArrowType.Decimal(10, 2, 128)),
            field("ts", new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)),
            field("day", new ArrowType.Date(DateUnit.DAY))));

    private static final Instant T0 = Instant.parse("2026-11-21T09:30:00Z");

    @Test
    void typedGettersByNameIgnoreCaseAndByIndex() {
        Row row = Row.of(SCHEMA, "AAPL", 10L, 3, 1.5, true, new BigDecimal("2.50"), T0, LocalDate.of(2026, 11, 21));

        assertThat(row.getString("symbol")).isEqualTo("AAPL");
        assertThat(row.getString(0)).isEqualTo("AAPL");
        assertThat(row.getLong("QTY")).isEqualTo(10L);
        assertThat(row.getInt("n")).isEqualTo(3);
        assertThat(row.getLong("n")).isEqualTo(3L);
        assertThat(row.getDouble("price")).isEqualTo(1.5);
        assertThat(row.getBoolean("ok")).isTrue();
        assertThat(row.getBigDecimal("amount")).isEqualTo(new BigDecimal("2.50"));
        assertThat(row.getInstant("ts")).isEqualTo(T0);
        assertThat(row.getLocalDate("day")).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(row.size()).isEqualTo(8);
        assertThat(row.toString()).startsWith("Row{Symbol=AAPL, qty=10");
    }

    @Test
    void nullsAndMistakesAreReportedClearly() {
        Row row = Row.of(SCHEMA, null, null, null, null, null, null, null, null);

        assertThat(row.getLong("qty")).isNull();
        assertThatThrownBy(() -> row.get("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No column 'nope'; columns are [Symbol, qty");
        assertThatThrownBy(() -> Row.of(SCHEMA, "only one"))
                .hasMessageContaining("The schema has 8 columns but 1 values were given");
        Row wrong = Row.of(SCHEMA, 5, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> wrong.getString("symbol"))
                .isInstanceOf(ClassCastException.class)
                .hasMessageContaining("Column 'Symbol' holds a Integer (5), not a String");
    }

    @Test
    void rowsWithEqualColumnsAndValuesAreEqual() {
        Row a = Row.of(SCHEMA, "A", 1L, 1, 1.0, true, null, T0, null);
        Row b = Row.of(Row.layout(SCHEMA), "A", 1L, 1, 1.0, true, null, T0, null);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toMap()).containsEntry("Symbol", "A");
    }

    private static Field field(String name, ArrowType type) {
        return new Field(name, FieldType.nullable(type), null);
    }
}
