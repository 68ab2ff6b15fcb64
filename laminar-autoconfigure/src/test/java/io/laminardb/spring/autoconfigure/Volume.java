package io.laminardb.spring.autoconfigure;

import io.laminardb.annotations.Record;

@Record
public record Volume(String symbol, Long total) {}
