package io.laminardb.benchmarks.nexmark;

import io.laminardb.annotations.EventTime;
import io.laminardb.annotations.Record;
import java.time.Instant;

/**
 * A bid on an auction, as in the Nexmark schema.
 *
 * @param auction the id of the {@link Auction} bid on
 * @param bidder the id of the {@link Person} bidding
 * @param price the amount bid, in cents
 * @param channel where the bid came from (a browser, an app, ...)
 * @param url the page the bid was made on
 * @param extra padding that brings the event to its configured average size
 */
@Record
public record Bid(
        long auction,
        long bidder,
        long price,
        String channel,
        String url,
        @EventTime Instant dateTime,
        String extra) {}
