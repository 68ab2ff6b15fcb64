package io.laminardb.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.connector.kafka.testing.KafkaBroker;
import io.laminardb.connector.kafka.testing.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once, end to end: an application reading a Kafka topic and writing another with {@code delivery.guarantee
 * = 'exactly-once'} is killed with SIGKILL several times while records keep arriving, and restarted from its data
 * directory each time; a {@code read_committed} consumer of the output then sees every input's result exactly once.
 */
class ExactlyOnceCrashTest {

    private static final int RECORDS = Integer.getInteger("laminar.kafka.eos.records", 6_000);
    private static final int KILLS = Integer.getInteger("laminar.kafka.eos.kills", 3);

    @TempDir
    Path dir;

    @Test
    void aReadCommittedConsumerSeesEveryResultOnceAcrossKills() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        Topics topics = new Topics(broker);
        String in = Topics.unique("eos-in");
        String out = Topics.unique("eos-out");
        broker.createTopic(in, 2);
        broker.createTopic(out, 2);
        String group = Topics.unique("eos");
        Path data = dir.resolve("data");
        Path log = dir.resolve("app.log");

        // Input keeps arriving while the application is killed and restarted.
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = new Thread(() -> {
            try (KafkaProducer<byte[], byte[]> p = topics.producer()) {
                for (int i = 0; i < RECORDS; i++) {
                    p.send(new ProducerRecord<>(in, ("{\"id\": " + i + "}").getBytes()));
                    if (i % 100 == 99) {
                        p.flush();
                        Thread.sleep(20);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                producing.set(false);
            }
        });
        producer.start();

        Random random = new Random(42);
        for (int kill = 0; kill < KILLS; kill++) {
            Process app = start(broker, data, in, out, group, log);
            Thread.sleep(1_500 + random.nextInt(2_000));
            app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        producer.join();
        Process last = start(broker, data, in, out, group, log);
        List<ConsumerRecord<byte[], byte[]>> results = topics.read(out, RECORDS, true, Duration.ofSeconds(120));
        last.getOutputStream().close(); // a clean stop
        last.waitFor(60, TimeUnit.SECONDS);

        Map<Long, Integer> seen = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : results) {
            String json = Topics.text(record.value());
            long id = Long.parseLong(json.replaceAll(".*\"id\":(\\d+).*", "$1"));
            assertThat(json).isEqualTo("{\"id\":" + id + ",\"twice\":" + (2 * id) + "}");
            seen.merge(id, 1, Integer::sum);
        }
        List<Long> duplicated = new ArrayList<>();
        seen.forEach((id, n) -> {
            if (n > 1) {
                duplicated.add(id);
            }
        });
        assertThat(duplicated)
                .as("results seen more than once (log: %s)", tail(log))
                .isEmpty();
        assertThat(seen).as("every input's result (log: %s)", tail(log)).hasSize(RECORDS);
        // Uncommitted output existed: a read_uncommitted reader sees more than the committed results.
        assertThat(topics.read(out, RECORDS + 1, false, Duration.ofSeconds(5)).size())
                .isGreaterThanOrEqualTo(RECORDS);
    }

    private static Process start(KafkaBroker broker, Path data, String in, String out, String group, Path log)
            throws IOException, InterruptedException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                EosPipeline.class.getName(),
                broker.bootstrapServers(),
                data.toString(),
                in,
                out,
                group);
        Process app = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        int before = startedLines(log);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (startedLines(log) > before) {
                break;
            }
            if (!app.isAlive()) {
                throw new AssertionError("the application exited: " + tail(log));
            }
            Thread.sleep(50);
        }
        return app;
    }

    private static int startedLines(Path log) throws IOException {
        return Files.exists(log)
                ? (int) Files.readAllLines(log).stream()
                        .filter("started"::equals)
                        .count()
                : 0;
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
