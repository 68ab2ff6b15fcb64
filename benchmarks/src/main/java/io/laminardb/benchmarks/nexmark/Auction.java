package io.laminardb.benchmarks.nexmark;

import io.laminardb.annotations.EventTime;
import io.laminardb.annotations.Record;
import java.time.Instant;

/**
 * An item put up for auction, as in the Nexmark schema.
 *
 * @param id the auction's id, from {@link NexmarkGenerator#FIRST_AUCTION_ID} up
 * @param initialBid the opening price, in cents
 * @param reserve the lowest price the seller accepts, in cents
 * @param expires when bidding closes
 * @param seller the id of the {@link Person} selling the item
 * @param category one of five categories, from {@link NexmarkGenerator#FIRST_CATEGORY_ID} up
 * @param extra padding that brings the event to its configured average size
 */
@Record
public record Auction(
        long id,
        String itemName,
        String description,
        long initialBid,
        long reserve,
        @EventTime Instant dateTime,
        Instant expires,
        long seller,
        long category,
        String extra) {}
