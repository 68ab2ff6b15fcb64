package io.laminardb.spring.autoconfigure.actuate;

import io.laminardb.annotations.EventTime;
import io.laminardb.annotations.Record;
import java.time.Instant;

/** A row of the source {@code readings} in {@code laminar/actuator.sql}. */
@Record
public record Reading(
        String sensor, double reading, @EventTime Instant ts) {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    static Reading of(String sensor, double reading) {
        return new Reading(sensor, reading, T0);
    }
}
