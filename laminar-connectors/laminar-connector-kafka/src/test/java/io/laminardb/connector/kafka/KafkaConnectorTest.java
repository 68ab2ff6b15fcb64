package io.laminardb.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.connector.kafka.testing.KafkaBroker;
import io.laminardb.connector.kafka.testing.Topics;
import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Row;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka connector against a real broker (KRaft, in a child JVM). */
class KafkaConnectorTest {

    static KafkaBroker broker;
    static Topics topics;

    @BeforeAll
    static void broker() {
        broker = KafkaBroker.shared();
        topics = new Topics(broker);
    }

    private String kafka(String topic, String extra) {
        return "connector = 'kafka', 'bootstrap.servers' = '" + broker.bootstrapServers() + "', topic = '" + topic
                + "', 'group.id' = '" + Topics.unique("g") + "', 'auto.offset.reset' = 'earliest'" + extra;
    }

    private static LaminarDB memory() {
        return LaminarDB.open(LaminarConfig.builder()
                .cores(1)
                .checkpointInterval(Duration.ofMillis(200))
                .build());
    }

    @Test
    void jsonMessagesFromSeveralPartitionsFeedAnAggregate() {
        String topic = Topics.unique("orders");
        broker.createTopic(topic, 3);
        for (int p = 0; p < 3; p++) {
            int partition = p;
            topics.send(
                    topic,
                    p,
                    null,
                    IntStream.range(0, 100)
                            .mapToObj(i ->
                                    "{\"customer\": \"c" + (i % 4) + "\", \"amount\": " + (partition * 100 + i) + "}")
                            .toList());
        }
        try (LaminarDB db = memory()) {
            db.execute("CREATE SOURCE orders (customer VARCHAR NOT NULL, amount BIGINT NOT NULL) WITH ("
                    + kafka(topic, "") + ")");
            db.execute("CREATE MATERIALIZED VIEW totals AS SELECT COUNT(*) AS n, SUM(amount) AS total FROM orders");
            db.start();
            await(() -> rows(db, "SELECT n, total FROM totals").equals(List.of("300|44850")));
            await(() -> db.connectors().get("orders").metrics().records() == 300);
            assertThat(db.connectors().get("orders").health().up()).isTrue();
        }
    }

    @Test
    void csvMessagesAndTheUriForm() {
        String topic = Topics.unique("csv");
        broker.createTopic(topic, 1);
        topics.send(topic, List.of("1,\"Smith, Ann\",2.5", "2,Bob,3.5\n3,Cy,4"));
        try (LaminarDB db = memory()) {
            db.execute("CREATE SOURCE people (id BIGINT NOT NULL, name VARCHAR, score DOUBLE) FROM 'kafka://"
                    + broker.bootstrapServers() + "/" + topic + "?format=csv&group.id=" + Topics.unique("g")
                    + "&auto.offset.reset=earliest'");
            db.execute("CREATE MATERIALIZED VIEW everyone AS SELECT id, name, score FROM people");
            db.start();
            await(() -> rows(db, "SELECT id, name, score FROM everyone ORDER BY id")
                    .equals(List.of("1|Smith, Ann|2.5", "2|Bob|3.5", "3|Cy|4.0")));
        }
    }

    @Test
    void debeziumChangeEventsRetractThroughAnAggregate() {
        String topic = Topics.unique("dbserver1.public.users");
        broker.createTopic(topic, 1);
        topics.send(
                topic,
                List.of(
                        "{\"op\":\"r\",\"after\":{\"id\":1,\"team\":\"red\"}}",
                        "{\"op\":\"c\",\"after\":{\"id\":2,\"team\":\"red\"}}",
                        "{\"op\":\"u\",\"before\":{\"id\":1,\"team\":\"red\"},\"after\":{\"id\":1,\"team\":\"blue\"}}",
                        "{\"op\":\"d\",\"before\":{\"id\":2,\"team\":\"red\"}}"));
        topics.send(topic, -1, "k", java.util.Collections.singletonList(null)); // tombstone
        try (LaminarDB db = memory()) {
            db.execute("CREATE SOURCE users (id BIGINT NOT NULL, team VARCHAR) WITH ("
                    + kafka(topic, ", format = 'debezium'") + ")");
            db.execute("CREATE MATERIALIZED VIEW teams AS SELECT team, COUNT(*) AS n FROM users GROUP BY team");
            db.start();
            await(() -> rows(db, "SELECT team, n FROM teams").equals(List.of("blue|1")));
        }
    }

