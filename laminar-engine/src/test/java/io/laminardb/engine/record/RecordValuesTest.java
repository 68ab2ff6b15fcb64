package io.laminardb.engine.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.record.fixtures.AllTypes;
import io.laminardb.engine.record.fixtures.NonNullColumns;
import io.laminardb.engine.record.fixtures.Trade;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How values are converted at the edges: truncation, time zones, and the errors for values that do not fit. */
class RecordValuesTest {

    private static final RecordType<AllTypes> ALL_TYPES = RecordTypes.of(AllTypes.class);

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @Test
    void timestampsAreTruncatedToTheColumnUnit() {
        Instant precise = Instant.parse("2026-11-21T09:30:00.123456789Z");
        AllTypes back = roundTripOne(withTimes(precise, LocalDateTime.of(2026, 11, 21, 9, 30, 0, 123_456_789)));

        assertThat(back.at()).isEqualTo(Instant.parse("2026-11-21T09:30:00.123Z"));
        assertThat(back.atMicros()).isEqualTo(Instant.parse("2026-11-21T09:30:00.123456Z"));
        assertThat(back.local()).isEqualTo(LocalDateTime.of(2026, 11, 21, 9, 30, 0, 123_000_000));
        assertThat(back.localMicros()).isEqualTo(LocalDateTime.of(2026, 11, 21, 9, 30, 0, 123_456_000));
        assertThat(back.time()).isEqualTo(LocalTime.of(9, 30, 0, 123_000_000));
        assertThat(back.timeMicros()).isEqualTo(LocalTime.of(9, 30, 0, 123_456_000));
    }

    @Test
    void timestampsBeforeTheEpochTruncateTowardsThePast() {
        Instant before = Instant.parse("1969-12-31T23:59:59.999999999Z");
        AllTypes back = roundTripOne(withTimes(before, LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999)));

        assertThat(back.at()).isEqualTo(Instant.parse("1969-12-31T23:59:59.999Z"));
        assertThat(back.atMicros()).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
    }

    @Test
    void offsetDateTimeKeepsItsInstantAndReadsBackInUtc() {
        OffsetDateTime paris = OffsetDateTime.of(2026, 11, 21, 10, 30, 0, 0, ZoneOffset.ofHours(1));
        Object[] values = values(sample());
        values[column("offset")] = paris;

        AllTypes back = roundTripOne(ALL_TYPES.create(values));

        assertThat(back.offset()).isEqualTo(OffsetDateTime.of(2026, 11, 21, 9, 30, 0, 0, ZoneOffset.UTC));
        assertThat(back.offset().isEqual(paris)).isTrue();
    }

    @Test
    void decimalWithMoreFractionDigitsThanTheScaleIsRejectedNotRounded() {
        Object[] values = values(sample());
        values[column("amount")] = new BigDecimal("1.23456");

        assertThatThrownBy(() -> roundTripOne(ALL_TYPES.create(values)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Column 'amount' is DECIMAL(20, 4)")
                .hasMessageContaining("1.23456")
                .hasMessageContaining("@Column(scale = ...)");
    }

    @Test
    void decimalWithTooManyDigitsIsRejected() {
        Object[] values = values(sample());
        values[column("amount")] = new BigDecimal("12345678901234567.5");

        assertThatThrownBy(() -> roundTripOne(ALL_TYPES.create(values)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 21 digits")
                .hasMessageContaining("@Column(precision = ...)");
    }

    @Test
    void decimalWithFewerFractionDigitsIsWidenedToTheScale() {
        Object[] values = values(sample());
        values[column("amount")] = new BigDecimal("2.5");

        assertThat(roundTripOne(ALL_TYPES.create(values)).amount()).isEqualTo(new BigDecimal("2.5000"));
    }

    @Test
    void nullInANotNullReferenceColumnIsRejectedOnWrite() {
        RecordType<NonNullColumns> type = RecordTypes.of(NonNullColumns.class);
        try (VectorSchemaRoot root = type.createRoot(allocator)) {
            assertThatThrownBy(() -> type.write(new NonNullColumns("a", null, "c", null), root, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Column 'jakarta' is NOT NULL");
        }
    }

    @Test
    void unknownEnumConstantIsReportedWithTheColumnAndTheConstants() {
        try (VectorSchemaRoot root = ALL_TYPES.createRoot(allocator)) {
            ALL_TYPES.writeAll(List.of(sample()), root);
            ((VarCharVector) root.getVector("side")).setSafe(0, "HOLD".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> ALL_TYPES.read(root, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Column 'side' holds 'HOLD'")
                    .hasMessageContaining("[BUY, SELL]");
        }
    }

    @Test
    void createChecksArityTypesAndNotNull() {
        RecordType<Trade> type = RecordTypes.of(Trade.class);

        assertThatThrownBy(() -> type.create("AAPL", 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Trade has 4 columns but 2 values were given");
        assertThatThrownBy(() -> type.create("AAPL", 1, 2L, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Column 'price' takes Double but Integer (1) was given");
        assertThatThrownBy(() -> type.create("AAPL", null, 2L, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Column 'price' is NOT NULL but null was given");
        assertThat(type.create(null, 1.5, 2L, null)).isEqualTo(new Trade(null, 1.5, 2, null));
    }

    @Test
    void getOutsideTheColumnsNamesTheRange() {
        assertThatThrownBy(() -> RecordTypes.of(Trade.class).get(new Trade("A", 1, 1, null), 4))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("Column 4 does not exist; columns are 0..3");
    }

    private AllTypes roundTripOne(AllTypes record) {
        try (VectorSchemaRoot root = ALL_TYPES.createRoot(allocator)) {
            ALL_TYPES.writeAll(List.of(record), root);
            return ALL_TYPES.read(root, 0);
        }
    }

    private static AllTypes withTimes(Instant instant, LocalDateTime local) {
        Object[] values = values(sample());
        values[column("at")] = instant;
        values[column("atMicros")] = instant;
        values[column("local")] = local;
        values[column("localMicros")] = local;
        values[column("time")] = local.toLocalTime();
        values[column("timeMicros")] = local.toLocalTime();
        return ALL_TYPES.create(values);
    }

    private static AllTypes sample() {
        return AllTypesArbitraries.allTypes().sample();
    }

    private static Object[] values(AllTypes record) {
        int columns = ALL_TYPES.schema().getFields().size();
        Object[] values = new Object[columns];
        for (int column = 0; column < columns; column++) {
            values[column] = ALL_TYPES.get(record, column);
        }
        return values;
    }

    private static int column(String name) {
        List<String> names = ALL_TYPES.schema().getFields().stream()
                .map(org.apache.arrow.vector.types.pojo.Field::getName)
                .toList();
        return names.indexOf(name);
    }
}
