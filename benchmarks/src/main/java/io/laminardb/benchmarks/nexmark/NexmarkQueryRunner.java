package io.laminardb.benchmarks.nexmark;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Source;
import io.laminardb.engine.Subscription;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Runs one Nexmark query, or one of its baselines, on a fresh database with one engine thread.
 *
 * <p>The calling thread is the producer: it generates every event of the configuration and pushes the bids, one by
 * one, into the {@code bid} source (persons and auctions are made, since the generator makes them, but the queries of
 * bids alone do not read them, so they are not pushed); for the join queries ({@link NexmarkQuery#allEvents()}) it
 * pushes every event into {@code person}, {@code auction} or {@code bid}. A reader thread drains the result. A run ends
 * when the sources have been closed, the stream has ended and the reader has read every row; its rate is the events
 * pushed divided by the time from the first push to that end.
 */
final class NexmarkQueryRunner {

    /** Engine threads of every run: the figures are per engine thread. */
    static final int ENGINE_THREADS = 1;

    /**
     * What one run measured.
     *
     * @param bids events pushed: bids, or every event for a join query
     * @param rows rows the result delivered
     * @param elapsedNanos from the first push to the read of the last row after the stream ended
     * @param latency latencies in nanoseconds, as the query's {@link LatencyProbe} defines them
     * @param unmatched see {@link LatencyProbe#unmatched()}
     * @param engineCpuNanos CPU time the engine threads used over the run
     */
    record Result(
            NexmarkQuery query,
            long bids,
            long rows,
            long elapsedNanos,
            Histogram latency,
            long unmatched,
            long engineCpuNanos) {

        double bidsPerSecond() {
            return bids * 1e9 / elapsedNanos;
        }

        /**
         * Bids per second of engine-thread CPU time: what one engine thread would do with a core to itself. On a machine
         * where the producer, the engine and the reader share fewer cores than they need, wall-clock rates understate it.
         */
        double bidsPerEngineCpuSecond() {
            return engineCpuNanos == 0 ? 0 : bids * 1e9 / engineCpuNanos;
        }
    }

    /** CPU time used so far by the engine threads (named {@code laminar-core-N}) of the running databases. */
    static long engineCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("laminar-core-")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }

    private NexmarkQueryRunner() {}

    static Result run(NexmarkQuery query, NexmarkConfig config) throws InterruptedException {
        return run(query, config, false);
    }

    /**
     * @param pregenerate make every bid before the clock starts, so that the producer only pushes: the rate is then the
     *     engine's (and the reader's), not the generator's
     */
    static Result run(NexmarkQuery query, NexmarkConfig config, boolean pregenerate) throws InterruptedException {
        return run(query, config, pregenerate, false);
    }

    /** Bids per Arrow batch in {@code --arrow} runs. */
    static final int ARROW_BATCH_ROWS = 4_096;

    /**
     * @param arrow push the bids as Arrow batches of {@value #ARROW_BATCH_ROWS} rows ({@code pushArrow}, written
     *     straight into the vectors) and read the result with {@code pollBatch()}, counting rows; latency is not
     *     measured then (the histogram stays empty)
     */
    static Result run(NexmarkQuery query, NexmarkConfig config, boolean pregenerate, boolean arrow)
            throws InterruptedException {
        if (config.numEvents() <= 0) {
            throw new IllegalArgumentException("a query run needs a bounded number of events");
        }
        LatencyProbe probe = LatencyProbe.of(query, config);
        if (query.allEvents()) {
            return runAllEvents(query, config, probe);
        }
        try (LaminarDB db = open()) {
            db.execute(NexmarkIngest.CREATE_BID);
            for (String statement : query.statements()) {
                db.execute(statement);
            }
            Subscription<Row> output = db.subscribe(query.output());
            OutputReader reader = new OutputReader(output, probe, arrow);
            Thread readerThread = new Thread(reader, "nexmark-" + query + "-reader");
            readerThread.setDaemon(true);
            readerThread.start();
            db.start();
            Source<Bid> bids = db.source("bid", Bid.class);
            NexmarkGenerator generator = new NexmarkGenerator(config);
            List<Bid> made = new ArrayList<>();
            if (pregenerate) {
                while (generator.hasNext()) {
                    Bid bid = generator.next().bid();
                    if (bid != null) {
                        made.add(bid);
                    }
                }
            }

            BufferAllocator allocator = arrow ? new RootAllocator() : null;
            BidBatches batches = arrow ? new BidBatches(bids.schema(), allocator) : null;
            long cpuBefore = engineCpuNanos();
            long start = System.nanoTime();
            long pushed = 0;
            if (arrow) {
                int at = 0;
                while (pregenerate ? at < made.size() : generator.hasNext()) {
                    Bid bid = pregenerate ? made.get(at++) : generator.next().bid();
                    if (bid != null && batches.add(bid) == ARROW_BATCH_ROWS) {
                        bids.pushArrow(batches.take());
                    }
                    pushed += bid == null ? 0 : 1;
                }
                if (batches.size() > 0) {
                    bids.pushArrow(batches.take());
                }
            } else if (pregenerate) {
                for (Bid bid : made) {
                    bids.push(probe.beforePush(bid));
                    pushed++;
                }
            } else {
                while (generator.hasNext()) {
                    Bid bid = generator.next().bid();
                    if (bid != null) {
                        bids.push(probe.beforePush(bid));
                        pushed++;
                    }
                }
            }
            bids.close(); // ends the stream: windows still open are flushed and the subscription ends
            readerThread.join();
            long engineCpu = engineCpuNanos() - cpuBefore;
            if (arrow) {
                batches.close();
                db.shutdown(); // the engine has closed every batch it took
                output.close();
                allocator.close();
            }
            if (reader.failure() != null) {
                throw new IllegalStateException("The reader of " + query + " failed", reader.failure());
            }
            return new Result(
                    query,
                    pushed,
                    reader.rows(),
                    reader.endNanos() - start,
                    probe.histogram(),
                    probe.unmatched(),
                    engineCpu);
        }
    }

    /** A join query: every event pushed, in the generator's order, into the source of its kind. */
    private static Result runAllEvents(NexmarkQuery query, NexmarkConfig config, LatencyProbe probe)
            throws InterruptedException {
        try (LaminarDB db = open()) {
            db.execute(NexmarkIngest.CREATE_PERSON);
            db.execute(NexmarkIngest.CREATE_AUCTION);
            db.execute(NexmarkIngest.CREATE_BID);
            for (String statement : query.statements()) {
                db.execute(statement);
            }
            Subscription<Row> output = db.subscribe(query.output());
            OutputReader reader = new OutputReader(output, probe, false);
            Thread readerThread = new Thread(reader, "nexmark-" + query + "-reader");
            readerThread.setDaemon(true);
            readerThread.start();
            db.start();
            Source<Person> persons = db.source("person", Person.class);
            Source<Auction> auctions = db.source("auction", Auction.class);
            Source<Bid> bids = db.source("bid", Bid.class);
            NexmarkGenerator generator = new NexmarkGenerator(config);
            long cpuBefore = engineCpuNanos();
            long start = System.nanoTime();
            long pushed = 0;
            while (generator.hasNext()) {
                NexmarkEvent event = generator.next();
                switch (event.kind()) {
                    case PERSON -> persons.push(event.person());
                    case AUCTION -> auctions.push(event.auction());
                    default -> bids.push(event.bid());
                }
                pushed++;
            }
            persons.close();
            auctions.close();
            bids.close();
            readerThread.join();
            long engineCpu = engineCpuNanos() - cpuBefore;
            if (reader.failure() != null) {
                throw new IllegalStateException("The reader of " + query + " failed", reader.failure());
            }
            return new Result(
                    query,
                    pushed,
                    reader.rows(),
                    reader.endNanos() - start,
                    probe.histogram(),
                    probe.unmatched(),
                    engineCpu);
        }
    }

    /** Baseline: bids per second of the generator alone, making every event and pushing none. */
    static double generatorBidsPerSecond(NexmarkConfig config) {
        NexmarkGenerator generator = new NexmarkGenerator(config);
        long start = System.nanoTime();
        long bids = 0;
        long checksum = 0;
        while (generator.hasNext()) {
            Bid bid = generator.next().bid();
            if (bid != null) {
                bids++;
                checksum += bid.price();
            }
        }
        long elapsed = System.nanoTime() - start;
        if (checksum == 42) {
            System.out.println("checksum " + checksum); // keeps the bids from being optimised away
        }
        return bids * 1e9 / elapsed;
    }

    /**
     * Baseline: bids per second into the {@code bid} source with no query, until the engine has taken every bid (as
     * {@link NexmarkIngest} counts, for the one source the queries read).
     */
    static double ingestBidsPerSecond(NexmarkConfig config) {
        try (LaminarDB db = open()) {
            db.execute(NexmarkIngest.CREATE_BID);
            db.start();
            Source<Bid> bids = db.source("bid", Bid.class);
            NexmarkGenerator generator = new NexmarkGenerator(config);
            long start = System.nanoTime();
            long pushed = 0;
            while (generator.hasNext()) {
                Bid bid = generator.next().bid();
                if (bid != null) {
                    bids.push(bid);
                    pushed++;
                }
            }
            while (db.sourceMetrics("bid").orElseThrow().pending() > 0) {
                Thread.onSpinWait();
            }
            long elapsed = System.nanoTime() - start;
            long taken = db.sourceMetrics("bid").orElseThrow().totalEvents();
            if (taken != pushed) {
                throw new IllegalStateException("The engine counted " + taken + " bids, not the " + pushed + " pushed");
            }
            return pushed * 1e9 / elapsed;
        }
    }

    private static LaminarDB open() {
        return LaminarDB.open(LaminarConfig.builder().cores(ENGINE_THREADS).build());
    }
}
