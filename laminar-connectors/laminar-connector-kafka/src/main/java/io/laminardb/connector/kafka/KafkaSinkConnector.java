package io.laminardb.connector.kafka;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.Row;
import io.laminardb.engine.connector.ConnectorHealth;
import io.laminardb.engine.connector.RowEncoder;
import io.laminardb.engine.connector.SinkConnector;
import io.laminardb.engine.connector.SinkContext;
import io.laminardb.engine.connector.SinkSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a sink's rows to a Kafka topic.
 *
 * <ul>
 *   <li><b>Partitioning.</b> {@code key-hash}: by the hash of the key column (the first, or {@code key.column}), so
 *       a key's rows stay in order on one partition; {@code round-robin}: each row to the next partition; {@code
 *       sticky}: a partition per batch, the producer's own choice. The key column's value is the message key in
 *       every mode.
 *   <li><b>At least once</b> (default): records are sent as rows come and flushed at each checkpoint (or, without a
 *       data directory, every checkpoint interval); after a crash the rows since the last checkpoint are sent again.
 *   <li><b>Exactly once</b>: the rows between two checkpoints form one Kafka transaction. At the checkpoint it is
 *       prepared (flushed, durable, invisible to {@code read_committed} readers) and the next one begins on a second
 *       transactional id; once the checkpoint is on disk it is committed. After a crash the transaction the newest
 *       checkpoint names is committed and every other one left open is aborted (see {@link ResumableTransactionalProducer}), so a
 *       {@code read_committed} consumer sees each row once.
 * </ul>
 */
final class KafkaSinkConnector implements SinkConnector {

    private static final Logger log = LoggerFactory.getLogger(KafkaSinkConnector.class);

    private final SinkSpec spec;
    private final String topic;
    private final int keyIndex;
    private final boolean exactlyOnce;
    private final String transactionalPrefix;
    private final AtomicReference<Exception> sendError = new AtomicReference<>();
    private final Callback onSent = (metadata, error) -> {
        if (error != null) {
            sendError.compareAndSet(null, error);
        }
    };
    private Map<String, Object> base;
    private RowEncoder encoder;
    private KafkaProducer<byte[], byte[]> producer;

    /** Exactly once: two transactional producers taking turns, one per checkpoint interval. */
    private final ResumableTransactionalProducer[] pool = new ResumableTransactionalProducer[2];

    private int current;

    /** Prepared transactions by checkpoint, committed once their checkpoint is on disk. */
    private final TreeMap<Long, ResumableTransactionalProducer> prepared = new TreeMap<>();

    KafkaSinkConnector(SinkSpec spec) {
        this.spec = spec;
        this.topic = spec.options().require("topic");
        this.keyIndex = spec.options()
                .get("key.column")
                .map(c -> spec.layout().indexOf(c))
                .orElse(0);
        this.exactlyOnce =
                spec.options().getChoice("delivery.guarantee").orElse("").equals("exactly-once");
        this.transactionalPrefix = spec.options().get("transactional.id.prefix").orElse("laminar-" + spec.name());
    }

