package io.laminardb.benchmarks.nexmark;

import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Makes the Nexmark event stream: persons, auctions and bids in the proportions of a {@link NexmarkConfig}, with the
 * model of Apache Beam's Nexmark generator, written anew.
 *
 * <p><b>The model.</b> What event {@code n} is follows from its offset in a cycle of {@code 1 + 3 + 46} events: offset
 * 0 is a person, 1 to 3 an auction, the rest bids. Person and auction ids follow from the event number too (the
 * {@code k}-th person generated has id {@code FIRST_PERSON_ID + k}), so every event knows how many persons and
 * auctions came before it without remembering them. A bid goes to the hot auction of the moment (the latest multiple
 * of 100 among the auction ids) except one in {@code hotAuctionRatio}, which goes to one of the
 * {@code numInFlightAuctions} latest auctions; bidders and sellers are chosen the same way among the
 * {@code numActivePeople} latest persons. With the default leads of 0 every bid names an auction and a bidder already
 * generated.
 *
 * <p><b>Time.</b> Event {@code n} happens {@code n / firstEventRate} seconds after {@code baseTime}. With an
 * {@code outOfOrderGroupSize} above 1 the times are shuffled within each group of that many events (Beam's scheme);
 * the ids are not, so references still point backwards. An event's time never lags behind an earlier event's by more
 * than {@code maxOutOfOrderDelay}, which the configuration checks.
 *
 * <p><b>Determinism.</b> Every random choice for event {@code n} comes from a stream seeded by the seed and {@code n},
 * so the same configuration gives the same events, and a generator started at event {@code n} gives the same events
 * from there as one that got there by generating. Text is picked from pools made once from the seed.
 *
 * <p>Not thread-safe: one generator per producing thread.
 */
public final class NexmarkGenerator implements Iterator<NexmarkEvent> {

    public static final long FIRST_PERSON_ID = 1000;
    public static final long FIRST_AUCTION_ID = 1000;
    public static final long FIRST_CATEGORY_ID = 10;

    /** Hot auctions, bidders and sellers are the latest ids that are a multiple of this. */
    static final int HOT_GROUP = 100;

    private static final int NUM_CATEGORIES = 5;
    private static final int HOT_CHANNELS_RATIO = 2;

    private final NexmarkConfig config;
    private final NexmarkStrings strings;
    private final EventRandom random;
    private final long seed;
    private final long baseMillis;
    private final int cycle;
    private final long shuffleMultiplier;
    private final long auctionHorizonEvents;
    private long next;

    public NexmarkGenerator(NexmarkConfig config) {
        this(config, 0);
    }

    /** A generator whose first event is event {@code firstEventNumber} of the stream. */
    public NexmarkGenerator(NexmarkConfig config, long firstEventNumber) {
        if (firstEventNumber < 0) {
            throw new IllegalArgumentException("firstEventNumber must not be negative, not " + firstEventNumber);
        }
        this.config = config;
        this.seed = config.seed();
        this.strings = new NexmarkStrings(
                seed,
                NexmarkStrings.longestExtra(
                        config.avgPersonByteSize(), config.avgAuctionByteSize(), config.avgBidByteSize()));
        this.random = new EventRandom(seed);
        this.baseMillis = config.baseTime().toEpochMilli();
        this.cycle = config.proportionDenominator();
        this.shuffleMultiplier = coprimeMultiplier(config.outOfOrderGroupSize());
        this.auctionHorizonEvents = (long) config.numInFlightAuctions() * cycle / config.auctionProportion();
        this.next = firstEventNumber;
    }

    public NexmarkConfig config() {
        return config;
    }

    /** The number of the event {@link #next()} returns. */
    public long nextEventNumber() {
        return next;
    }

    @Override
    public boolean hasNext() {
        return config.numEvents() == 0 || next < config.numEvents();
    }

    @Override
    public NexmarkEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("All " + config.numEvents() + " events have been generated");
        }
        long n = next++;
        random.reset(seed, n);
        long millis = eventTimeMillis(n);
        int offset = (int) (n % cycle);
        if (offset < config.personProportion()) {
            return new NexmarkEvent(n, person(n, millis), null, null);
        }
        if (offset < config.personProportion() + config.auctionProportion()) {
            return new NexmarkEvent(n, null, auction(n, millis), null);
        }
        return new NexmarkEvent(n, null, null, bid(n, millis));
    }

    /**
     * The event time of event {@code n} in epoch milliseconds: its clock time, or with out-of-order groups the clock
     * time of the event whose place it takes in its group's shuffle.
     */
    public long eventTimeMillis(long n) {
        int groupSize = config.outOfOrderGroupSize();
        long timed = n;
        if (groupSize > 1) {
            long groupStart = n / groupSize * groupSize;
            timed = groupStart + Math.floorMod(n * shuffleMultiplier, (long) groupSize);
        }
        return clockMillis(timed);
    }

    /** The time of event {@code n} were the stream in order: {@code baseTime + n / firstEventRate}. */
    public long clockMillis(long n) {
        return baseMillis + n * 1000 / config.firstEventRate();
    }

    /** The base-0 id of the latest person generated at or before event {@code n}. */
    long lastPersonIndex(long n) {
        long epoch = n / cycle;
        long offset = Math.min(n % cycle, config.personProportion() - 1);
        return epoch * config.personProportion() + offset;
    }

    /** The base-0 id of the latest auction generated at or before event {@code n}; -1 before the first. */
    long lastAuctionIndex(long n) {
        long epoch = n / cycle;
        long offset = n % cycle;
        int persons = config.personProportion();
        int auctions = config.auctionProportion();
        if (offset < persons) {
            epoch--;
            offset = auctions - 1;
        } else if (offset >= persons + auctions) {
            offset = auctions - 1;
        } else {
            offset -= persons;
        }
        return epoch * auctions + offset;
    }

    private Person person(long n, long millis) {
        long id = FIRST_PERSON_ID + lastPersonIndex(n);
        String name = pick(strings.fullNames);
        String email = pick(strings.emails);
        String card = pick(strings.creditCards);
        String city = NexmarkStrings.city(random.nextInt(NexmarkStrings.cities()));
        String state = NexmarkStrings.state(random.nextInt(NexmarkStrings.states()));
        int size = 8 + name.length() + email.length() + card.length() + city.length() + state.length() + 8;
        String extra = strings.extra(random, size, config.avgPersonByteSize());
        return new Person(id, name, email, card, city, state, Instant.ofEpochMilli(millis), extra);
    }

    private Auction auction(long n, long millis) {
        long id = FIRST_AUCTION_ID + lastAuctionIndex(n);
        long seller = FIRST_PERSON_ID
                + (random.nextInt(config.hotSellersRatio()) > 0 ? hot(lastPersonIndex(n)) : randomPerson(n));
        long category = FIRST_CATEGORY_ID + random.nextInt(NUM_CATEGORIES);
        long initialBid = price();
        long reserve = initialBid + price();
        String itemName = pick(strings.itemNames);
        String description = pick(strings.descriptions);
        long horizonMillis = clockMillis(n + auctionHorizonEvents) - clockMillis(n);
        long expires = millis + 1 + random.nextLong(Math.max(2 * horizonMillis, 1));
        int size = 8 + itemName.length() + description.length() + 8 + 8 + 8 + 8 + 8;
        String extra = strings.extra(random, size, config.avgAuctionByteSize());
        return new Auction(
                id,
                itemName,
                description,
                initialBid,
                reserve,
                Instant.ofEpochMilli(millis),
                Instant.ofEpochMilli(expires),
                seller,
                category,
                extra);
    }

    private Bid bid(long n, long millis) {
        long latestAuction = lastAuctionIndex(n);
        long auction = FIRST_AUCTION_ID
                + (random.nextInt(config.hotAuctionRatio()) > 0 ? hot(latestAuction) : randomAuction(latestAuction));
        long bidder = FIRST_PERSON_ID
                + (random.nextInt(config.hotBiddersRatio()) > 0 ? hot(lastPersonIndex(n)) : randomPerson(n));
        long price = price();
        String channel;
        String url;
        if (random.nextInt(HOT_CHANNELS_RATIO) > 0) {
            int i = random.nextInt(strings.hotChannels.length);
            channel = strings.hotChannels[i];
            url = strings.hotUrls[i];
        } else {
            int i = random.nextInt(NexmarkStrings.CHANNELS);
            channel = strings.channels[i];
            url = strings.urls[i];
        }
        int size = 8 + 8 + 8 + 8;
        String extra = strings.extra(random, size, config.avgBidByteSize());
        return new Bid(auction, bidder, price, channel, url, Instant.ofEpochMilli(millis), extra);
    }

    /** The hot one among base-0 ids up to {@code latest}: the latest multiple of {@link #HOT_GROUP}. */
    private static long hot(long latest) {
        return latest / HOT_GROUP * HOT_GROUP;
    }

    private long randomAuction(long latest) {
        long oldest = Math.max(latest - config.numInFlightAuctions(), 0);
        return oldest + random.nextLong(latest - oldest + 1 + config.auctionIdLead());
    }

    private long randomPerson(long n) {
        long people = lastPersonIndex(n) + 1;
        long active = Math.min(people, config.numActivePeople());
        return people - active + random.nextLong(active + config.personIdLead());
    }

    /** A price in cents, spread over six orders of magnitude as in Beam. */
    private long price() {
        return Math.round(Math.pow(10.0, random.nextDouble() * 6.0) * 100.0);
    }

    private String pick(String[] pool) {
        return pool[random.nextInt(pool.length)];
    }

    /** A multiplier whose multiples modulo {@code groupSize} visit every offset once: a permutation of the group. */
    private static long coprimeMultiplier(int groupSize) {
        long multiplier = 953;
        while (gcd(multiplier, groupSize) != 1) {
            multiplier += 2;
        }
        return multiplier;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
