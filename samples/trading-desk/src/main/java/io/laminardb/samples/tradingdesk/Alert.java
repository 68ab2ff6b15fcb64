package io.laminardb.samples.tradingdesk;

import io.laminardb.annotations.Record;
import java.time.Instant;

/** A trade large enough to tell someone about: a row of the {@code large_trades} stream. */
@Record
public record Alert(String symbol, double price, long qty, Instant ts) {}
