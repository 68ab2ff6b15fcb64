package io.laminardb.samples.tradingdesk;

import io.laminardb.annotations.Record;
import java.time.Instant;

/** A trade large enough to tell someone about, with what the desk knows of the instrument: a row of {@code large_trades}. */
@Record
public record Alert(String symbol, String name, String sector, double price, long qty, Instant ts) {}
