package io.laminardb.benchmarks.nexmark;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import io.laminardb.engine.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Nexmark with the bids read from Kafka: the generated bids are written to a topic as JSON once, then each query runs
 * on a fresh database whose {@code bid} source is a Kafka source reading that topic from the start.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.laminardb.benchmarks.nexmark.NexmarkKafka --bootstrap host:port
 *     [--events N] [--queries q0,q1,...] [--partitions P]
 * </pre>
 *
 * <p>Per run: bids read per second, from the start until the source has taken every bid, and per second of the engine
 * thread's CPU time. The baseline {@code ingest} reads the topic into a source with no query: the connector's and the
 * broker's share. Latency is not measured: a Kafka source never ends, so the last windows never close.
 */
public final class NexmarkKafka {

    private NexmarkKafka() {}

    /** What one run measured. */
    record Result(String name, long bids, long rows, long elapsedNanos, long engineCpuNanos) {

        double bidsPerSecond() {
            return bids * 1e9 / elapsedNanos;
        }

        double bidsPerEngineCpuSecond() {
            return engineCpuNanos == 0 ? 0 : bids * 1e9 / engineCpuNanos;
        }
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = null;
        long events = 2_000_000;
        int partitions = 4;
        List<NexmarkQuery> queries = List.of(NexmarkQuery.values());
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--bootstrap" -> bootstrap = value;
                case "--events" -> events = Long.parseLong(value.replace("_", ""));
                case "--partitions" -> partitions = Integer.parseInt(value);
                case "--queries" ->
                    queries = Arrays.stream(value.split(","))
                            .map(NexmarkQuery::named)
                            .toList();
                default ->
                    throw new IllegalArgumentException("Unknown option " + args[i] + "; options are --bootstrap"
                            + " host:port (required), --events N, --partitions P, --queries q0,q1,...");
            }
        }
        if (bootstrap == null) {
            throw new IllegalArgumentException("--bootstrap host:port is required: the Kafka broker to use");
        }
        List<Result> results = run(bootstrap, NexmarkConfig.DEFAULT.withNumEvents(events), partitions, queries);
        System.out.println();
        System.out.printf("%-10s %14s %24s %12s%n", "run", "bids/s", "bids per engine-CPU s", "rows");
        for (Result r : results) {
            System.out.printf(
                    "%-10s %,14.0f %,24.0f %,12d%n", r.name(), r.bidsPerSecond(), r.bidsPerEngineCpuSecond(), r.rows());
        }
    }

    /** Loads the bids into a new topic, then runs the baselines and each query; returns them in that order. */
    static List<Result> run(String bootstrap, NexmarkConfig config, int partitions, List<NexmarkQuery> queries)
            throws Exception {
        String topic = "nexmark-bid-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
        List<Result> results = new ArrayList<>();
        results.add(load(bootstrap, topic, partitions, config));
        long bids = results.get(0).bids();
        results.add(read(bootstrap, topic, bids, "ingest", List.of(), null));
        for (NexmarkQuery query : queries) {
            results.add(read(bootstrap, topic, bids, query.toString(), query.statements(), query.output()));
        }
        return results;
    }

    /** Baseline {@code load}: generating the bids and writing them to the topic as JSON, spread over its partitions. */
    private static Result load(String bootstrap, String topic, int partitions, NexmarkConfig config) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4");
        long start = System.nanoTime();
        long bids = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            NexmarkGenerator generator = new NexmarkGenerator(config);
            StringBuilder json = new StringBuilder(256);
            while (generator.hasNext()) {
                Bid bid = generator.next().bid();
                if (bid == null) {
                    continue;
                }
                json.setLength(0);
                json.append("{\"auction\":")
                        .append(bid.auction())
                        .append(",\"bidder\":")
                        .append(bid.bidder())
                        .append(",\"price\":")
                        .append(bid.price())
                        .append(",\"channel\":");
                string(json, bid.channel());
                json.append(",\"url\":");
                string(json, bid.url());
                json.append(",\"dateTime\":")
                        .append(bid.dateTime().toEpochMilli())
                        .append(",\"extra\":");
                string(json, bid.extra());
                json.append('}');
                producer.send(
                        new ProducerRecord<>(topic, json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                bids++;
            }
            producer.flush();
        }
        return new Result("load", bids, 0, System.nanoTime() - start, 0);
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c < 0x20 ? ' ' : c);
        }
        out.append('"');
    }

    /** One run: a fresh database reads the topic from the start through {@code statements} until it took every bid. */
    private static Result read(
            String bootstrap, String topic, long bids, String name, List<String> statements, String output)
            throws InterruptedException {
        LaminarConfig config =
                LaminarConfig.builder().cores(NexmarkQueryRunner.ENGINE_THREADS).build();
        try (LaminarDB db = LaminarDB.open(config)) {
            db.execute(NexmarkIngest.CREATE_BID.replace(
                    "WITH (",
                    "WITH (connector = 'kafka', 'bootstrap.servers' = '" + bootstrap + "', topic = '" + topic
                            + "', 'group.id' = 'nexmark-" + UUID.randomUUID() + "', 'auto.offset.reset' = 'earliest',"
                            + " 'kafka.max.poll.records' = '4096', 'kafka.fetch.min.bytes' = '65536', idle_timeout ="
                            + " '1s', "));
            for (String statement : statements) {
                db.execute(statement);
            }
            AtomicLong rows = new AtomicLong();
            Thread reader = null;
            if (output != null) {
                Subscription<Row> subscription = db.subscribe(output);
                reader = new Thread(
                        () -> {
                            List<Row> batch = new ArrayList<>(4096);
                            while (!Thread.currentThread().isInterrupted()) {
                                batch.clear();
                                if (subscription.drainTo(batch, 4096) == 0) {
                                    Row row = subscription.poll(Duration.ofMillis(10));
                                    if (row != null) {
                                        rows.incrementAndGet();
                                    }
                                }
                                rows.addAndGet(batch.size());
                            }
                        },
                        "nexmark-kafka-reader");
                reader.setDaemon(true);
                reader.start();
            }
            long cpuBefore = NexmarkQueryRunner.engineCpuNanos();
            long start = System.nanoTime();
            db.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (db.metrics().totalEventsIngested() < bids) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": read "
                            + db.metrics().totalEventsIngested() + " of " + bids + " bids in 10 minutes");
                }
                Thread.sleep(1);
            }
            long elapsed = System.nanoTime() - start;
            long cpu = NexmarkQueryRunner.engineCpuNanos() - cpuBefore;
            // Let the reader take what the last bids produced: until the count holds still for 1.5 s, longer than the
            // source's idle_timeout (a partition read to its end stops holding the watermark back then); 10 s at most.
            long seen = -1;
            for (int still = 0, waited = 0; still < 15 && waited < 100; waited++) {
                Thread.sleep(100);
                long now = rows.get();
                still = now == seen ? still + 1 : 0;
                seen = now;
            }
            if (reader != null) {
                reader.interrupt();
            }
            return new Result(name, bids, rows.get(), elapsed, cpu);
        }
    }
}
