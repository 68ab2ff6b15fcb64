package io.laminardb.samples.tradingdesk;

import io.laminardb.annotations.EventTime;
import io.laminardb.annotations.Record;
import java.time.Instant;

/** One trade, as the feed pushes it into the {@code trades} source. */
@Record
public record Trade(
        String symbol, double price, long qty, @EventTime Instant ts) {}
