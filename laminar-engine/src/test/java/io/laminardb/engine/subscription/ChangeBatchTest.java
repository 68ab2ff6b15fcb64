package io.laminardb.engine.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.record.fixtures.Trade;
import java.time.Instant;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** Change events as Arrow batches: the value's columns followed by an {@code op} column. */
class ChangeBatchTest {

    private static final Instant T0 = Instant.parse("2026-11-21T09:30:00Z");

    @Test
    void changeBatchesCarryTheValueColumnsAndTheOperation() {
        try (LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(1).build())) {
            db.execute("CREATE SOURCE trades (symbol VARCHAR, price DOUBLE NOT NULL, qty BIGINT NOT NULL,"
                    + " ts TIMESTAMP(3))");
            Subscription<ChangeEvent<Trade>> typed = db.subscribeChanges("trades", Trade.class);
            Subscription<ChangeEvent<Row>> untyped = db.subscribeChanges("trades", Row.class);
            db.source("trades", Trade.class).push(new Trade("AAPL", 1.5, 10, T0));
            db.source("trades", Trade.class).push(new Trade("MSFT", 2.5, 20, T0));
            db.shutdown();

            try (VectorSchemaRoot records = typed.pollBatch();
                    VectorSchemaRoot rows = untyped.pollBatch()) {
                for (VectorSchemaRoot batch : new VectorSchemaRoot[] {records, rows}) {
                    assertThat(batch.getRowCount()).isEqualTo(2);
                    assertThat(batch.getSchema().getFields())
                            .extracting(f -> f.getName())
                            .containsExactly("symbol", "price", "qty", "ts", Converters.OP_COLUMN);
                    assertThat(batch.getVector("qty").getObject(1)).isEqualTo(20L);
                    assertThat(batch.getVector(Converters.OP_COLUMN)
                                    .getObject(0)
                                    .toString())
                            .isEqualTo("INSERT");
                }
            }
        }
    }

    @Test
    void aChangeCarriesTheEventTimeOfItsRow() {
        try (LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(1).build())) {
            db.execute("CREATE SOURCE trades (symbol VARCHAR, price DOUBLE NOT NULL, qty BIGINT NOT NULL,"
                    + " ts TIMESTAMP(3), WATERMARK FOR ts AS ts)");
            Subscription<ChangeEvent<Trade>> changes = db.subscribeChanges("trades", Trade.class);
            db.source("trades", Trade.class).push(new Trade("AAPL", 1.5, 10, T0));
            db.shutdown();

            assertThat(changes.poll().timestamp()).isEqualTo(T0.toEpochMilli());
        }
    }
}
