package io.laminardb.benchmarks.nexmark;

import java.util.List;
import java.util.Locale;

/**
 * The Nexmark queries LaminarDB runs today, written in our SQL after the public query set (Apache Beam's and Flink's
 * Nexmark SQL), each as the {@code CREATE STREAM} statements that make it and the stream whose rows are its result.
 *
 * <p>Joins are not supported yet, so q5 and q7 stop before the join back to the bids: q5 gives the highest bid count
 * per window rather than the auctions that reached it, q7 the highest price per window rather than the bid that made
 * it. Every query reads only the {@code bid} source.
 */
public enum NexmarkQuery {

    /** Pass-through: every bid as it is; measures the cost of a stream that does nothing. */
    Q0(
            "q0",
            List.of("CREATE STREAM q0 AS SELECT auction, bidder, price, `dateTime`, extra FROM bid"),
            Latency.ARRIVAL,
            1024,
            0),

    /**
     * Currency conversion: prices from dollars to euros. Price is a {@code BIGINT} as in Beam and Flink, so {@code 0.908
     * * price} is an exact decimal, as there.
     */
    Q1(
            "q1",
            List.of("CREATE STREAM q1 AS SELECT auction, bidder, 0.908 * price AS price, `dateTime`, extra FROM bid"),
            Latency.ARRIVAL,
            1024,
            0),

    /**
     * Selection: the bids on auctions whose id is a multiple of 123. About one bid in 120 passes with the default
     * configuration, so latency samples every 8th row rather than every 1,024th, for as many samples as q0 has.
     */
    Q2(
            "q2",
            List.of("CREATE STREAM q2 AS SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0"),
            Latency.ARRIVAL,
            8,
            0),

    /**
     * Hot items, without the final join: bids per auction in sliding windows of 10 seconds every 2 seconds, then per
     * window the highest count. The second stream windows the first on its window end ({@code ends}): every {@code
     * ends} is a multiple of 2 seconds, so each 2-second tumbling window holds the counts of exactly one sliding
     * window, and its {@code window_start} is that sliding window's end.
     */
    Q5(
            "q5",
            List.of(
                    "CREATE STREAM q5_counts AS SELECT auction, COUNT(*) AS num, window_start AS starts,"
                            + " window_end AS ends FROM TABLE(HOP(TABLE bid, DESCRIPTOR(`dateTime`),"
                            + " INTERVAL '2' SECOND, INTERVAL '10' SECOND)) GROUP BY auction, window_start, window_end",
                    "CREATE STREAM q5 AS SELECT window_start, window_end, MAX(num) AS maxn"
                            + " FROM TABLE(TUMBLE(TABLE q5_counts, DESCRIPTOR(ends), INTERVAL '2' SECOND))"
                            + " GROUP BY window_start, window_end"),
            Latency.WINDOW_CLOSE,
            1,
            2_000),

    /** Highest bid, without the join back to the bid: the highest price in each 10-second tumbling window. */
    Q7(
            "q7",
            List.of("CREATE STREAM q7 AS SELECT window_start, window_end, MAX(price) AS maxprice"
                    + " FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(`dateTime`), INTERVAL '10' SECOND))"
                    + " GROUP BY window_start, window_end"),
            Latency.WINDOW_CLOSE,
            1,
            10_000);

    /** How a query's latency is measured; see {@code ArrivalLatencyProbe} and {@code WindowCloseLatencyProbe}. */
    public enum Latency {
        /** From the push of a sampled bid to the read of the row it became. */
        ARRIVAL,
        /** From the push of the bid whose time closed a window to the read of that window's row. */
        WINDOW_CLOSE
    }

    private final String streamName;
    private final List<String> statements;
    private final Latency latency;
    private final int sampleEvery;
    private final long windowMillis;

    NexmarkQuery(String streamName, List<String> statements, Latency latency, int sampleEvery, long windowMillis) {
        this.streamName = streamName;
        this.statements = statements;
        this.latency = latency;
        this.sampleEvery = sampleEvery;
        this.windowMillis = windowMillis;
    }

    /** The query by its name ({@code q0}, {@code Q5}, ...), ignoring case. */
    public static NexmarkQuery named(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    /** The stream whose rows are the query's result. */
    public String output() {
        return streamName;
    }

    /** The {@code CREATE STREAM} statements, in the order they must run. */
    public List<String> statements() {
        return statements;
    }

    public Latency latency() {
        return latency;
    }

    /** For {@link Latency#ARRIVAL}: one in this many of the result's rows is a latency sample. */
    public int sampleEvery() {
        return sampleEvery;
    }

    /** For {@link Latency#WINDOW_CLOSE}: the size of the result's windows, whose ends are multiples of it. */
    public long windowMillis() {
        return windowMillis;
    }

    /** Whether {@code bid} gives a row of the result; only meaningful for the queries without windows. */
    public boolean passes(Bid bid) {
        return this != Q2 || bid.auction() % 123 == 0;
    }

    /** Whether the result carries the bid's {@code extra}, where {@code ArrivalLatencyProbe} puts its marker. */
    boolean carriesExtra() {
        return this == Q0 || this == Q1;
    }

    @Override
    public String toString() {
        return streamName;
    }
}
