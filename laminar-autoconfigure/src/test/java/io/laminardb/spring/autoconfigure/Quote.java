package io.laminardb.spring.autoconfigure;

import io.laminardb.annotations.Record;

@Record
public record Quote(String symbol, double bid) {}