    @Test
    void undecodableMessagesGoToTheDeadLetterTopicWithTheErrorAndTheOriginalBytes() {
        String topic = Topics.unique("dirty");
        String dead = topic + ".dlq";
        broker.createTopic(topic, 1);
        topics.send(topic, List.of("{\"id\": 1}", "{\"id\": \"one\"}", "not json at all", "{\"id\": 4}"));
        try (LaminarDB db = memory()) {
            db.execute("CREATE SOURCE s (id BIGINT NOT NULL) WITH ("
                    + kafka(topic, ", 'dead.letter.topic' = '" + dead + "'") + ")");
            db.execute("CREATE MATERIALIZED VIEW ids AS SELECT id FROM s");
            db.start();
            await(() -> rows(db, "SELECT id FROM ids ORDER BY id").equals(List.of("1", "4")));
            List<ConsumerRecord<byte[], byte[]>> letters = topics.read(dead, 2, false, Duration.ofSeconds(20));
            assertThat(letters)
                    .extracting(r -> Topics.text(r.value()))
                    .containsExactly("{\"id\": \"one\"}", "not json at all");
            ConsumerRecord<byte[], byte[]> first = letters.get(0);
            assertThat(header(first, "laminar.error")).isEqualTo("column 'id' is BIGINT but the message has \"one\"");
            assertThat(header(first, "laminar.topic")).isEqualTo(topic);
            assertThat(header(first, "laminar.offset")).isEqualTo("1");
            assertThat(header(letters.get(1), "laminar.error")).startsWith("not valid JSON");
            assertThat(db.connectors().get("s").metrics().deadLetters()).isEqualTo(2);
        }
    }

    @Test
    void withoutADeadLetterTopicAnUndecodableMessageStopsThePipelineNamingIt() {
        String topic = Topics.unique("poison");
        broker.createTopic(topic, 1);
        topics.send(topic, List.of("{\"id\": 1}", "{\"id\": \"x\"}"));
        try (LaminarDB db = memory()) {
            db.execute("CREATE SOURCE s (id BIGINT NOT NULL) WITH (" + kafka(topic, "") + ")");
            db.start();
            await(() -> db.pipelineState() == io.laminardb.engine.PipelineState.FAILED);
            assertThat(db.metrics().failure())
                    .get()
                    .asString()
                    .contains(topic + "-0 offset 1")
                    .contains("dead.letter.topic");
            assertThat(db.connectors().get("s").health().up()).isFalse();
        }
    }

