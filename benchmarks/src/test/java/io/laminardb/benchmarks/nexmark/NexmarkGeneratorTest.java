package io.laminardb.benchmarks.nexmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NexmarkGeneratorTest {

    private static final int EVENTS = 50_000;

    private static List<NexmarkEvent> generate(NexmarkConfig config) {
        NexmarkGenerator generator = new NexmarkGenerator(config.withNumEvents(EVENTS));
        List<NexmarkEvent> events = new ArrayList<>(EVENTS);
        generator.forEachRemaining(events::add);
        return events;
    }

    @Test
    void proportionsOverFiftyThousandEventsAreExactlyOneToThreeToFortySix() {
        int persons = 0;
        int auctions = 0;
        int bids = 0;
        for (NexmarkEvent event : generate(NexmarkConfig.DEFAULT)) {
            switch (event.kind()) {
                case PERSON -> persons++;
                case AUCTION -> auctions++;
                case BID -> bids++;
            }
        }
        assertThat(persons).isEqualTo(1_000);
        assertThat(auctions).isEqualTo(3_000);
        assertThat(bids).isEqualTo(46_000);
    }

    @Test
    void kindFollowsTheEventNumberInEachCycleOfFifty() {
        for (NexmarkEvent event : generate(NexmarkConfig.DEFAULT)) {
            long offset = event.number() % 50;
            NexmarkEvent.Kind expected = offset == 0
                    ? NexmarkEvent.Kind.PERSON
                    : offset <= 3 ? NexmarkEvent.Kind.AUCTION : NexmarkEvent.Kind.BID;
            assertThat(event.kind()).as("event %d", event.number()).isEqualTo(expected);
        }
    }

    @Test
    void personAndAuctionIdsAreConsecutiveFromTheFirstId() {
        long nextPerson = NexmarkGenerator.FIRST_PERSON_ID;
        long nextAuction = NexmarkGenerator.FIRST_AUCTION_ID;
        for (NexmarkEvent event : generate(NexmarkConfig.DEFAULT)) {
            if (event.person() != null) {
                assertThat(event.person().id()).isEqualTo(nextPerson++);
            } else if (event.auction() != null) {
                assertThat(event.auction().id()).isEqualTo(nextAuction++);
            }
        }
    }

    @Test
    void bidsReferenceAuctionsAndBiddersAlreadyGenerated() {
        long lastPerson = -1;
        long lastAuction = -1;
        for (NexmarkEvent event : generate(NexmarkConfig.DEFAULT.withOutOfOrderGroupSize(40_000))) {
            if (event.person() != null) {
                lastPerson = event.person().id();
            } else if (event.auction() != null) {
                lastAuction = event.auction().id();
                assertThat(event.auction().seller()).isBetween(NexmarkGenerator.FIRST_PERSON_ID, lastPerson);
            } else {
                Bid bid = event.bid();
                assertThat(bid.auction()).isBetween(NexmarkGenerator.FIRST_AUCTION_ID, lastAuction);
                assertThat(bid.bidder()).isBetween(NexmarkGenerator.FIRST_PERSON_ID, lastPerson);
            }
        }
    }

    @Test
    void randomBidsGoToTheLatestInFlightAuctions() {
        long lastAuction = -1;
        for (NexmarkEvent event : generate(NexmarkConfig.DEFAULT)) {
            if (event.auction() != null) {
                lastAuction = event.auction().id();
            } else if (event.bid() != null) {
                long hot = hotAuction(lastAuction);
                if (event.bid().auction() != hot) {
                    assertThat(event.bid().auction()).isGreaterThanOrEqualTo(lastAuction - 100);
                }
            }
        }
    }

    @Test
    void hotAuctionReceivesTheShareOfBidsSetByTheHotAuctionRatio() {
        assertThat(hotShare(NexmarkConfig.DEFAULT)).isCloseTo(0.5, within(0.02));
        assertThat(hotShare(NexmarkConfig.DEFAULT.withHotAuctionRatio(4))).isCloseTo(0.75, within(0.02));
        // Ratio 1: every bid goes to a random in-flight auction, the hot one among them about one time in 101.
        assertThat(hotShare(NexmarkConfig.DEFAULT.withHotAuctionRatio(1))).isCloseTo(0.01, within(0.005));
    }

    private static double hotShare(NexmarkConfig config) {
        long lastAuction = -1;
        int bids = 0;
        int hot = 0;
        for (NexmarkEvent event : generate(config)) {
            if (event.auction() != null) {
                lastAuction = event.auction().id();
            } else if (event.bid() != null) {
                bids++;
                if (event.bid().auction() == hotAuction(lastAuction)) {
                    hot++;
                }
            }
        }
        return (double) hot / bids;
    }

    private static long hotAuction(long lastAuctionId) {
        long base0 = lastAuctionId - NexmarkGenerator.FIRST_AUCTION_ID;
        return NexmarkGenerator.FIRST_AUCTION_ID + base0 / NexmarkGenerator.HOT_GROUP * NexmarkGenerator.HOT_GROUP;
    }

    @Test
    void inOrderStreamAdvancesAtTheConfiguredRate() {
        List<NexmarkEvent> events = generate(NexmarkConfig.DEFAULT);
        long first = events.get(0).dateTimeMillis();
        assertThat(first).isEqualTo(NexmarkConfig.DEFAULT.baseTime().toEpochMilli());
        long previous = first;
        for (NexmarkEvent event : events) {
            assertThat(event.dateTimeMillis()).isGreaterThanOrEqualTo(previous);
            previous = event.dateTimeMillis();
        }
        // 10,000 events per second: 50,000 events span 5 seconds of event time.
        assertThat(events.get(EVENTS - 1).dateTimeMillis() - first).isEqualTo(4_999);
    }

    @Test
    void outOfOrderEventsLagTheLatestTimeByNoMoreThanTheMaxDelay() {
        NexmarkConfig config = NexmarkConfig.DEFAULT.withFirstEventRate(5_000).withOutOfOrderGroupSize(20_000);
        long maxDelay = config.maxOutOfOrderDelay().toMillis();
        long maxSeen = config.baseTime().toEpochMilli();
        long largestLag = 0;
        int late = 0;
        for (NexmarkEvent event : generate(config)) {
            long time = event.dateTimeMillis();
            assertThat(time).as("event %d", event.number()).isGreaterThanOrEqualTo(maxSeen - maxDelay);
            if (time < maxSeen) {
                late++;
                largestLag = Math.max(largestLag, maxSeen - time);
            }
            maxSeen = Math.max(maxSeen, time);
        }
        assertThat(late).as("events behind the latest time").isGreaterThan(EVENTS / 4);
        assertThat(largestLag).as("the disorder is real").isGreaterThan(maxDelay / 2);
    }

    @Test
    void outOfOrderStreamStillAdvancesAtTheConfiguredRate() {
        NexmarkConfig config = NexmarkConfig.DEFAULT.withFirstEventRate(5_000).withOutOfOrderGroupSize(10_000);
        List<NexmarkEvent> events = generate(config);
        long min = events.stream().mapToLong(NexmarkEvent::dateTimeMillis).min().orElseThrow();
        long max = events.stream().mapToLong(NexmarkEvent::dateTimeMillis).max().orElseThrow();
        // Shuffling within whole groups keeps the set of times: 50,000 events at 5,000 per second span 10 seconds.
        assertThat(min).isEqualTo(config.baseTime().toEpochMilli());
        assertThat(max - min).isEqualTo(9_999);
    }

    @Test
    void groupsTooLargeForTheMaxDelayAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> NexmarkConfig.DEFAULT.withOutOfOrderGroupSize(40_002))
                .withMessageContaining("maxOutOfOrderDelay");
        assertThat(NexmarkConfig.DEFAULT.withOutOfOrderGroupSize(40_001).maxOutOfOrderDelay())
                .isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void sameSeedGivesTheSameEvents() {
        assertThat(generate(NexmarkConfig.DEFAULT.withSeed(7))).isEqualTo(generate(NexmarkConfig.DEFAULT.withSeed(7)));
    }

    @Test
    void differentSeedsGiveDifferentEvents() {
        List<NexmarkEvent> one = generate(NexmarkConfig.DEFAULT.withSeed(7));
        List<NexmarkEvent> other = generate(NexmarkConfig.DEFAULT.withSeed(8));
        long differentBids = 0;
        for (int i = 0; i < EVENTS; i++) {
            if (one.get(i).bid() != null
                    && !one.get(i).bid().equals(other.get(i).bid())) {
                differentBids++;
            }
        }
        assertThat(differentBids).isGreaterThan(45_000);
    }

    @Test
    void generatorStartedMidStreamGivesTheSameEventsAsOneThatGotThere() {
        NexmarkConfig config = NexmarkConfig.DEFAULT.withNumEvents(EVENTS).withOutOfOrderGroupSize(1_000);
        List<NexmarkEvent> whole = generate(config);
        NexmarkGenerator fromMiddle = new NexmarkGenerator(config, 12_345);
        for (int i = 12_345; i < 12_345 + 1_000; i++) {
            assertThat(fromMiddle.next()).isEqualTo(whole.get(i));
        }
    }

    @Test
    void extraPadsEventsToTheirAverageSize() {
        double bidBytes = 0;
        int bids = 0;
        for (NexmarkEvent event : generate(NexmarkConfig.DEFAULT)) {
            if (event.bid() != null) {
                bidBytes += 32 + event.bid().extra().length();
                bids++;
            }
        }
        assertThat(bidBytes / bids).isCloseTo(100, within(5.0));
    }
}
