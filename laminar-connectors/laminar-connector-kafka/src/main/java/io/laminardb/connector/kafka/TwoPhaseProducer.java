package io.laminardb.connector.kafka;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.internals.Sender;
import org.apache.kafka.clients.producer.internals.TransactionManager;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.ProducerIdAndEpoch;

/**
 * A Kafka producer whose transactions take part in a two-phase commit across process crashes (KIP-939): {@link
 * #prepare} makes a transaction's records durable and returns a handle; the transaction then stays open, neither
 * committed nor aborted, until {@link #commit} — or, after a crash, until a new process calls {@link #recover} with
 * the handle, which commits it, or aborts it when the handle does not name it.
 *
 * <p><b>Why reflection.</b> Kafka 4.3's brokers and client internals implement KIP-939 (the producer setting {@code
 * transaction.two.phase.commit.enable}, {@code InitProducerId} keeping a prepared transaction), but {@code
 * KafkaProducer} does not expose {@code initTransactions(keepPreparedTxn)} and {@code prepareTransaction()} yet. This
 * class reaches them through the producer's private {@code transactionManager}, {@code sender} and {@code
 * maxBlockTimeMs} fields, doing what the public methods will do. Checked against kafka-clients 4.3.1; when the
 * internals differ it fails at the first use with a message saying so. Once the public API lands this class shrinks to
 * calls of it.
 */
final class TwoPhaseProducer implements AutoCloseable {

    private final String transactionalId;
    private final KafkaProducer<byte[], byte[]> producer;
    private final TransactionManager manager;

    private TwoPhaseProducer(String transactionalId, KafkaProducer<byte[], byte[]> producer) {
        this.transactionalId = transactionalId;
        this.producer = producer;
        this.manager = field(producer, "transactionManager", TransactionManager.class);
    }

    /** A producer for {@code transactionalId}; its initialisation aborts whatever transaction the id left open. */
    static TwoPhaseProducer open(Map<String, Object> base, String transactionalId) {
        TwoPhaseProducer p = new TwoPhaseProducer(transactionalId, new KafkaProducer<>(config(base, transactionalId)));
        try {
            p.producer.initTransactions();
        } catch (RuntimeException e) {
            p.producer.close(Duration.ZERO);
            throw e;
        }
        return p;
    }

    private static Map<String, Object> config(Map<String, Object> base, String transactionalId) {
        Map<String, Object> props = new HashMap<>(base);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put("transaction.two.phase.commit.enable", true);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    KafkaProducer<byte[], byte[]> producer() {
        return producer;
    }

    String transactionalId() {
        return transactionalId;
    }

    void begin() {
        producer.beginTransaction();
    }

    /**
     * The first phase: every record sent is on the brokers, the transaction accepts no more and stays open.
     *
     * @return the handle naming it: transactional id, producer id and epoch
     */
    byte[] prepare() {
        producer.flush();
        ProducerIdAndEpoch id = field(manager, "producerIdAndEpoch", ProducerIdAndEpoch.class);
        manager.prepareTransaction();
        return handle(transactionalId, id.producerId, id.epoch);
    }

    /** The second phase: the prepared transaction becomes visible. */
    void commit() {
        producer.commitTransaction();
    }

    /**
     * After a crash: commits the transaction {@code handle} names if it is still prepared, and aborts any other
     * transaction {@code transactionalId} left open.
     *
     * @param handle what {@link #prepare} returned, or null to abort whatever is open
     * @return whether a prepared transaction was committed
     */
    static boolean recover(Map<String, Object> base, String transactionalId, byte[] handle) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config(base, transactionalId))) {
            TransactionManager manager = field(producer, "transactionManager", TransactionManager.class);
            initKeepingPrepared(producer, manager);
            if (!manager.isPrepared()) {
                return false; // nothing open: committed before the crash, or never prepared
            }
            ProducerIdAndEpoch prepared = manager.preparedTransactionState();
            Handle wanted = handle == null ? null : Handle.of(handle);
            if (wanted != null
                    && wanted.transactionalId.equals(transactionalId)
                    && wanted.producerId == prepared.producerId
                    && wanted.epoch == prepared.epoch) {
                producer.commitTransaction();
                return true;
            }
            producer.abortTransaction();
            return false;
        }
    }

    /** {@code KafkaProducer.initTransactions()} with {@code keepPreparedTxn = true}. */
    private static void initKeepingPrepared(KafkaProducer<byte[], byte[]> producer, TransactionManager manager) {
        long maxBlock = field(producer, "maxBlockTimeMs", Long.class);
        var result = manager.initializeTransactions(true);
        field(producer, "sender", Sender.class).wakeup();
        result.await(maxBlock, TimeUnit.MILLISECONDS, "InitProducerId (keeping a prepared transaction) timed out");
        manager.maybeUpdateTransactionV2Enabled(true);
    }

    static byte[] handle(String transactionalId, long producerId, short epoch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeUTF(transactionalId);
            out.writeLong(producerId);
            out.writeShort(epoch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** What a handle names. */
    record Handle(String transactionalId, long producerId, short epoch) {
        static Handle of(byte[] bytes) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                if (in.readByte() != 1) {
                    throw new IllegalArgumentException("unknown Kafka transaction handle version");
                }
                return new Handle(in.readUTF(), in.readLong(), in.readShort());
            } catch (IOException e) {
                throw new UncheckedIOException("A Kafka transaction handle in the checkpoint is damaged", e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Object owner, String name, Class<T> type) {
        try {
            Field f = owner.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return (T) f.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "The Kafka client's internals are not what the exactly-once sink expects"
                            + " (" + owner.getClass().getName() + "." + name + ": " + e + "); it was built against"
                            + " kafka-clients 4.3.1. Use that version, or delivery.guarantee = 'at-least-once'.",
                    e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
