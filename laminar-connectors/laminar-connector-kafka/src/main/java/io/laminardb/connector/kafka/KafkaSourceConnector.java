package io.laminardb.connector.kafka;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.connector.ConnectorHealth;
import io.laminardb.engine.connector.DeadLetter;
import io.laminardb.engine.connector.DecodeException;
import io.laminardb.engine.connector.RowDecoder;
import io.laminardb.engine.connector.SourceConnector;
import io.laminardb.engine.connector.SourceContext;
import io.laminardb.engine.connector.SourceSpec;
import io.laminardb.engine.connector.SplitWatermarks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Kafka source: one consumer in the source's group, on a thread of its own.
 *
 * <ul>
 *   <li><b>Where it starts.</b> A partition in the checkpoint's position is read from there (the state includes
 *       everything before it); others from the group's committed offset, else {@code auto.offset.reset}.
 *   <li><b>Positions.</b> Each poll's rows go to the source as one batch with the next offset of every assigned
 *       partition; after each checkpoint (or, in memory, every interval) those offsets are committed to the group.
 *   <li><b>Backpressure.</b> While the source's buffer is full the consumer pauses its partitions and keeps polling
 *       (so it stays in the group) until the batch is taken.
 *   <li><b>Watermarks.</b> With {@code WATERMARK FOR}, the source's watermark is the lowest over its partitions of
 *       each one's largest event time less the delay; a partition without records for {@code idle_timeout} stops
 *       holding it back.
 *   <li><b>Bad messages.</b> One that cannot be decoded goes to {@code dead.letter.topic} with its key and value as
 *       they were and headers {@code laminar.error}, {@code laminar.source}, {@code laminar.topic}, {@code
 *       laminar.partition}, {@code laminar.offset}; without that option the source stops, naming the message.
 * </ul>
 */
final class KafkaSourceConnector implements SourceConnector {

    private static final Logger log = LoggerFactory.getLogger(KafkaSourceConnector.class);

    private final SourceSpec spec;
    private final List<String> topics;
    private final Duration pollTimeout;
    private final AtomicReference<byte[]> toCommit = new AtomicReference<>();
    private volatile boolean running = true;
    private volatile String state = "starting";
    private Thread thread;
    private KafkaConsumer<byte[], byte[]> consumer;

    KafkaSourceConnector(SourceSpec spec) {
        this.spec = spec;
        this.topics = Arrays.stream(spec.options().require("topic").split(","))
                .map(String::trim)
                .filter(t -> !t.isEmpty())
                .toList();
        this.pollTimeout = spec.options().getDuration("poll.timeout").orElse(Duration.ofMillis(100));
    }

