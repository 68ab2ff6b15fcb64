package io.laminardb.benchmarks.nexmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Runs Nexmark queries ({@link NexmarkQuery}) on generated events and prints, for each, bids per second per engine
 * thread, result rows and p50/p99 latency, beside two baselines measured in the same run: the generator alone, and
 * the ingest of the bids into a source without a query.
 *
 * <p>Each round measures the baselines and then every query, each on a fresh database ({@code NexmarkQueryRunner});
 * warm-up rounds run the same and are not counted. Rates are the median and best of the measured rounds; latencies
 * are the percentiles of the samples of all measured rounds together.
 *
 * <p>Options, all optional: {@code --events N} events generated per run (default 10,000,000; 46 in 50 are bids),
 * {@code --queries q0,q1,...} (default all), {@code --rounds R} measured rounds (default 3), {@code --warmups W}
 * (default 1), {@code --pregenerate} (make the bids before the clock starts, so the producer only pushes and the rate
 * measures the engine rather than the generator), {@code --arrow} (also run each query with the bids pushed as Arrow
 * batches of 4,096 rows and the result read with {@code pollBatch()}; the table then has a row per query and mode, and
 * latency is not measured in the Arrow mode).
 */
public final class NexmarkQueries {

    private NexmarkQueries() {}

    public static void main(String[] args) throws InterruptedException {
        long events = 10_000_000;
        List<NexmarkQuery> queries = List.of(NexmarkQuery.values());
        int rounds = 3;
        int warmups = 1;
        boolean pregenerate = false;
        boolean arrow = false;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(value.replace("_", ""));
                case "--queries" ->
                    queries = Arrays.stream(value.split(","))
                            .map(NexmarkQuery::named)
                            .toList();
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--warmups" -> warmups = Integer.parseInt(value);
                case "--pregenerate" -> {
                    pregenerate = true;
                    i--; // a flag, no value
                }
                case "--arrow" -> {
                    arrow = true;
                    i--;
                }
                default ->
                    throw new IllegalArgumentException(
                            "Unknown option " + args[i]
                                    + "; options are --events N, --queries q0,q1,..., --rounds R, --warmups W, --pregenerate, --arrow");
            }
            i++;
        }
        if (events <= 0 || rounds <= 0 || warmups < 0) {
            throw new IllegalArgumentException("--events and --rounds must be positive, --warmups not negative");
        }
        NexmarkConfig config = NexmarkConfig.DEFAULT.withNumEvents(events);

        double[] generator = new double[rounds];
        double[] ingest = new double[rounds];
        Map<String, List<NexmarkQueryRunner.Result>> results = new LinkedHashMap<>();
        for (int round = -warmups; round < rounds; round++) {
            String label = round < 0 ? "warm-up " + (round + warmups + 1) : "round " + (round + 1);
            double generated = NexmarkQueryRunner.generatorBidsPerSecond(config);
            double ingested = NexmarkQueryRunner.ingestBidsPerSecond(config);
            System.out.printf(
                    "%s: generator alone %,.0f bids/s, ingest without a query %,.0f bids/s%n",
                    label, generated, ingested);
            if (round >= 0) {
                generator[round] = generated;
                ingest[round] = ingested;
            }
            for (NexmarkQuery query : queries) {
                boolean[] modes = arrow && !query.allEvents() ? new boolean[] {false, true} : new boolean[] {false};
                for (boolean batches : modes) {
                    NexmarkQueryRunner.Result result = NexmarkQueryRunner.run(query, config, pregenerate, batches);
                    String name = batches ? query + " (arrow)" : query.toString();
                    System.out.printf(
                            "%s: %s %,.0f events/s (%,.0f per engine-CPU second), %,d rows, p50 %s, p99 %s%n",
                            label,
                            name,
                            result.bidsPerSecond(),
                            result.bidsPerEngineCpuSecond(),
                            result.rows(),
                            latency(result.latency(), 50),
                            latency(result.latency(), 99));
                    if (round >= 0) {
                        results.computeIfAbsent(name, q -> new ArrayList<>()).add(result);
                    }
                }
            }
        }
        System.out.println();
        System.out.print(table(events, rounds, generator, ingest, results));
    }

    static String table(
            long events,
            int rounds,
            double[] generator,
            double[] ingest,
            Map<String, List<NexmarkQueryRunner.Result>> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "Nexmark, %,d events per run (bids only pushed, but every event for q3, q4, q8), %d engine thread, %d"
                        + " measured rounds%n%n",
                events, NexmarkQueryRunner.ENGINE_THREADS, rounds));
        out.append("| run | events/s per engine thread, median | best | events per engine-CPU second | result rows |"
                + " latency p50 | p99 | samples |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        out.append(String.format(
                "| generator alone (baseline) | %,.0f | %,.0f | | | | | |%n", median(generator), max(generator)));
        out.append(String.format(
                "| ingest into `bid`, no query (baseline) | %,.0f | %,.0f | | | | | |%n", median(ingest), max(ingest)));
        for (Map.Entry<String, List<NexmarkQueryRunner.Result>> entry : results.entrySet()) {
            List<NexmarkQueryRunner.Result> runs = entry.getValue();
            double[] rates = runs.stream()
                    .mapToDouble(NexmarkQueryRunner.Result::bidsPerSecond)
                    .toArray();
            double[] cpuRates = runs.stream()
                    .mapToDouble(NexmarkQueryRunner.Result::bidsPerEngineCpuSecond)
                    .toArray();
            Histogram latency = new Histogram(3);
            long unmatched = 0;
            for (NexmarkQueryRunner.Result run : runs) {
                latency.add(run.latency());
                unmatched += run.unmatched();
            }
            out.append(String.format(
                    "| %s | %,.0f | %,.0f | %,.0f | %,d | %s | %s | %,d%s |%n",
                    entry.getKey(),
                    median(rates),
                    max(rates),
                    median(cpuRates),
                    runs.get(0).rows(),
                    latency.getTotalCount() == 0 ? "not measured" : millis(latency.getValueAtPercentile(50)),
                    latency.getTotalCount() == 0 ? "not measured" : millis(latency.getValueAtPercentile(99)),
                    latency.getTotalCount(),
                    unmatched == 0 ? "" : String.format(" (%,d unmatched)", unmatched / runs.size())));
        }
        return out.toString();
    }

    private static String latency(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? "not measured" : millis(histogram.getValueAtPercentile(percentile));
    }

    private static String millis(long nanos) {
        return String.format("%.3f ms", nanos / 1e6);
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
