package com.example.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.laminardb.engine.record.RecordType;
import io.laminardb.engine.record.RecordTypes;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TradeTest {

    @Test
    void schemaIsTheOneTheDesignPromises() {
        RecordType<Trade> type = RecordTypes.of(Trade.class);
        String fields = type.schema().getFields().stream()
                .map(f -> f.getName() + ": " + f.getType() + (f.isNullable() ? " (nullable)" : " not null"))
                .collect(Collectors.joining(", "));

        assertEquals(
                "symbol: Utf8 (nullable), price: FloatingPoint(DOUBLE) not null, qty: Int(64, true) not null,"
                        + " ts: Timestamp(MILLISECOND, null) (nullable)",
                fields);
        assertEquals("ts", type.schema().getCustomMetadata().get(RecordType.EVENT_TIME_KEY));
        assertEquals(3, type.eventTimeColumn());
    }

    @Test
    void theProcessorsJavaPoetDoesNotReachTheUsersClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.palantir.javapoet.ClassName"));
    }
}
