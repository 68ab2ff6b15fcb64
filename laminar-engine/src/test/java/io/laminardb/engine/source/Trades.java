package io.laminardb.engine.source;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.record.fixtures.Trade;
import java.time.Instant;

/** The trades source of DESIGN 3 and helpers the source tests share. */
final class Trades {

    static final String DDL = "CREATE SOURCE trades (symbol VARCHAR, price DOUBLE NOT NULL, qty BIGINT NOT NULL,"
            + " ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '100' MILLISECOND)";

    static final Instant T0 = Instant.parse("2026-11-21T09:30:00Z");

    private Trades() {}

    /** A database with one engine thread and the trades source, optionally with {@code WITH (...)} options. */
    static LaminarDB database(String with) {
        LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(1).build());
        db.execute(DDL + (with == null ? "" : " WITH (" + with + ")"));
        return db;
    }

    static Trade trade(int i) {
        return new Trade(i % 2 == 0 ? "AAPL" : "MSFT", 100 + i, i, T0.plusMillis(i));
    }
}
