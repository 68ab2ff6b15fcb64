package io.laminardb.benchmarks.nexmark;

import java.util.List;
import java.util.Locale;

/**
 * The Nexmark queries LaminarDB runs today, written in our SQL after the public query set (Apache Beam's and Flink's
 * Nexmark SQL), each as the {@code CREATE STREAM} statements that make it and the stream whose rows are its result.
 *
 * <p>q5 and q7 stop before the join back to the bids, as they did before the engine had joins (so that their figures
 * stay comparable): q5 gives the highest bid count per window rather than the auctions that reached it, q7 the highest
 * price per window rather than the bid that made it. They read only the {@code bid} source; q3, q4 and q8 join, and
 * read every event ({@link #allEvents()}).
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
            10_000),

    /**
     * Local item suggestion: the sellers in Oregon, Idaho and California of auctions in category 10, a regular join of
     * auctions with persons that keeps every person and auction (the generator's states and categories are the public
     * generator's: AZ, CA, ID, OR, WA, WY and 10 to 14).
     */
    Q3(
            "q3",
            List.of("CREATE STREAM q3 AS SELECT P.name, P.city, P.state, A.id FROM auction AS A INNER JOIN person AS P"
                    + " ON A.seller = P.id WHERE A.category = 10 AND (P.state = 'OR' OR P.state = 'ID'"
                    + " OR P.state = 'CA')"),
            Latency.NONE,
            0,
            0,
            true),

    /**
     * Average closing price per category: the highest bid of each auction while it is open (an interval join of bids
     * with auctions, bounded by the auction's expiry), then the average per category. Two statements, since a continuous
     * query aggregates once; the first is a changelog of each auction's highest bid, which the average retracts.
     */
    Q4(
            "q4",
            List.of(
                    "CREATE STREAM q4_final AS SELECT A.id, A.category, MAX(B.price) AS final FROM auction AS A"
                            + " JOIN bid AS B ON A.id = B.auction AND B.`dateTime` BETWEEN A.`dateTime` AND A.expires"
                            + " GROUP BY A.id, A.category",
                    "CREATE STREAM q4 AS SELECT category, AVG(final) AS avg_price FROM q4_final GROUP BY category"),
            Latency.NONE,
            0,
            0,
            true),

    /**
     * Monitor new users: persons who opened an auction in the 10-second window they registered in, a window join of
     * two windowed aggregates in one query.
     */
    Q8(
            "q8",
            List.of("CREATE STREAM q8 AS SELECT P.id, P.name, P.starttime FROM (SELECT id, name, window_start AS"
                    + " starttime, window_end AS endtime FROM TABLE(TUMBLE(TABLE person, DESCRIPTOR(`dateTime`),"
                    + " INTERVAL '10' SECOND)) GROUP BY id, name, window_start, window_end) AS P JOIN (SELECT seller,"
                    + " window_start AS starttime, window_end AS endtime FROM TABLE(TUMBLE(TABLE auction,"
                    + " DESCRIPTOR(`dateTime`), INTERVAL '10' SECOND)) GROUP BY seller, window_start, window_end) AS A"
                    + " ON P.id = A.seller AND P.starttime = A.starttime AND P.endtime = A.endtime"),
            Latency.NONE,
            0,
            0,
            true);

    /** How a query's latency is measured; see {@code ArrivalLatencyProbe} and {@code WindowCloseLatencyProbe}. */
    public enum Latency {
        /** From the push of a sampled bid to the read of the row it became. */
        ARRIVAL,
        /** From the push of the bid whose time closed a window to the read of that window's row. */
        WINDOW_CLOSE,
        /** Not measured (the join queries: no probe yet ties a result row to the push that made it). */
        NONE
    }

    private final String streamName;
    private final List<String> statements;
    private final Latency latency;
    private final int sampleEvery;
    private final long windowMillis;
    private final boolean allEvents;

    NexmarkQuery(String streamName, List<String> statements, Latency latency, int sampleEvery, long windowMillis) {
        this(streamName, statements, latency, sampleEvery, windowMillis, false);
    }

    NexmarkQuery(
            String streamName,
            List<String> statements,
            Latency latency,
            int sampleEvery,
            long windowMillis,
            boolean allEvents) {
        this.allEvents = allEvents;
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

    /**
     * Whether the query reads persons and auctions too: every event is then pushed into {@code person}, {@code auction}
     * or {@code bid}, and its rate counts every event; else only bids are pushed and counted.
     */
    public boolean allEvents() {
        return allEvents;
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
