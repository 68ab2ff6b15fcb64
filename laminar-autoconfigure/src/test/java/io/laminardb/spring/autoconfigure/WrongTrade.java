package io.laminardb.spring.autoconfigure;

import io.laminardb.annotations.Record;

/** A record that does not fit the trades source: qty is a String there. */
@Record
public record WrongTrade(String symbol, double price, String qty) {}
