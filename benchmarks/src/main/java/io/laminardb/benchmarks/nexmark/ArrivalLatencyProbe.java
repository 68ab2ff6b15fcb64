package io.laminardb.benchmarks.nexmark;

import io.laminardb.engine.Row;
import org.HdrHistogram.Histogram;

/**
 * Latency of a query without windows: from the push of a sampled bid to the read of the row it became.
 *
 * <p>The producer counts the bids that pass the query's filter and samples every {@link NexmarkQuery#sampleEvery()}-th
 * one, noting {@link System#nanoTime()} just before its push. A stream without windows keeps the order of its source
 * and drops nothing (the subscription blocks when full), so the {@code k}-th sampled bid is the {@code k}-th sampled
 * row; the reader checks that by the row's {@code auction} and, where the result carries {@code extra}, by a marker
 * {@code #k} the producer wrote there. A row that fails the check counts as {@link #unmatched()}.
 */
final class ArrivalLatencyProbe implements LatencyProbe {

    private final NexmarkQuery query;
    private final int every;
    private final long[] pushNanos;
    private final long[] auctions;
    private final Histogram histogram = new Histogram(3);

    // Producer thread.
    private int untilSample = 1;
    private int samplesPushed;

    // Reader thread.
    private int untilRowSample = 1;
    private int samplesRead;
    private long unmatched;
    private int auctionColumn = -1;
    private int extraColumn = -1;

    ArrivalLatencyProbe(NexmarkQuery query, NexmarkConfig config) {
        this.query = query;
        this.every = query.sampleEvery();
        long bids =
                config.numEvents() / config.proportionDenominator() * config.bidProportion() + config.bidProportion();
        int samples = (int) Math.min(Integer.MAX_VALUE - 8, bids / every + 1);
        this.pushNanos = new long[samples];
        this.auctions = new long[samples];
    }

    @Override
    public Bid beforePush(Bid bid) {
        // A count-down rather than a remainder: no division for every bid on the producer's path.
        if (!query.passes(bid) || --untilSample > 0 || samplesPushed == pushNanos.length) {
            return bid;
        }
        untilSample = every;
        int sample = samplesPushed++;
        Bid pushed = query.carriesExtra()
                ? new Bid(
                        bid.auction(),
                        bid.bidder(),
                        bid.price(),
                        bid.channel(),
                        bid.url(),
                        bid.dateTime(),
                        "#" + sample)
                : bid;
        auctions[sample] = bid.auction();
        pushNanos[sample] = System.nanoTime();
        return pushed;
    }

    @Override
    public void onRow(Row row, long readNanos) {
        if (--untilRowSample > 0) {
            return;
        }
        untilRowSample = every;
        int sample = samplesRead++;
        if (sample >= pushNanos.length) {
            return;
        }
        if (auctionColumn < 0) {
            auctionColumn = row.indexOf("auction");
            extraColumn = query.carriesExtra() ? row.indexOf("extra") : -1;
        }
        boolean same = row.getLong(auctionColumn) == auctions[sample]
                && (extraColumn < 0 || ("#" + sample).equals(row.getString(extraColumn)));
        if (same) {
            histogram.recordValue(Math.max(0, readNanos - pushNanos[sample]));
        } else {
            unmatched++;
        }
    }

    @Override
    public Histogram histogram() {
        return histogram;
    }

    @Override
    public long unmatched() {
        return unmatched;
    }
}