    @Override
    public void start(SourceContext context) {
        Map<String, Object> props = KafkaSettings.common(spec.options());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, spec.options().require("group.id"));
        props.put(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                spec.options().getChoice("auto.offset.reset").orElse("latest"));
        props.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                spec.options().getChoice("isolation.level").orElse("read_committed"));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "laminar-" + spec.name());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer = new KafkaConsumer<>(props);
        Map<TopicPartition, Long> restored =
                context.restoredPosition().map(Offsets::decode).orElse(Map.of());
        thread = new Thread(() -> run(context, restored), "laminar-kafka-" + spec.name());
        thread.setDaemon(true);
        thread.start();
    }

    private void run(SourceContext context, Map<TopicPartition, Long> restored) {
        RowDecoder decoder = context.decoder();
        boolean watermarks = spec.watermarkColumn() >= 0;
        SplitWatermarks splits = context.splitWatermarks();
        Map<TopicPartition, Long> next = new HashMap<>();
        Map<TopicPartition, Long> toSeek = new HashMap<>(restored);
        String deadLetterTopic = spec.options().get("dead.letter.topic").orElse(null);
        KafkaProducer<byte[], byte[]> deadLetters = null;
        try {
            consumer.subscribe(topics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    for (TopicPartition tp : partitions) {
                        next.remove(tp);
                        splits.revoke(split(tp));
                    }
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    long now = System.currentTimeMillis();
                    for (TopicPartition tp : partitions) {
                        Long from = toSeek.remove(tp);
                        if (from != null) {
                            consumer.seek(tp, from); // the checkpoint's state includes everything before it
                        }
                        next.put(tp, consumer.position(tp));
                        splits.assign(split(tp), now);
                    }
                }
            });
            state = "reading " + topics;
            List<Object[]> rows = new ArrayList<>();
            List<ChangeEvent.Op> ops = new ArrayList<>();
            while (running) {
                commitPending();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
                long now = System.currentTimeMillis();
                rows.clear();
                ops.clear();
                long bytes = 0;
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    int before = rows.size();
                    try {
                        decoder.decode(record.key(), record.value(), (values, op) -> {
                            rows.add(values);
                            ops.add(op);
                        });
                    } catch (DecodeException e) {
                        rows.subList(before, rows.size()).clear();
                        ops.subList(before, ops.size()).clear();
                        if (deadLetterTopic == null) {
                            throw new ConnectorException(
                                    "Source '" + spec.name() + "': the message at "
                                            + record.topic() + "-" + record.partition() + " offset " + record.offset()
                                            + " cannot be decoded: " + e.getMessage() + ". Fix the producer, or set"
                                            + " 'dead.letter.topic' to send such messages there and go on.",
                                    e);
                        }
                        if (deadLetters == null) {
                            deadLetters = deadLetterProducer();
                        }
                        deadLetter(context, deadLetters, deadLetterTopic, record, e);
                    }
                    if (watermarks) {
                        for (int i = before; i < rows.size(); i++) {
                            Object time = rows.get(i)[spec.watermarkColumn()];
                            if (time != null) {
                                splits.record(split(tp), epochMillis(time), now);
                            }
                        }
                    }
                    bytes += (record.value() == null ? 0 : record.value().length);
                    next.put(tp, record.offset() + 1);
                }
                if (!records.isEmpty()) {
                    hand(
                            context,
                            new ArrayList<>(rows),
                            isChangelog(ops) ? new ArrayList<>(ops) : null,
                            Offsets.encode(new LinkedHashMap<>(next)));
                    context.metrics().recordsIn(0, bytes);
                }
                if (watermarks) {
                    context.watermark(splits.current(now));
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (running) {
                state = "failed: " + e.getMessage();
                context.fail(e);
            }
        } finally {
            try {
                commitPending();
            } catch (RuntimeException e) {
                log.debug("Final offset commit of source {} failed", spec.name(), e);
            }
            consumer.close(Duration.ofSeconds(5));
            if (deadLetters != null) {
                deadLetters.close(Duration.ofSeconds(5));
            }
        }
    }

    private static long epochMillis(Object time) {
        return time instanceof Instant instant ? instant.toEpochMilli() : ((Number) time).longValue();
    }

    private static boolean isChangelog(List<ChangeEvent.Op> ops) {
        for (ChangeEvent.Op op : ops) {
            if (op != ChangeEvent.Op.INSERT) {
                return true;
            }
        }
        return false;
    }

    /**
     * Hands one poll's rows to the source; while its buffer is full, pauses every partition and keeps polling (the
     * consumer stays in its group) until they are taken.
     */
    private void hand(SourceContext context, List<Object[]> rows, List<ChangeEvent.Op> ops, byte[] position)
            throws InterruptedException {
        if (context.emit(rows, ops, position, Duration.ofMillis(50))) {
            return;
        }
        Collection<TopicPartition> paused = consumer.assignment();
        consumer.pause(paused);
        state = "paused: the source's buffer is full";
        try {
            while (running && !context.emit(rows, ops, position, Duration.ofMillis(50))) {
                commitPending();
                ConsumerRecords<byte[], byte[]> none = consumer.poll(Duration.ZERO);
                if (!none.isEmpty()) {
                    throw new IllegalStateException("a paused consumer returned records");
                }
            }
        } finally {
            consumer.resume(paused);
            state = "reading " + topics;
        }
    }

    private static String split(TopicPartition tp) {
        return tp.topic() + "-" + tp.partition();
    }

    private KafkaProducer<byte[], byte[]> deadLetterProducer() {
        Map<String, Object> props = KafkaSettings.common(spec.options());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "laminar-" + spec.name() + "-dead-letters");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(props);
    }

    /** Sends the message as it was, with why and where from in headers; waits until the broker has it. */
    private void deadLetter(
            SourceContext context,
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            ConsumerRecord<byte[], byte[]> record,
            DecodeException error)
            throws Exception {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, record.key(), record.value());
        letter.headers()
                .add("laminar.error", utf8(error.getMessage()))
                .add("laminar.source", utf8(spec.name()))
                .add("laminar.topic", utf8(record.topic()))
                .add("laminar.partition", utf8(String.valueOf(record.partition())))
                .add("laminar.offset", utf8(String.valueOf(record.offset())));
        record.headers().forEach(h -> letter.headers().add("original." + h.key(), h.value()));
        context.calls().call(() -> producer.send(letter).get());
        context.deadLetter(new DeadLetter(
                spec.name(),
                record.key(),
                record.value(),
                error.getMessage(),
                Map.of(
                        "topic", record.topic(),
                        "partition", String.valueOf(record.partition()),
                        "offset", String.valueOf(record.offset()),
                        "dead.letter.topic", topic),
                Instant.now()));
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }

    /** Commits the offsets of the last position the engine made safe; on the consumer's thread. */
    private void commitPending() {
        byte[] position = toCommit.getAndSet(null);
        if (position == null) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Collection<TopicPartition> assigned = consumer.assignment();
        Offsets.decode(position).forEach((tp, offset) -> {
            if (assigned.contains(tp)) {
                offsets.put(tp, new OffsetAndMetadata(offset));
            }
        });
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (committed, error) -> {
                if (error != null) {
                    log.warn("Source {}: committing offsets {} failed: {}", spec.name(), committed, error.toString());
                }
            });
        }
    }

    /** Recorded for the consumer's thread, which commits it at its next poll (a consumer is not thread-safe). */
    @Override
    public void commit(byte[] position) {
        toCommit.set(position);
    }

    @Override
    public ConnectorHealth health() {
        return state.startsWith("failed") ? ConnectorHealth.down(state) : ConnectorHealth.up(state);
    }

    @Override
    public void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
