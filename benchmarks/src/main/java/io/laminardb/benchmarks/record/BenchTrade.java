package io.laminardb.benchmarks.record;

import io.laminardb.annotations.EventTime;
import io.laminardb.annotations.Record;
import java.time.Instant;

/** The trade record of DESIGN 2, as the benchmarks push it. */
@Record
public record BenchTrade(
        String symbol, double price, long qty, @EventTime Instant ts) {}
