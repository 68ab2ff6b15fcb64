package io.laminardb.spring.autoconfigure.source;

import io.laminardb.annotations.Record;

/** The events of the source {@code ticks} in {@code source-methods.sql}. */
@Record
public record Tick(String symbol, double price, long seq) {

    static Tick of(long seq) {
        return new Tick("T" + seq, seq * 1.5, seq);
    }
}
