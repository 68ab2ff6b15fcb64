package io.laminardb.benchmarks.nexmark;

import java.time.Duration;
import java.time.Instant;

/**
 * What a {@link NexmarkGenerator} produces: the settings of Apache Beam's {@code NexmarkConfiguration} that shape the
 * events, with Beam's defaults, and a fixed base time and seed so that a run can be repeated event for event.
 *
 * <p>Start from {@link #DEFAULT} and change what a run needs with the {@code with...} methods.
 *
 * @param firstEventRate events per second of event time; the generator's clock advances by {@code 1 / rate} per event
 * @param numEvents events to generate, {@code 0} for no end
 * @param personProportion persons in each cycle of {@code person + auction + bid} events (Beam: 1)
 * @param auctionProportion auctions in each cycle (Beam: 3)
 * @param bidProportion bids in each cycle (Beam: 46)
 * @param hotAuctionRatio one bid in {@code hotAuctionRatio} goes to a random in-flight auction, the others to the hot
 *     auction of the moment (Beam: 2, so half of the bids are hot)
 * @param hotBiddersRatio one bid in {@code hotBiddersRatio} comes from a random active person, the others from the hot
 *     bidder (Beam: 4)
 * @param hotSellersRatio one auction in {@code hotSellersRatio} is sold by a random active person, the others by the
 *     hot seller (Beam: 4)
 * @param numInFlightAuctions how many of the latest auctions a random bid may go to (Beam: 100)
 * @param numActivePeople how many of the latest persons a random bidder or seller is drawn from (Beam: 1000)
 * @param auctionIdLead how many auctions beyond the latest one a random bid may name, so that a bid may come before its
 *     auction; Beam uses 10, our default 0 keeps every bid on an auction already generated
 * @param personIdLead the same for bidders and sellers beyond the latest person; Beam uses 10, our default 0
 * @param outOfOrderGroupSize events are emitted in groups of this size whose event times are shuffled within the group;
 *     1 keeps event time in order (Beam's meaning and default)
 * @param maxOutOfOrderDelay the most an event's time may lag behind the latest event time emitted before it; the
 *     group size must keep within it, and a source's watermark delay of this much never sees a late event (4 seconds,
 *     as in {@code WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND})
 * @param avgPersonByteSize average size of a person, reached by padding {@code extra} (Beam: 200)
 * @param avgAuctionByteSize average size of an auction (Beam: 500)
 * @param avgBidByteSize average size of a bid (Beam: 100)
 * @param baseTime the event time of event 0
 * @param seed the seed; the same seed and settings give the same events
 */
