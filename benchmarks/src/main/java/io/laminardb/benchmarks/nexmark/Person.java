package io.laminardb.benchmarks.nexmark;

import io.laminardb.annotations.EventTime;
import io.laminardb.annotations.Record;
import java.time.Instant;

/**
 * A person who registers to sell or bid, as in the Nexmark schema.
 *
 * @param id the person's id, from {@link NexmarkGenerator#FIRST_PERSON_ID} up
 * @param extra padding that brings the event to its configured average size
 */
@Record
public record Person(
        long id,
        String name,
        String emailAddress,
        String creditCard,
        String city,
        String state,
        @EventTime Instant dateTime,
        String extra) {}
