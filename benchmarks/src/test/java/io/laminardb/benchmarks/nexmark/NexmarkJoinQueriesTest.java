package io.laminardb.benchmarks.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Source;
import io.laminardb.engine.Subscription;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The join queries q3, q4 and q8, each checked against the same answer computed directly from the generated events,
 * through the benchmark's runner (which pushes every event) and through a subscription to their changes (the values).
 */
@Timeout(120)
class NexmarkJoinQueriesTest {

    /** 30,000 events at 500 events/s of event time: a minute, so windows close and auctions expire while events come. */
    private static final NexmarkConfig CONFIG =
            NexmarkConfig.DEFAULT.withNumEvents(30_000).withFirstEventRate(500);

    private static final List<NexmarkEvent> EVENTS = new ArrayList<>();

    @BeforeAll
    static void generate() {
        NexmarkGenerator generator = new NexmarkGenerator(CONFIG);
        while (generator.hasNext()) {
            EVENTS.add(generator.next());
        }
    }

    @Test
    void q3FindsTheSellersOfCategoryTenInOregonIdahoAndCalifornia() throws InterruptedException {
        Map<Long, Person> persons = new HashMap<>();
        EVENTS.stream()
                .filter(e -> e.person() != null)
                .forEach(e -> persons.put(e.person().id(), e.person()));
        List<String> expected = new ArrayList<>();
        for (NexmarkEvent event : EVENTS) {
            Auction auction = event.auction();
            if (auction != null && auction.category() == 10) {
                Person seller = persons.get(auction.seller());
                if (seller != null && Set.of("OR", "ID", "CA").contains(seller.state())) {
                    expected.add(seller.name() + "|" + seller.city() + "|" + seller.state() + "|" + auction.id());
                }
            }
        }
        assertThat(expected).isNotEmpty();

        NexmarkQueryRunner.Result result = NexmarkQueryRunner.run(NexmarkQuery.Q3, CONFIG);
        assertThat(result.bids()).as("every event pushed").isEqualTo(EVENTS.size());
        assertThat(result.rows()).isEqualTo(expected.size());

        assertThat(fold(changes(NexmarkQuery.Q3))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void q4AveragesTheClosingPricesPerCategory() throws InterruptedException {
        Map<Long, Auction> auctions = new HashMap<>();
        Map<Long, Long> highest = new HashMap<>();
        for (NexmarkEvent event : EVENTS) {
            if (event.auction() != null) {
                auctions.put(event.auction().id(), event.auction());
            }
        }
        for (NexmarkEvent event : EVENTS) {
            Bid bid = event.bid();
            Auction auction = bid == null ? null : auctions.get(bid.auction());
            if (auction != null
                    && !bid.dateTime().isBefore(auction.dateTime())
                    && !bid.dateTime().isAfter(auction.expires())) {
                highest.merge(auction.id(), bid.price(), Math::max);
            }
        }
        Map<Long, long[]> perCategory = new TreeMap<>();
        highest.forEach((id, price) -> {
            long[] sumAndCount = perCategory.computeIfAbsent(auctions.get(id).category(), c -> new long[2]);
            sumAndCount[0] += price;
            sumAndCount[1]++;
        });
        assertThat(perCategory).isNotEmpty();

        NexmarkQueryRunner.Result result = NexmarkQueryRunner.run(NexmarkQuery.Q4, CONFIG);
        assertThat(result.rows()).isPositive();

        Map<Long, BigDecimal> actual = new TreeMap<>();
        for (String row : fold(changes(NexmarkQuery.Q4))) {
            String[] parts = row.split("\\|");
            actual.put(Long.parseLong(parts[0]), new BigDecimal(parts[1]));
        }
        assertThat(actual.keySet()).isEqualTo(perCategory.keySet());
        perCategory.forEach((category, sumAndCount) -> {
            BigDecimal exact = BigDecimal.valueOf(sumAndCount[0])
                    .divide(BigDecimal.valueOf(sumAndCount[1]), 6, RoundingMode.HALF_EVEN);
            // AVG of a BIGINT is a BIGINT, as in Calcite and Flink: the exact average without its fraction.
            assertThat(actual.get(category))
                    .as("category %d", category)
                    .isEqualByComparingTo(exact.setScale(0, RoundingMode.DOWN));
        });
    }

    @Test
    void q8FindsThePersonsWhoOpenedAnAuctionInTheWindowTheyRegisteredIn() throws InterruptedException {
        Set<String> sellersPerWindow = new HashSet<>();
        for (NexmarkEvent event : EVENTS) {
            if (event.auction() != null) {
                sellersPerWindow.add(event.auction().seller() + "@" + window(event.dateTimeMillis()));
            }
        }
        Set<String> expected = new HashSet<>();
        for (NexmarkEvent event : EVENTS) {
            Person person = event.person();
            if (person != null && sellersPerWindow.contains(person.id() + "@" + window(event.dateTimeMillis()))) {
                expected.add(person.id() + "|" + person.name() + "|"
                        + java.time.Instant.ofEpochMilli(window(event.dateTimeMillis())));
            }
        }
        assertThat(expected).isNotEmpty();

        NexmarkQueryRunner.Result result = NexmarkQueryRunner.run(NexmarkQuery.Q8, CONFIG);
        assertThat(result.rows()).isEqualTo(expected.size());

        assertThat(fold(changes(NexmarkQuery.Q8))).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static long window(long millis) {
        return Math.floorDiv(millis, 10_000) * 10_000;
    }

    /** Every change of the query's result for the test's events, read after the sources were closed. */
    private static List<ChangeEvent<Row>> changes(NexmarkQuery query) {
        try (LaminarDB db = LaminarDB.inMemory()) {
            db.execute(NexmarkIngest.CREATE_PERSON);
            db.execute(NexmarkIngest.CREATE_AUCTION);
            db.execute(NexmarkIngest.CREATE_BID);
            query.statements().forEach(db::execute);
            Subscription<ChangeEvent<Row>> output = db.subscribeChanges(query.output(), Row.class);
            db.start();
            Source<Person> persons = db.source("person", Person.class);
            Source<Auction> auctions = db.source("auction", Auction.class);
            Source<Bid> bids = db.source("bid", Bid.class);
            List<ChangeEvent<Row>> changes = new ArrayList<>();
            for (NexmarkEvent event : EVENTS) {
                switch (event.kind()) {
                    case PERSON -> persons.push(event.person());
                    case AUCTION -> auctions.push(event.auction());
                    default -> bids.push(event.bid());
                }
                output.drainTo(changes, Integer.MAX_VALUE); // keeps the subscription's buffer from filling
            }
            persons.close();
            auctions.close();
            bids.close();
            output.stream().forEach(changes::add); // ends when the stream has ended
            return changes;
        }
    }

    /** The rows the changes leave, each as {@code v1|v2|...}. */
    private static List<String> fold(List<ChangeEvent<Row>> changes) {
        Map<String, Integer> counts = new HashMap<>();
        for (ChangeEvent<Row> change : changes) {
            Row row = change.value();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                values.add(String.valueOf(row.get(i)));
            }
            counts.merge(String.join("|", values), change.op().weight(), Integer::sum);
        }
        List<String> rows = new ArrayList<>();
        counts.forEach((row, count) -> {
            for (int i = 0; i < count; i++) {
                rows.add(row);
            }
        });
        return rows;
    }
}
