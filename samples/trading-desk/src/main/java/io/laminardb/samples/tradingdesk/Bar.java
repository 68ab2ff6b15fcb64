package io.laminardb.samples.tradingdesk;

import io.laminardb.annotations.Column;
import io.laminardb.annotations.Record;
import java.time.Instant;

/** A one-second OHLC bar with its VWAP: a row of the {@code bars} stream. */
@Record
public record Bar(
        String symbol,
        @Column("window_start") Instant start,
        @Column("open_price") double open,
        @Column("high_price") double high,
        @Column("low_price") double low,
        @Column("close_price") double close,
        long volume,
        double vwap) {}
