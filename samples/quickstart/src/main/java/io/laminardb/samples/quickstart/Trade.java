package io.laminardb.samples.quickstart;

import io.laminardb.annotations.EventTime;
import io.laminardb.annotations.Record;
import java.time.Instant;

/** One trade on an exchange: the event this sample pushes. */
@Record
public record Trade(
        String symbol, double price, long qty, @EventTime Instant ts) {}
