package io.laminardb.engine.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

class LogRecordTest {

    private static final List<Field> FIELDS = List.of(
            Field.nullable("l", new ArrowType.Int(64, true)),
            Field.nullable("s", ArrowType.Utf8.INSTANCE),
            Field.nullable("d", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            Field.nullable("dec", new ArrowType.Decimal(20, 4, 128)),
            Field.nullable("ts", new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.MILLISECOND, null)));

    @Property
    void eventsComeBackAsWritten(
            @ForAll("rows") List<Object[]> rows, @ForAll long seq, @ForAll long order, @ForAll("names") String owner) {
        byte[] payload = LogRecord.events(owner, order, seq, FIELDS.size(), rowsOf(rows));

        LogRecord record = LogRecord.decode(payload, name -> FIELDS);

        assertThat(record).isInstanceOf(LogRecord.Events.class);
        LogRecord.Events events = (LogRecord.Events) record;
        assertThat(events.owner()).isEqualTo(owner);
        assertThat(events.seq()).isEqualTo(seq);
        assertThat(events.order()).isEqualTo(order);
        assertThat(events.rows()).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(rows);
    }

    @Test
    void everySqlFormRoundTrips() {
        Field nested = new Field(
                "pos",
                FieldType.nullable(ArrowType.Struct.INSTANCE),
                List.of(Field.nullable("x", new ArrowType.Int(32, true))));
        Field list = new Field(
                "tags",
                FieldType.nullable(ArrowType.List.INSTANCE),
                List.of(Field.nullable("item", ArrowType.Utf8.INSTANCE)));
        List<Field> fields = new ArrayList<>();
        Object[] values = {
            1L,
            2,
            (short) 3,
            (byte) 4,
            5.5,
            6.5f,
            "x",
            true,
            false,
            new BigDecimal("-12.3400"),
            Instant.ofEpochSecond(1_700_000_000L, 123_456_789),
            LocalDate.of(2026, 11, 22),
            LocalTime.of(7, 30, 1, 5),
            new byte[] {1, 2, 3},
            null,
            null,
            null
        };
        for (int i = 0; i < values.length - 2; i++) {
            fields.add(Field.nullable("c" + i, ArrowType.Null.INSTANCE));
        }
        fields.add(nested);
        fields.add(list);
        values[values.length - 2] = Row.of(new org.apache.arrow.vector.types.pojo.Schema(nested.getChildren()), 42);
        values[values.length - 1] = List.of("a", "b");

        byte[] payload = LogRecord.events("s", 1, 1, values.length, rowsOf(List.<Object[]>of(values)));
        Object[] back = ((LogRecord.Events) LogRecord.decode(payload, name -> fields))
                .rows()
                .get(0);

        for (int i = 0; i < values.length - 2; i++) {
            assertThat(back[i]).as("column " + i).isEqualTo(values[i]);
        }
        assertThat(((Row) back[values.length - 2]).get("x")).isEqualTo(42);
        assertThat(back[values.length - 1]).isEqualTo(List.of("a", "b"));
    }

    @Test
    void aRecordOfAnOwnerThatIsGoneIsReadWithoutItsRows() {
        byte[] payload = LogRecord.events("gone", 7, 3, FIELDS.size(), rowsOf(List.<Object[]>of(new Object[5])));

        LogRecord.Events events = (LogRecord.Events) LogRecord.decode(payload, name -> null);

        assertThat(events.owner()).isEqualTo("gone");
        assertThat(events.seq()).isEqualTo(3);
        assertThat(events.rows()).isEmpty();
    }

    @Test
    void watermarksAndTableChangesRoundTrip() {
        assertThat(LogRecord.decode(LogRecord.watermark("s", 9, 4, 1234L), name -> null))
                .isEqualTo(new LogRecord.Watermark("s", 9, 4, 1234L));
        LogRecord upsert = LogRecord.decode(
                LogRecord.tableChange(true, "t", 10, 5, List.<Object[]>of(new Object[] {1L, "a", 1.0, null, null})),
                name -> FIELDS);
        assertThat(upsert).isInstanceOf(LogRecord.TableUpsert.class);
        LogRecord delete =
                LogRecord.decode(LogRecord.tableChange(false, "t", 11, 5, List.<Object[]>of()), name -> FIELDS);
        assertThat(delete).isInstanceOf(LogRecord.TableDelete.class);
        assertThat(delete.order()).isEqualTo(11);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(20);
    }

    @Provide
    Arbitrary<List<Object[]>> rows() {
        Arbitrary<Object[]> row = net.jqwik.api.Combinators.combine(
                        Arbitraries.longs().injectNull(0.1),
                        Arbitraries.strings().ofMaxLength(30).injectNull(0.1),
                        Arbitraries.doubles().injectNull(0.1),
                        Arbitraries.bigDecimals().ofScale(4).injectNull(0.1),
                        Arbitraries.longs()
                                .between(-10_000_000_000_000L, 10_000_000_000_000L)
                                .map(Instant::ofEpochMilli)
                                .injectNull(0.1))
                .as((a, b, c, d, e) -> new Object[] {a, b, c, d, e});
        return row.list().ofMaxSize(20);
    }

    private static LogRecord.Rows rowsOf(List<Object[]> rows) {
        return new LogRecord.Rows() {
            @Override
            public int size() {
                return rows.size();
            }

            @Override
            public Object value(int row, int column) {
                return rows.get(row)[column];
            }
        };
    }
}