public record NexmarkConfig(
        long firstEventRate,
        long numEvents,
        int personProportion,
        int auctionProportion,
        int bidProportion,
        int hotAuctionRatio,
        int hotBiddersRatio,
        int hotSellersRatio,
        int numInFlightAuctions,
        int numActivePeople,
        int auctionIdLead,
        int personIdLead,
        int outOfOrderGroupSize,
        Duration maxOutOfOrderDelay,
        int avgPersonByteSize,
        int avgAuctionByteSize,
        int avgBidByteSize,
        Instant baseTime,
        long seed) {

    /** Beam's defaults: 10,000 events per second, 100,000 events, in order, seed 1. */
    public static final NexmarkConfig DEFAULT = new NexmarkConfig(
            10_000,
            100_000,
            1,
            3,
            46,
            2,
            4,
            4,
            100,
            1000,
            0,
            0,
            1,
            Duration.ofSeconds(4),
            200,
            500,
            100,
            Instant.parse("2015-07-15T00:00:00Z"),
            1);

    /** Checks each setting, and that the out-of-order groups stay within {@code maxOutOfOrderDelay}. */
    public NexmarkConfig {
        positive("firstEventRate", firstEventRate);
        if (numEvents < 0) {
            throw new IllegalArgumentException("numEvents must be 0 (no end) or positive, not " + numEvents);
        }
        positive("personProportion", personProportion);
        positive("auctionProportion", auctionProportion);
        positive("bidProportion", bidProportion);
        positive("hotAuctionRatio", hotAuctionRatio);
        positive("hotBiddersRatio", hotBiddersRatio);
        positive("hotSellersRatio", hotSellersRatio);
        positive("numInFlightAuctions", numInFlightAuctions);
        positive("numActivePeople", numActivePeople);
        if (auctionIdLead < 0 || personIdLead < 0) {
            throw new IllegalArgumentException("auctionIdLead and personIdLead must not be negative");
        }
        positive("outOfOrderGroupSize", outOfOrderGroupSize);
        if (maxOutOfOrderDelay == null || maxOutOfOrderDelay.isNegative()) {
            throw new IllegalArgumentException("maxOutOfOrderDelay must be zero or positive");
        }
        positive("avgPersonByteSize", avgPersonByteSize);
        positive("avgAuctionByteSize", avgAuctionByteSize);
        positive("avgBidByteSize", avgBidByteSize);
        if (baseTime == null) {
            throw new IllegalArgumentException("baseTime must be set");
        }
        long groupSpanMillis = ceilDiv((outOfOrderGroupSize - 1L) * 1000L, firstEventRate);
        if (groupSpanMillis > maxOutOfOrderDelay.toMillis()) {
            throw new IllegalArgumentException("Out-of-order groups of " + outOfOrderGroupSize + " events at "
                    + firstEventRate + " events/s span " + groupSpanMillis + " ms of event time, more than the "
                    + maxOutOfOrderDelay.toMillis() + " ms of maxOutOfOrderDelay");
        }
    }

    /** Events in one cycle of the person, auction and bid pattern (50 by default). */
    public int proportionDenominator() {
        return personProportion + auctionProportion + bidProportion;
    }

    public NexmarkConfig withFirstEventRate(long eventsPerSecond) {
        return new NexmarkConfig(
                eventsPerSecond,
                numEvents,
                personProportion,
                auctionProportion,
                bidProportion,
                hotAuctionRatio,
                hotBiddersRatio,
                hotSellersRatio,
                numInFlightAuctions,
                numActivePeople,
                auctionIdLead,
                personIdLead,
                outOfOrderGroupSize,
                maxOutOfOrderDelay,
                avgPersonByteSize,
                avgAuctionByteSize,
                avgBidByteSize,
                baseTime,
                seed);
    }

    public NexmarkConfig withNumEvents(long events) {
        return new NexmarkConfig(
                firstEventRate,
                events,
                personProportion,
                auctionProportion,
                bidProportion,
                hotAuctionRatio,
                hotBiddersRatio,
                hotSellersRatio,
                numInFlightAuctions,
                numActivePeople,
                auctionIdLead,
                personIdLead,
                outOfOrderGroupSize,
                maxOutOfOrderDelay,
                avgPersonByteSize,
                avgAuctionByteSize,
                avgBidByteSize,
                baseTime,
                seed);
    }

    public NexmarkConfig withOutOfOrderGroupSize(int groupSize) {
        return new NexmarkConfig(
                firstEventRate,
                numEvents,
                personProportion,
                auctionProportion,
                bidProportion,
                hotAuctionRatio,
                hotBiddersRatio,
                hotSellersRatio,
                numInFlightAuctions,
                numActivePeople,
                auctionIdLead,
                personIdLead,
                groupSize,
                maxOutOfOrderDelay,
                avgPersonByteSize,
                avgAuctionByteSize,
                avgBidByteSize,
                baseTime,
                seed);
    }

    public NexmarkConfig withHotAuctionRatio(int ratio) {
        return new NexmarkConfig(
                firstEventRate,
                numEvents,
                personProportion,
                auctionProportion,
                bidProportion,
                ratio,
                hotBiddersRatio,
                hotSellersRatio,
                numInFlightAuctions,
                numActivePeople,
                auctionIdLead,
                personIdLead,
                outOfOrderGroupSize,
                maxOutOfOrderDelay,
                avgPersonByteSize,
                avgAuctionByteSize,
                avgBidByteSize,
                baseTime,
                seed);
    }

    public NexmarkConfig withSeed(long newSeed) {
        return new NexmarkConfig(
                firstEventRate,
                numEvents,
                personProportion,
                auctionProportion,
                bidProportion,
                hotAuctionRatio,
                hotBiddersRatio,
                hotSellersRatio,
                numInFlightAuctions,
                numActivePeople,
                auctionIdLead,
                personIdLead,
                outOfOrderGroupSize,
                maxOutOfOrderDelay,
                avgPersonByteSize,
                avgAuctionByteSize,
                avgBidByteSize,
                baseTime,
                newSeed);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }

    private static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }
}
