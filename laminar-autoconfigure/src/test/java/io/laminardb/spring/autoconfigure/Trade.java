package io.laminardb.spring.autoconfigure;

import io.laminardb.annotations.EventTime;
import io.laminardb.annotations.Record;
import java.time.Instant;

@Record
public record Trade(
        String symbol, double price, long qty, @EventTime Instant ts) {

    public static Trade of(String symbol, double price, long qty) {
        return new Trade(symbol, price, qty, Instant.parse("2026-01-01T00:00:00Z"));
    }
}
