package io.laminardb.benchmarks.nexmark;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Source;
import java.util.Arrays;

/**
 * Pushes generated Nexmark events into three sources, {@code person}, {@code auction} and {@code bid}, and prints
 * events per second, beside the generator's own rate (generating without pushing) measured in the same run.
 *
 * <p>One producer thread (the main thread) generates and pushes; the database has one engine thread. A round of the
 * ingest ends when the engine has taken every event, not when the last push returns. Each figure is the best and the
 * median of the measured rounds, after warm-up rounds that are not counted.
 *
 * <p>{@code dateTime} is a reserved word in SQL, so the statements quote it with backticks, as Flink's Nexmark tables do.
 *
 * <p>Arguments, all optional: the events per round (default 5,000,000), the measured rounds (default 5), the warm-up
 * rounds (default 2).
 */
public final class NexmarkIngest {

    static final String CREATE_PERSON = "CREATE SOURCE person (id BIGINT NOT NULL, name VARCHAR,"
            + " emailAddress VARCHAR, creditCard VARCHAR, city VARCHAR, state VARCHAR, `dateTime` TIMESTAMP(3),"
            + " extra VARCHAR, WATERMARK FOR `dateTime` AS `dateTime` - INTERVAL '4' SECOND)";
    static final String CREATE_AUCTION = "CREATE SOURCE auction (id BIGINT NOT NULL, itemName VARCHAR,"
            + " description VARCHAR, initialBid BIGINT NOT NULL, reserve BIGINT NOT NULL, `dateTime` TIMESTAMP(3),"
            + " expires TIMESTAMP(3), seller BIGINT NOT NULL, category BIGINT NOT NULL, extra VARCHAR,"
            + " WATERMARK FOR `dateTime` AS `dateTime` - INTERVAL '4' SECOND)";
    static final String CREATE_BID = "CREATE SOURCE bid (auction BIGINT NOT NULL, bidder BIGINT NOT NULL,"
            + " price BIGINT NOT NULL, channel VARCHAR, url VARCHAR, `dateTime` TIMESTAMP(3), extra VARCHAR,"
            + " WATERMARK FOR `dateTime` AS `dateTime` - INTERVAL '4' SECOND) WITH (buffer_size = "
            + Integer.getInteger("nexmark.buffer", 65536) + ")";

    private NexmarkIngest() {}

    public static void main(String[] args) throws InterruptedException {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        NexmarkConfig config = NexmarkConfig.DEFAULT.withNumEvents(events);

        double[] generate = new double[rounds];
        double[] ingest = new double[rounds];
        for (int round = -warmups; round < rounds; round++) {
            double generated = generateOnly(config);
            double ingested = ingest(config);
            if (round >= 0) {
                generate[round] = generated;
                ingest[round] = ingested;
            }
            System.out.printf(
                    "%s %d: generate %,.0f events/s, ingest %,.0f events/s%n",
                    round < 0 ? "warm-up" : "round", round < 0 ? round + warmups + 1 : round + 1, generated, ingested);
        }
        System.out.printf(
                "%nNexmark, %,d events per round, %d rounds: ingest into person/auction/bid best %,.0f, median %,.0f"
                        + " events/s; generator alone (baseline) best %,.0f, median %,.0f events/s%n",
                events, rounds, max(ingest), median(ingest), max(generate), median(generate));
    }

    /** Events per second of the generator alone; the ids are summed so that no event is optimised away. */
    static double generateOnly(NexmarkConfig config) {
        NexmarkGenerator generator = new NexmarkGenerator(config);
        long start = System.nanoTime();
        long checksum = 0;
        while (generator.hasNext()) {
            NexmarkEvent event = generator.next();
            checksum += event.dateTimeMillis();
        }
        long elapsed = System.nanoTime() - start;
        if (checksum == 42) {
            System.out.println("checksum " + checksum);
        }
        return config.numEvents() * 1e9 / elapsed;
    }

    /** Events per second pushed into the three sources, until the engine has taken them all. */
    static double ingest(NexmarkConfig config) throws InterruptedException {
        NexmarkGenerator generator = new NexmarkGenerator(config);
        try (LaminarDB db = LaminarDB.open(LaminarConfig.builder().cores(1).build())) {
            db.execute(CREATE_PERSON);
            db.execute(CREATE_AUCTION);
            db.execute(CREATE_BID);
            db.start();
            Source<Person> persons = db.source("person", Person.class);
            Source<Auction> auctions = db.source("auction", Auction.class);
            Source<Bid> bids = db.source("bid", Bid.class);
            long start = System.nanoTime();
            while (generator.hasNext()) {
                NexmarkEvent event = generator.next();
                if (event.bid() != null) {
                    bids.push(event.bid());
                } else if (event.auction() != null) {
                    auctions.push(event.auction());
                } else {
                    persons.push(event.person());
                }
            }
            while (pending(db) > 0) {
                Thread.onSpinWait();
            }
            long elapsed = System.nanoTime() - start;
            long taken = taken(db);
            if (taken != config.numEvents()) {
                throw new IllegalStateException(
                        "The engine counted " + taken + " events, not the " + config.numEvents() + " pushed");
            }
            return config.numEvents() * 1e9 / elapsed;
        }
    }

    private static long pending(LaminarDB db) {
        long pending = 0;
        for (String source : new String[] {"person", "auction", "bid"}) {
            pending += db.sourceMetrics(source).orElseThrow().pending();
        }
        return pending;
    }

    private static long taken(LaminarDB db) {
        long taken = 0;
        for (String source : new String[] {"person", "auction", "bid"}) {
            taken += db.sourceMetrics(source).orElseThrow().totalEvents();
        }
        return taken;
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }
}
