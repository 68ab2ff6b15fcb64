package io.laminardb.benchmarks.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Source;
import io.laminardb.engine.Subscription;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each query's result checked against the same answer computed directly from the generated bids, through the
 * benchmark's runner (row counts, latency samples) and through a plain subscription (the values).
 */
@Timeout(120)
class NexmarkQueriesTest {

    /** 20,000 events at 500 events/s of event time: 40 seconds, so windows close while bids still arrive. */
    private static final NexmarkConfig CONFIG =
            NexmarkConfig.DEFAULT.withNumEvents(20_000).withFirstEventRate(500);

    private static final List<Bid> BIDS = new ArrayList<>();

    @BeforeAll
    static void generate() {
        NexmarkGenerator generator = new NexmarkGenerator(CONFIG);
        while (generator.hasNext()) {
            Bid bid = generator.next().bid();
            if (bid != null) {
                BIDS.add(bid);
            }
        }
    }

    @Test
    void q0PassesEveryBidAndMatchesEverySample() throws InterruptedException {
        NexmarkQueryRunner.Result result = NexmarkQueryRunner.run(NexmarkQuery.Q0, CONFIG);

        assertThat(result.bids()).isEqualTo(BIDS.size());
        assertThat(result.rows()).isEqualTo(BIDS.size());
        assertThat(result.unmatched()).isZero();
        assertThat(result.latency().getTotalCount()).isEqualTo((BIDS.size() + 1023) / 1024);
    }

    @Test
    void arrowModeCountsTheSameRowsAsTheRowMode() throws InterruptedException {
        for (NexmarkQuery query : List.of(NexmarkQuery.Q0, NexmarkQuery.Q1, NexmarkQuery.Q2)) {
            NexmarkQueryRunner.Result rows = NexmarkQueryRunner.run(query, CONFIG, false, false);
            NexmarkQueryRunner.Result batches = NexmarkQueryRunner.run(query, CONFIG, false, true);
            assertThat(batches.bids()).as(query.toString()).isEqualTo(BIDS.size());
            assertThat(batches.rows()).as(query.toString()).isEqualTo(rows.rows());
        }
    }

    @Test
    void q1ConvertsEveryPriceExactly() throws InterruptedException {
        NexmarkQueryRunner.Result result = NexmarkQueryRunner.run(NexmarkQuery.Q1, CONFIG);
        assertThat(result.rows()).isEqualTo(BIDS.size());
        assertThat(result.unmatched()).isZero();

        List<Row> rows = collect(NexmarkQuery.Q1);
        assertThat(rows).hasSize(BIDS.size());
        for (int i = 0; i < rows.size(); i++) {
            // 0.908 * a BIGINT is DECIMAL(19, 3): exact, as in Flink's and Beam's q1.
            BigDecimal expected = new BigDecimal("0.908")
                    .multiply(BigDecimal.valueOf(BIDS.get(i).price()));
            assertThat(rows.get(i).getBigDecimal("price")).isEqualByComparingTo(expected);
        }
    }

    @Test
    void q2SelectsTheBidsOnEveryHundredTwentyThirdAuction() throws InterruptedException {
        List<String> expected = BIDS.stream()
                .filter(bid -> bid.auction() % 123 == 0)
                .map(bid -> bid.auction() + "|" + bid.price())
                .toList();
        assertThat(expected).isNotEmpty();

        NexmarkQueryRunner.Result result = NexmarkQueryRunner.run(NexmarkQuery.Q2, CONFIG);
        assertThat(result.rows()).isEqualTo(expected.size());
        assertThat(result.unmatched()).isZero();
        assertThat(result.latency().getTotalCount()).isPositive();

        assertThat(collect(NexmarkQuery.Q2))
                .extracting(row -> row.getLong("auction") + "|" + row.getLong("price"))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void q5GivesTheHighestBidCountOfEverySlidingWindow() throws InterruptedException {
        // window end (the end of a 10-second window sliding by 2 seconds) -> auction -> bids
        Map<Long, Map<Long, Integer>> counts = new TreeMap<>();
        for (Bid bid : BIDS) {
            long time = bid.dateTime().toEpochMilli();
            long lastEnd = Math.floorDiv(time, 2_000) * 2_000 + 2_000;
            for (long end = lastEnd; end < time + 10_000 + 1; end += 2_000) {
                if (end - 10_000 <= time && time < end) {
                    counts.computeIfAbsent(end, e -> new HashMap<>()).merge(bid.auction(), 1, Integer::sum);
                }
            }
        }
        Map<Long, Long> expected = new TreeMap<>();
        counts.forEach((end, perAuction) -> expected.put(end, (long)
                perAuction.values().stream().mapToInt(Integer::intValue).max().orElseThrow()));

        NexmarkQueryRunner.Result result = NexmarkQueryRunner.run(NexmarkQuery.Q5, CONFIG);
        assertThat(result.rows()).isEqualTo(expected.size());
        assertThat(result.latency().getTotalCount()).isPositive();

        Map<Long, Long> actual = new TreeMap<>();
        for (Row row : collect(NexmarkQuery.Q5)) {
            // Each 2-second window of the second stream starts at the end of the sliding window it summarises.
            actual.put(row.getInstant("window_start").toEpochMilli(), row.getLong("maxn"));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void q7GivesTheHighestPriceOfEveryTumblingWindow() throws InterruptedException {
        Map<Long, Long> expected = new TreeMap<>();
        for (Bid bid : BIDS) {
            long end = Math.floorDiv(bid.dateTime().toEpochMilli(), 10_000) * 10_000 + 10_000;
            expected.merge(end, bid.price(), Math::max);
        }

        NexmarkQueryRunner.Result result = NexmarkQueryRunner.run(NexmarkQuery.Q7, CONFIG);
        assertThat(result.rows()).isEqualTo(expected.size());
        assertThat(result.latency().getTotalCount()).isPositive();

        Map<Long, Long> actual = new TreeMap<>();
        for (Row row : collect(NexmarkQuery.Q7)) {
            actual.put(row.getInstant("window_end").toEpochMilli(), row.getLong("maxprice"));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void queriesAreFoundByNameIgnoringCase() {
        assertThat(NexmarkQuery.named("q5")).isEqualTo(NexmarkQuery.Q5);
        assertThat(NexmarkQuery.named(" Q0 ")).isEqualTo(NexmarkQuery.Q0);
    }

    /** Every row of the query's result for the test's bids, read after the source was closed. */
    private static List<Row> collect(NexmarkQuery query) {
        try (LaminarDB db = LaminarDB.inMemory()) {
            db.execute(NexmarkIngest.CREATE_BID);
            query.statements().forEach(db::execute);
            Subscription<Row> output = db.subscribe(query.output());
            db.start();
            Source<Bid> source = db.source("bid", Bid.class);
            List<Row> rows = new ArrayList<>();
            for (Bid bid : BIDS) {
                source.push(bid);
                output.drainTo(rows, Integer.MAX_VALUE); // keeps the subscription's buffer from filling
            }
            source.close();
            output.stream().forEach(rows::add); // ends when the stream has ended
            return rows;
        }
    }
}