    @Test
    void missingAndUnknownOptionsAreNamedBeforeAnythingConnects() {
        try (LaminarDB db = memory()) {
            assertThatThrownBy(() -> db.execute("CREATE SOURCE s (id BIGINT) WITH (connector = 'kafka',"
                            + " 'group_id' = 'x', 'auto.offset.reset' = 'first')"))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.problems())
                                    .anySatisfy(
                                            p -> assertThat(p).contains("missing required option 'bootstrap.servers'"))
                                    .anySatisfy(p -> assertThat(p).contains("missing required option 'topic'"))
                                    .anySatisfy(p -> assertThat(p).contains("did you mean 'group.id'"))
                                    .anySatisfy(p -> assertThat(p).contains("earliest, latest")));
            assertThatThrownBy(() -> db.execute("CREATE SOURCE s (id BIGINT) WITH (" + kafka("t", "")
                            + ", 'security.protocol' = 'SASL_SSL')"))
                    .hasMessageContaining("needs sasl.username and sasl.password");
            db.execute("CREATE SOURCE s (id BIGINT) WITH (" + kafka("t", "") + ")");
            assertThatThrownBy(() -> db.execute(
                            "CREATE SINK out2 FROM s WITH (" + kafka("t", "").replace(", 'group.id'", ", 'x.group.id'")
                                    + ", 'delivery.guarantee' = 'exactly-once')"))
                    .isInstanceOf(ConnectorException.class);
            assertThatThrownBy(() -> db.execute("CREATE SINK out3 FROM s WITH (connector = 'kafka',"
                            + " 'bootstrap.servers' = 'x:1', topic = 't', 'delivery.guarantee' = 'exactly-once')"))
                    .hasMessageContaining("has none. Open it with a data directory");
        }
    }

    @Test
    void secretsAreMaskedWhereverTheSourceIsShown() {
        try (LaminarDB db = memory()) {
            db.execute("CREATE SOURCE s (id BIGINT) WITH (" + kafka("t", "") + ", 'security.protocol' = 'SASL_SSL',"
                    + " 'sasl.mechanism' = 'PLAIN', 'sasl.username' = 'app', 'sasl.password' = 's3cret',"
                    + " 'kafka.ssl.truststore.password' = 'trust-me')");
            assertThat(db.sources().get(0).options().toString())
                    .doesNotContain("s3cret")
                    .doesNotContain("trust-me");
            assertThat(db.sources().get(0).sql()).doesNotContain("s3cret").doesNotContain("trust-me");
        }
    }

    @Test
    void aQueryFromAKafkaSourceToAKafkaSinkKeepsEachKeyOnOnePartition() {
        String in = Topics.unique("trades");
        String out = Topics.unique("big-trades");
        broker.createTopic(in, 2);
        broker.createTopic(out, 4);
        topics.send(
                in,
                IntStream.range(0, 200)
                        .mapToObj(i -> "{\"symbol\": \"S" + (i % 10) + "\", \"qty\": " + i + "}")
                        .toList());
        try (LaminarDB db = memory()) {
            db.execute(
                    "CREATE SOURCE trades (symbol VARCHAR NOT NULL, qty BIGINT NOT NULL) WITH (" + kafka(in, "") + ")");
            db.execute("CREATE SINK big INTO 'kafka://" + broker.bootstrapServers() + "/" + out
                    + "?partitioner=key-hash' AS SELECT symbol, qty FROM trades WHERE qty >= 100");
            db.start();
            List<ConsumerRecord<byte[], byte[]>> records = topics.read(out, 100, false, Duration.ofSeconds(30));
            assertThat(records).hasSize(100);
            Map<String, Set<Integer>> partitionsByKey = records.stream()
                    .collect(Collectors.groupingBy(
                            r -> Topics.text(r.key()),
                            Collectors.mapping(ConsumerRecord::partition, Collectors.toSet())));
            assertThat(partitionsByKey)
                    .hasSize(10)
                    .allSatisfy((key, partitions) -> assertThat(partitions).hasSize(1));
            assertThat(Topics.text(records.get(0).value())).matches("\\{\"symbol\":\"S\\d\",\"qty\":\\d+}");
            await(() -> db.connectors().get("big").metrics().records() == 100);
            assertThat(rows(db, "SHOW SINKS")).hasSize(1);
        }
    }

    @Test
    void roundRobinSpreadsRowsOverEveryPartition() {
        String in = Topics.unique("rr-in");
        String out = Topics.unique("rr-out");
        broker.createTopic(in, 1);
        broker.createTopic(out, 3);
        topics.send(
                in,
                IntStream.range(0, 30)
                        .mapToObj(i -> "{\"k\": \"same\", \"v\": " + i + "}")
                        .toList());
        try (LaminarDB db = memory()) {
            db.execute("CREATE SOURCE s (k VARCHAR, v BIGINT) WITH (" + kafka(in, "") + ")");
            db.execute("CREATE SINK rr FROM s WITH (connector = 'kafka', 'bootstrap.servers' = '"
                    + broker.bootstrapServers() + "', topic = '" + out + "', partitioner = 'round-robin')");
            db.start();
            List<ConsumerRecord<byte[], byte[]>> records = topics.read(out, 30, false, Duration.ofSeconds(30));
            assertThat(records).hasSize(30);
            assertThat(records.stream().map(ConsumerRecord::partition).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder(0, 1, 2);
        }
    }

    @Test
    void stickyIgnoresTheKeyButKeepsItOnTheMessage() {
        String in = Topics.unique("sticky-in");
        String out = Topics.unique("sticky-out");
        broker.createTopic(in, 1);
        broker.createTopic(out, 3);
        topics.send(
                in,
                IntStream.range(0, 40)
                        .mapToObj(i -> "{\"k\": \"key" + i + "\", \"v\": " + i + "}")
                        .toList());
        try (LaminarDB db = memory()) {
            db.execute("CREATE SOURCE s (k VARCHAR, v BIGINT) WITH (" + kafka(in, "") + ")");
            db.execute("CREATE SINK st FROM s WITH (connector = 'kafka', 'bootstrap.servers' = '"
                    + broker.bootstrapServers() + "', topic = '" + out + "', partitioner = 'sticky')");
            db.start();
            List<ConsumerRecord<byte[], byte[]>> records = topics.read(out, 40, false, Duration.ofSeconds(30));
            assertThat(records).hasSize(40);
            assertThat(records).extracting(r -> Topics.text(r.key())).allMatch(k -> k.startsWith("key"));
        }
    }

    @Test
    void offsetsAreCommittedToTheGroupSoARestartWithoutACheckpointGoesOn() {
        String topic = Topics.unique("resume");
        String group = Topics.unique("g");
        broker.createTopic(topic, 1);
        topics.send(
                topic,
                IntStream.range(0, 50).mapToObj(i -> "{\"v\": " + i + "}").toList());
        String ddl = "CREATE SOURCE s (v BIGINT) WITH (connector = 'kafka', 'bootstrap.servers' = '"
                + broker.bootstrapServers() + "', topic = '" + topic + "', 'group.id' = '" + group
                + "', 'auto.offset.reset' = 'earliest');"
                + " CREATE MATERIALIZED VIEW n AS SELECT COUNT(*) AS n, MIN(v) AS lo FROM s";
        try (LaminarDB db = memory()) {
            db.execute(ddl);
            db.start();
            await(() -> rows(db, "SELECT n FROM n").equals(List.of("50")));
        }
        topics.send(
                topic,
                IntStream.range(50, 60).mapToObj(i -> "{\"v\": " + i + "}").toList());
        try (LaminarDB db = memory()) {
            db.execute(ddl);
            db.start();
            await(() -> rows(db, "SELECT n, lo FROM n").equals(List.of("10|50")));
        }
    }

    @Test
    void avroRecordsThroughTheSchemaRegistryInAndOut() throws Exception {
        String in = Topics.unique("avro-in");
        String out = Topics.unique("avro-out");
        broker.createTopic(in, 1);
        broker.createTopic(out, 1);
        try (io.laminardb.format.avro.testing.TestSchemaRegistry registry =
                io.laminardb.format.avro.testing.TestSchemaRegistry.start()) {
            org.apache.avro.Schema writer = org.apache.avro.SchemaBuilder.record("Payment")
                    .fields()
                    .requiredString("account")
                    .requiredLong("cents")
                    .optionalString("note")
                    .endRecord();
            int id = new io.laminardb.format.avro.SchemaRegistryClient(registry.url(), null)
                    .register(in + "-value", writer);
            try (var producer = topics.producer()) {
                for (int i = 0; i < 5; i++) {
                    var record = new org.apache.avro.generic.GenericData.Record(writer);
                    record.put("account", "acc" + (i % 2));
                    record.put("cents", 100L * i);
                    producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(in, avro(id, writer, record)));
                }
                producer.flush();
            }
            try (LaminarDB db = memory()) {
                db.execute("CREATE SOURCE payments (account VARCHAR NOT NULL, cents BIGINT NOT NULL) WITH ("
                        + kafka(in, ", format = 'avro', 'schema.registry.url' = '" + registry.url() + "'") + ")");
                db.execute("CREATE MATERIALIZED VIEW per_account AS SELECT account, SUM(cents) AS cents FROM payments"
                        + " GROUP BY account");
                db.execute("CREATE SINK copy FROM payments WITH (connector = 'kafka', 'bootstrap.servers' = '"
                        + broker.bootstrapServers() + "', topic = '" + out + "', format = 'avro',"
                        + " 'schema.registry.url' = '" + registry.url() + "')");
                db.start();
                await(() -> rows(db, "SELECT account, cents FROM per_account ORDER BY account")
                        .equals(List.of("acc0|600", "acc1|400")));
                List<ConsumerRecord<byte[], byte[]>> written = topics.read(out, 5, false, Duration.ofSeconds(30));
                assertThat(written).hasSize(5);
                // Written in the wire format, under the schema the sink registered as <topic>-value.
                var latest =
                        new io.laminardb.format.avro.SchemaRegistryClient(registry.url(), null).latest(out + "-value");
                assertThat(written.get(0).value()[0]).isEqualTo((byte) 0);
                assertThat(java.nio.ByteBuffer.wrap(written.get(0).value(), 1, 4)
                                .getInt())
                        .isEqualTo(latest.getKey());
            }
        }
    }

    private static byte[] avro(int id, org.apache.avro.Schema schema, org.apache.avro.generic.GenericRecord record)
            throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write(0);
        bytes.write(java.nio.ByteBuffer.allocate(4).putInt(id).array());
        var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(bytes, null);
        new org.apache.avro.generic.GenericDatumWriter<org.apache.avro.generic.GenericRecord>(schema)
                .write(record, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }

    @Test
    void saslPlainCredentialsReachTheBroker() {
        String topic = Topics.unique("secured");
        broker.createTopic(topic, 1);
        topics.send(topic, List.of("{\"v\": 1}", "{\"v\": 2}"));
        String sasl = "connector = 'kafka', 'bootstrap.servers' = '" + broker.saslBootstrapServers() + "', topic = '"
                + topic + "', 'group.id' = '" + Topics.unique("g") + "', 'auto.offset.reset' = 'earliest',"
                + " 'security.protocol' = 'SASL_PLAINTEXT', 'sasl.mechanism' = 'PLAIN', 'sasl.username' = '"
                + KafkaBroker.SASL_USER + "', 'sasl.password' = '" + KafkaBroker.SASL_PASSWORD + "'";
        try (LaminarDB db = memory()) {
            db.execute("CREATE SOURCE s (v BIGINT) WITH (" + sasl + ")");
            db.execute("CREATE MATERIALIZED VIEW total AS SELECT SUM(v) AS v FROM s");
            db.start();
            await(() -> rows(db, "SELECT v FROM total").equals(List.of("3")));
        }
    }

    @Test
    void aPartitionBehindHoldsTheWatermarkUntilItGoesIdle() {
        String topic = Topics.unique("times");
        broker.createTopic(topic, 2);
        // Partition 0 is at 100 s, partition 1 at 50 s: the watermark is the lower, less the delay.
        topics.send(topic, 0, null, List.of("{\"k\": \"a\", \"ts\": 100000}"));
        topics.send(topic, 1, null, List.of("{\"k\": \"b\", \"ts\": 50000}"));
        try (LaminarDB db = memory()) {
            db.execute("CREATE SOURCE s (k VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)"
                    + " WITH (" + kafka(topic, ", idle_timeout = '2s'") + ")");
            db.execute("CREATE STREAM per10 AS SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE s,"
                    + " DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end");
            var windows = db.subscribe("per10");
            db.start();
            await(() -> db.allSourceMetrics().get(0).watermark() == 49_000L);
            // Partition 1 gets nothing more: after idle_timeout only partition 0 counts, and its window closes.
            topics.send(topic, 0, null, List.of("{\"k\": \"a\", \"ts\": 120000}"));
            await(() -> db.allSourceMetrics().get(0).watermark() == 119_000L);
            List<String> fired = new ArrayList<>();
            await(() -> {
                Row r = windows.poll(Duration.ofMillis(10));
                if (r != null) {
                    fired.add(r.get(0) + "|" + r.get(1));
                }
                return fired.size() >= 2;
            });
            assertThat(fired).containsExactly("1970-01-01T00:00:50Z|1", "1970-01-01T00:01:40Z|1");
        }
    }

    @Test
    void aFullBufferPausesTheConsumerAndLosesNothing() {
        String topic = Topics.unique("flood");
        broker.createTopic(topic, 2);
        topics.send(
                topic,
                IntStream.range(0, 20_000).mapToObj(i -> "{\"v\": " + i + "}").toList());
        try (LaminarDB db = memory()) {
            db.execute("CREATE SOURCE s (v BIGINT) WITH (" + kafka(topic, ", buffer_size = 4") + ")");
            db.execute("CREATE MATERIALIZED VIEW n AS SELECT COUNT(*) AS n, SUM(v) AS total FROM s");
            db.start();
            await(() -> rows(db, "SELECT n, total FROM n").equals(List.of("20000|199990000")));
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static List<String> rows(LaminarDB db, String sql) {
        List<Row> rows =
                sql.startsWith("SHOW") ? db.execute(sql).rows() : db.query(sql).rows();
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                s.append(i == 0 ? "" : "|").append(r.get(i));
            }
            out.add(s.toString());
        }
        return out;
    }

    static void await(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 45 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static Set<String> distinct(List<String> values) {
        return new HashSet<>(values);
    }
}
