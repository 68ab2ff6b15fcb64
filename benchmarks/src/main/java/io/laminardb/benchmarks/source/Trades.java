package io.laminardb.benchmarks.source;

import io.laminardb.benchmarks.record.BenchTrade;
import java.time.Instant;

/** Sample trades and the source they are pushed into. */
final class Trades {

    /**
     * The source of DESIGN 3 with the default buffer size, spelt out. Its watermark clause makes the engine read every
     * event's time, which is the work the baselines' consumers do; without it and without subscribers the engine
     * would only count events, and the comparison would flatter us.
     */
    static final String CREATE_SOURCE =
            "CREATE SOURCE trades (symbol VARCHAR, price DOUBLE NOT NULL, qty BIGINT NOT NULL,"
                    + " ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '100' MILLISECOND) WITH (buffer_size = 65536)";

    static final String SOURCE = "trades";

    /** Slots of every baseline queue: the same as the source's buffer. */
    static final int CAPACITY = 65_536;

    private static final String[] SYMBOLS = {"AAPL", "MSFT", "GOOG", "AMZN", "NVDA"};

    private Trades() {}

    /** {@code count} distinct trades; producers cycle through them so that no push allocates a record. */
    static BenchTrade[] sample(int count) {
        Instant start = Instant.parse("2026-11-21T09:30:00Z");
        BenchTrade[] trades = new BenchTrade[count];
        for (int i = 0; i < count; i++) {
            trades[i] = new BenchTrade(SYMBOLS[i % SYMBOLS.length], 100 + i * 0.01, i, start.plusMillis(i));
        }
        return trades;
    }
}
