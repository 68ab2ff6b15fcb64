package io.laminardb.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Source;
import io.laminardb.engine.Subscription;
import io.laminardb.engine.record.fixtures.Trade;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void pushedTradeArrives() {
        try (LaminarDB db = LaminarDB.inMemory()) {
            db.execute("CREATE SOURCE trades (symbol VARCHAR, price DOUBLE NOT NULL, qty BIGINT NOT NULL,"
                    + " ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '100' MILLISECOND)");
            db.start();
            Source<Trade> trades = db.source("trades", Trade.class);
            Subscription<Trade> out = db.subscribe("trades", Trade.class);
            Subscription<Row> rows = db.subscribe("trades");
            Trade t = new Trade("AAPL", 190.1, 100, Instant.parse("2026-11-21T09:30:00Z"));
            trades.push(t);
            assertThat(out.poll(Duration.ofSeconds(5))).isSameAs(t);
            Row row = rows.poll(Duration.ofSeconds(5));
            assertThat(row.getString("symbol")).isEqualTo("AAPL");
            assertThat(row.getInstant("ts")).isEqualTo(t.ts());
            db.execute("INSERT INTO trades VALUES ('MSFT', 1.5, 2, TIMESTAMP '2026-11-21 09:31:00')");
            assertThat(out.poll(Duration.ofSeconds(5)))
                    .isEqualTo(new Trade("MSFT", 1.5, 2, Instant.parse("2026-11-21T09:31:00Z")));
        }
    }
}
