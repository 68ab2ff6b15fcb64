package io.laminardb.engine.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.record.fixtures.AllTypes;
import io.laminardb.engine.record.fixtures.ImmutableQuote;
import io.laminardb.engine.record.fixtures.PojoTrade;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Random records written to Arrow and read back equal the originals, column by column, nulls included. */
class RecordRoundTripProperties {

    private static final RecordType<AllTypes> ALL_TYPES = RecordTypes.of(AllTypes.class);

    @Property(tries = 300)
    void everyColumnOfEveryTypeSurvivesAnArrowRoundTrip(@ForAll("batches") List<AllTypes> batch) {
        List<AllTypes> back = roundTrip(ALL_TYPES, batch);
        assertThat(back).hasSameSizeAs(batch);
        int columns = ALL_TYPES.schema().getFields().size();
        for (int row = 0; row < batch.size(); row++) {
            for (int column = 0; column < columns; column++) {
                Object expected = ALL_TYPES.get(batch.get(row), column);
                Object actual = ALL_TYPES.get(back.get(row), column);
                assertThat(Objects.deepEquals(expected, actual))
                        .as("row %d column %s: wrote %s, read %s", row, name(column), expected, actual)
                        .isTrue();
            }
        }
    }

    @Property(tries = 200)
    void createThenGetReturnsTheSameColumnValues(@ForAll("allTypes") AllTypes record) {
        int columns = ALL_TYPES.schema().getFields().size();
        Object[] values = new Object[columns];
        for (int column = 0; column < columns; column++) {
            values[column] = ALL_TYPES.get(record, column);
        }
        AllTypes copy = ALL_TYPES.create(values);
        for (int column = 0; column < columns; column++) {
            assertThat(Objects.deepEquals(ALL_TYPES.get(copy, column), values[column]))
                    .as("column %s", name(column))
                    .isTrue();
        }
    }

    @Property(tries = 200)
    void eventTimeIsTheEpochMillisOfTheEventTimeColumn(@ForAll("allTypes") AllTypes record) {
        long expected =
                record.at() == null ? RecordType.NO_EVENT_TIME : record.at().toEpochMilli();
        assertThat(ALL_TYPES.eventTime(record)).isEqualTo(expected);
    }

    @Property(tries = 200)
    void javaBeanRecordsSurviveAnArrowRoundTrip(@ForAll("pojoTrades") List<PojoTrade> batch) {
        assertThat(roundTrip(RecordTypes.of(PojoTrade.class), batch)).isEqualTo(batch);
    }

    @Property(tries = 200)
    void constructorBuiltClassesSurviveAnArrowRoundTrip(@ForAll("quotes") List<ImmutableQuote> batch) {
        assertThat(roundTrip(RecordTypes.of(ImmutableQuote.class), batch)).isEqualTo(batch);
    }

    /** Writes the batch into a fresh root and reads it back; closing the allocator also proves nothing leaked. */
    static <T> List<T> roundTrip(RecordType<T> type, List<T> batch) {
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = type.createRoot(allocator)) {
            type.writeAll(batch, root);
            assertThat(root.getRowCount()).isEqualTo(batch.size());
            return type.readAll(root);
        }
    }

    private static String name(int column) {
        return ALL_TYPES.schema().getFields().get(column).getName();
    }

    @Provide
    Arbitrary<List<AllTypes>> batches() {
        return AllTypesArbitraries.allTypes().list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<AllTypes> allTypes() {
        return AllTypesArbitraries.allTypes();
    }

    @Provide
    Arbitrary<List<PojoTrade>> pojoTrades() {
        return Combinators.combine(
                        AllTypesArbitraries.text().injectNull(0.2),
                        Arbitraries.doubles(),
                        Arbitraries.of(true, false),
                        Arbitraries.longs())
                .as((symbol, price, active, ts) -> {
                    PojoTrade trade = new PojoTrade();
                    trade.setSymbol(symbol);
                    trade.setPrice(price);
                    trade.setActive(active);
                    trade.setTs(ts);
                    return trade;
                })
                .list()
                .ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<ImmutableQuote>> quotes() {
        return Combinators.combine(
                        AllTypesArbitraries.text().injectNull(0.2),
                        Arbitraries.doubles().injectNull(0.2),
                        Arbitraries.doubles().injectNull(0.2))
                .as(ImmutableQuote::new)
                .list()
                .ofMaxSize(20);
    }
}
