package io.laminardb.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.SchemaMismatchException;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.UntypedSource;
import io.laminardb.engine.record.fixtures.Trade;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link UntypedSource}: rows as arrays, maps, {@link Row}s and Arrow batches, each checked on push. */
class UntypedSourceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-11-21T09:30:00Z");

    private LaminarDB db;
    private UntypedSource trades;
    private Subscription<Trade> out;

    @BeforeEach
    void open() {
        db = LaminarDB.open(LaminarConfig.builder().cores(1).build());
        db.execute(
                "CREATE SOURCE trades (symbol VARCHAR, price DOUBLE NOT NULL, qty BIGINT NOT NULL, ts TIMESTAMP(3))");
        trades = db.source("trades");
        out = db.subscribe("trades", Trade.class);
        db.start();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void valuesInColumnOrderAreWidenedWhereNothingIsLost() {
        trades.push("AAPL", 190, 100, LocalDateTime.of(2026, 11, 21, 9, 30));

        assertThat(out.poll(WAIT)).isEqualTo(new Trade("AAPL", 190.0, 100, T0));
    }

    @Test
    void mapsAreMatchedByColumnNameIgnoringCaseAndMissingColumnsAreNull() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("QTY", 5L);
        row.put("price", 1.5);

        trades.push(row);

        assertThat(out.poll(WAIT)).isEqualTo(new Trade(null, 1.5, 5, null));
    }

    @Test
    void rowsAreMatchedByColumnName() {
        Row row = Row.of(trades.schema(), "MSFT", 2.5, 7L, T0);

        trades.push(row);

        assertThat(out.poll(WAIT)).isEqualTo(new Trade("MSFT", 2.5, 7, T0));
    }

    @Test
    void everyBadValueOfARowIsNamedAndNothingIsPushed() {
        assertThatThrownBy(() -> trades.push("AAPL", null, "many", T0))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("column 'price' is NOT NULL but null was given")
                .hasMessageContaining("column 'qty' is BIGINT but got String (many)");
        assertThatThrownBy(() -> trades.push(Map.of("symbol", "A", "venue", "XNAS")))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("unknown column(s) venue");
        assertThatThrownBy(() -> trades.push("AAPL", 1.0))
                .hasMessageContaining("it has 2 values but the source has 4 columns (symbol, price, qty, ts)");

        assertThat(out.poll(Duration.ofMillis(100))).isNull();
    }

    @Test
    void arrowBatchesInTheSourceSchemaArePushedRowByRow() {
        try (BufferAllocator allocator = new RootAllocator()) {
            VectorSchemaRoot root = VectorSchemaRoot.create(trades.schema(), allocator);
            Subscription<Row> rows = db.subscribe("trades");
            List<Object[]> values = List.of(new Object[] {"A", 1.0, 1L, T0}, new Object[] {null, 2.0, 2L, null});
            for (int i = 0; i < values.size(); i++) {
                for (int c = 0; c < 4; c++) {
                    io.laminardb.engine.value.ArrowValues.write(root.getVector(c), i, values.get(i)[c]);
                }
            }
            root.setRowCount(2);

            trades.pushArrow(root);

            assertThat(rows.poll(WAIT).toArray()).containsExactly("A", 1.0, 1L, T0);
            assertThat(rows.poll(WAIT).toArray()).containsExactly(null, 2.0, 2L, null);
            db.shutdown(); // the engine closes the batch after the last row: wait for it before closing the allocator
        }
    }
}