    @Override
    public void open(SinkContext context) {
        encoder = context.encoder();
        base = KafkaSettings.common(spec.options());
        base.put(ProducerConfig.CLIENT_ID_CONFIG, "laminar-" + spec.name());
        switch (spec.options().getChoice("partitioner").orElse("round-robin")) {
            case "round-robin" -> base.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, RoundRobinPartitioner.class);
            case "sticky" -> base.put(ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG, true);
            default -> {} // key-hash: the default partitioner hashes the key
        }
        if (!exactlyOnce) {
            Map<String, Object> props = new java.util.HashMap<>(base);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            producer = new KafkaProducer<>(props);
        }
    }

    @Override
    public boolean exactlyOnce() {
        return exactlyOnce;
    }

    /** Commits the transaction the checkpoint names if still prepared, aborts the rest, and begins the next. */
    @Override
    public void recover(long checkpointId, byte[] handle) {
        if (!exactlyOnce) {
            return;
        }
        java.util.Properties config = new java.util.Properties();
        config.putAll(base);
        String handled =
                handle == null ? null : KafkaTransactionHandle.fromBytes(handle).transactionalId();
        for (int i = 0; i < pool.length; i++) {
            String id = transactionalId(i);
            RecoveryOutcome outcome =
                    ResumableTransactionalProducer.recover(config, id, id.equals(handled) ? handle : null);
            if (outcome == RecoveryOutcome.COMMITTED) {
                log.info(
                        "Sink {}: committed the Kafka transaction of checkpoint {} left prepared by the last run ({})",
                        spec.name(),
                        checkpointId,
                        id);
            }
        }
        for (int i = 0; i < pool.length; i++) {
            pool[i] = ResumableTransactionalProducer.open(config, transactionalId(i));
        }
        current = 0;
        pool[current].begin();
    }

    private String transactionalId(int i) {
        return transactionalPrefix + "-" + i;
    }

    @Override
    public void write(Row row, ChangeEvent.Op op) throws Exception {
        failIfSendFailed();
        byte[] value = encoder.encode(row, op);
        if (value == null) {
            return;
        }
        Object keyValue = row.size() == 0 ? null : row.get(keyIndex);
        byte[] key = keyValue == null ? null : keyValue.toString().getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, value);
        if (exactlyOnce) {
            pool[current].send(record); // a failure surfaces at prepare()
        } else {
            producer.send(record, onSent);
        }
    }

    @Override
    public void flush() throws Exception {
        if (!exactlyOnce) {
            producer.flush(); // exactly once: prepare() at the checkpoint flushes
        }
        failIfSendFailed();
    }

    @Override
    public byte[] preCommit(long checkpointId) throws Exception {
        if (!exactlyOnce) {
            flush();
            return null;
        }
        ResumableTransactionalProducer ending = pool[current];
        byte[] handle = ending.prepare();
        prepared.put(checkpointId, ending);
        current = 1 - current;
        ResumableTransactionalProducer next = pool[current];
        // Its last transaction is still prepared only when that checkpoint failed to be written: commit it now
        // (its rows are in the state of this checkpoint, which is being written) rather than block.
        Iterator<Map.Entry<Long, ResumableTransactionalProducer>> open =
                prepared.entrySet().iterator();
        while (open.hasNext()) {
            Map.Entry<Long, ResumableTransactionalProducer> e = open.next();
            if (e.getValue() == next) {
                log.warn(
                        "Sink {}: checkpoint {} was not completed; its Kafka transaction is committed with the next",
                        spec.name(),
                        e.getKey());
                next.commit();
                open.remove();
            }
        }
        next.begin();
        return handle;
    }

    @Override
    public void commit(long checkpointId, byte[] handle) {
        if (!exactlyOnce) {
            return;
        }
        Iterator<Map.Entry<Long, ResumableTransactionalProducer>> done =
                prepared.headMap(checkpointId, true).entrySet().iterator();
        while (done.hasNext()) {
            done.next().getValue().commit();
            done.remove();
        }
    }

    private void failIfSendFailed() throws Exception {
        Exception error = sendError.get();
        if (error != null) {
            throw new ConnectorException(
                    "Sink '" + spec.name() + "': Kafka refused records for topic '" + topic + "': "
                            + error.getMessage(),
                    error);
        }
    }

    @Override
    public ConnectorHealth health() {
        Exception error = sendError.get();
        return error == null
                ? ConnectorHealth.up("writing " + topic + (exactlyOnce ? " (exactly once)" : ""))
                : ConnectorHealth.down("sending failed: " + error.getMessage());
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
        for (ResumableTransactionalProducer p : pool) {
            if (p != null) {
                p.close(); // an open transaction stays for recover() of the next run
            }
        }
    }
}
