package com.example.desk;

import io.laminardb.annotations.EventTime;
import io.laminardb.annotations.Record;
import java.time.Instant;

@Record
public record Trade(String symbol, double price, long qty, @EventTime Instant ts) {}
