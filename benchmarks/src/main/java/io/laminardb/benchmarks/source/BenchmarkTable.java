package io.laminardb.benchmarks.source;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the push-path benchmarks of this package and prints one table: for each target of DESIGN 8, our figure, the
 * baselines measured in the same run, and the target.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.laminardb.benchmarks.source.BenchmarkTable [JMH options]
 * </pre>
 *
 * <p>JMH's own options apply ({@code -prof gc}, {@code -rf json -rff push.json}, {@code -f}, {@code -i}); a regular
 * expression restricts the run to some benchmarks, and rows whose benchmark did not run are left out.
 */
public final class BenchmarkTable {

    private static final String PACKAGE = BenchmarkTable.class.getPackageName() + ".";

    /** One target of DESIGN 8: our benchmark, its baselines (label and benchmark), the target in ns. */
    private record Row(String what, String ours, Map<String, String> baselines, double target, String targetText) {}

    private static final List<Row> ROWS = List.of(
            new Row(
                    "push, 1 producer (ns/op)",
                    "PushBenchmark.laminarPush",
                    Map.of(
                            "SpscArrayQueue", "PushBenchmark.spscOffer",
                            "ArrayBlockingQueue", "PushBenchmark.arrayBlockingQueuePut"),
                    100,
                    "< 100 (aim 20)"),
            new Row(
                    "pushBatch of 1,000 (ns/record)",
                    "PushBatchBenchmark.laminarPushBatch",
                    Map.of(
                            "SpscArrayQueue, array", "PushBatchBenchmark.spscOfferArray",
                            "SpscArrayQueue, copied array", "PushBatchBenchmark.spscOfferCopiedArray",
                            "ArrayBlockingQueue, put each", "PushBatchBenchmark.arrayBlockingQueuePutAll"),
                    10,
                    "< 10 (aim 3)"),
            new Row(
                    "pushBatch of 1,000 from an immutable list (ns/record)",
                    "PushBatchBenchmark.laminarPushImmutableBatch",
                    Map.of(
                            "SpscArrayQueue, array", "PushBatchBenchmark.spscOfferArray",
                            "SpscArrayQueue, copied array", "PushBatchBenchmark.spscOfferCopiedArray"),
                    10,
                    "< 10 (aim 3)"),
            new Row(
                    "pushArrow of a 100-row batch (ns/batch)",
                    "PushArrowBenchmark.laminarPushArrow",
                    Map.of(
                            "SpscArrayQueue", "PushArrowBenchmark.spscOfferRoot",
                            "SpscArrayQueue, parking consumer", "PushArrowBenchmark.spscOfferRootParkingConsumer"),
                    1_000,
                    "< 1,000"),
            new Row(
                    "push, 2 producers (ns/op per producer)",
                    "TwoProducerPushBenchmark.laminarPush",
                    Map.of(
                            "MpscArrayQueue", "TwoProducerPushBenchmark.mpscOffer",
                            "ArrayBlockingQueue", "TwoProducerPushBenchmark.arrayBlockingQueuePut"),
                    200,
                    "< 200 (aim 60)"));

    private BenchmarkTable() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions command = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(command);
        if (command.getIncludes().isEmpty()) {
            options.include(PACKAGE.replace(".", "\\.") + ".*Benchmark\\.");
        }
        Collection<RunResult> results = run(options);
        Map<String, Result<?>> scores = new HashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            scores.put(name.startsWith(PACKAGE) ? name.substring(PACKAGE.length()) : name, result.getPrimaryResult());
        }
        print(scores, System.out);
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        return new Runner(options.build()).run();
    }

    static void print(Map<String, Result<?>> scores, PrintStream out) {
        out.println();
        out.printf(
                Locale.ROOT,
                "Push path, %d processors, %s %s%n%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        out.println("| target (DESIGN 8) | LaminarDB | baselines, same run | target | met |");
        out.println("| --- | ---: | --- | ---: | --- |");
        for (Row row : ROWS) {
            Result<?> ours = scores.get(row.ours());
            if (ours == null) {
                continue;
            }
            List<String> baselines = new ArrayList<>();
            row.baselines().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(baseline -> {
                        Result<?> score = scores.get(baseline.getValue());
                        if (score != null) {
                            baselines.add(baseline.getKey() + " " + format(score));
                        }
                    });
            out.printf(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s |%n",
                    row.what(),
                    format(ours),
                    String.join("; ", baselines),
                    row.targetText(),
                    ours.getScore() < row.target() ? "yes" : "no");
        }
    }

    private static String format(Result<?> result) {
        double error = result.getScoreError();
        String score = String.format(Locale.ROOT, result.getScore() < 10 ? "%.2f" : "%.1f", result.getScore());
        return Double.isNaN(error) ? score : score + String.format(Locale.ROOT, " ± %.2f", error);
    }
}
