package io.laminardb.connector.kafka;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A transactional Kafka producer whose transactions take part in a two-phase commit driven by checkpoints, and
 * survive the crash of the process between the two phases:
 *
 * <ol>
 *   <li>{@link #begin()}, then {@link #send} the records;
 *   <li>at a checkpoint, {@link #prepare()}: every record is written to the broker (durable, not yet visible to
 *       {@code read_committed} consumers), and a small handle comes back for the checkpoint to store;
 *   <li>once the checkpoint is on disk, {@link #commit()}; or {@link #abort()};
 *   <li>after a crash, a new process calls {@link #recover} with the handle of its newest checkpoint, before it
 *       {@link #open opens} the producer again: the transaction the handle names is committed if it is still open,
 *       and any other open transaction of the transactional id is aborted.
 * </ol>
 *
 * <p>Committing a transaction begun by another process needs Kafka internals ({@link TransactionManagerAccess} says
 * which and why), checked against kafka-clients {@value TransactionManagerAccess#CHECKED_VERSION} and a 4.3.1 broker.
 *
 * <p><b>Transaction timeout.</b> The broker aborts a transaction that stays open longer than its {@code
 * transaction.timeout.ms}, prepared or not (KIP-939's timeout-free prepared transactions are not usable with these
 * versions). That bounds how long the application may be down between a checkpoint and its commit; {@link #recover}
 * reports a transaction lost that way with a {@link TransactionLostException}. Unless the configuration sets it, the
 * timeout is {@link #DEFAULT_TRANSACTION_TIMEOUT}, the largest a broker allows by default ({@code
 * transaction.max.timeout.ms}); raise both for longer outages.
 *
 * <p><b>Transaction protocol 1.</b> A broker without {@code transaction.version=2} (KIP-890) keeps a producer's epoch
 * from one transaction to the next, so a handle could not tell its transaction from a later one. On such a broker the
 * producer is replaced after each commit or abort, which gives the next transaction a new epoch.
 *
 * <p>Not thread-safe: one thread (the sink's) calls every method.
 */
public final class ResumableTransactionalProducer implements AutoCloseable {

    /** The {@code transaction.timeout.ms} unless the configuration sets one: a broker's default maximum. */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private enum State {
        READY,
        OPEN,
        PREPARED,
        FAILED
    }

    private final Properties config;
    private final String transactionalId;
    private KafkaProducer<byte[], byte[]> producer;
    private TransactionManagerAccess manager;
    private State state = State.READY;
    private volatile Exception sendError;

    private ResumableTransactionalProducer(Properties config, String transactionalId) {
        this.config = config;
        this.transactionalId = transactionalId;
        this.producer = create(config);
    }

    /**
     * Connects a producer with {@code transactional.id} {@code transactionalId}, which aborts any transaction of that
     * id still open and fences off every older producer of it. Call {@link #recover} first when a checkpoint may name
     * a transaction of this id.
     *
     * @param config producer settings ({@code bootstrap.servers} and the like); serializers and {@code
     *     transactional.id} are set here
     * @throws UnsupportedOperationException when this kafka-clients lacks the internals recovery needs
     */
    public static ResumableTransactionalProducer open(Properties config, String transactionalId) {
        TransactionManagerAccess.check();
        return new ResumableTransactionalProducer(producerConfig(config, transactionalId), transactionalId);
    }

    /**
     * Settles what a previous run of {@code transactionalId} left on the broker: commits the transaction {@code
     * handle} names if it is still open, and aborts any other open transaction of that id. Idempotent.
     *
     * @param config producer settings, as for {@link #open}; the admin settings among them are used to ask the broker
     *     about the transaction
     * @param handle what {@link #prepare()} returned, from the newest checkpoint; null when there is none
     * @throws TransactionLostException when the broker aborted the transaction of the handle (it timed out)
     * @throws IllegalArgumentException when {@code handle} is not a handle of {@code transactionalId}
     * @throws UnsupportedOperationException when this kafka-clients lacks the internals recovery needs
     */
    public static RecoveryOutcome recover(Properties config, String transactionalId, byte[] handle) {
        KafkaTransactionHandle parsed = handle == null ? null : KafkaTransactionHandle.fromBytes(handle);
        if (parsed != null && !parsed.transactionalId().equals(transactionalId)) {
            throw new IllegalArgumentException(
                    "The handle names transactional id " + parsed.transactionalId() + ", not " + transactionalId);
        }
        TransactionManagerAccess.check();
        return new TransactionRecovery(producerConfig(config, transactionalId), transactionalId).recover(parsed);
    }

    static Properties producerConfig(Properties config, String transactionalId) {
        Objects.requireNonNull(transactionalId, "transactionalId");
        Properties copy = new Properties();
        copy.putAll(config);
        copy.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        copy.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        copy.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        copy.putIfAbsent(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(DEFAULT_TRANSACTION_TIMEOUT.toMillis()));
        return copy;
    }

    private KafkaProducer<byte[], byte[]> create(Properties producerConfig) {
        KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(producerConfig);
        try {
            created.initTransactions();
            manager = TransactionManagerAccess.of(created);
            return created;
        } catch (RuntimeException e) {
            created.close(Duration.ZERO);
            throw e;
        }
    }

    /** The {@code transactional.id}. */
    public String transactionalId() {
        return transactionalId;
    }

    /** Begins a transaction; none may be open. */
    public void begin() {
        expect(State.READY, "begin");
        producer.beginTransaction();
        sendError = null;
        state = State.OPEN;
    }

    /** Sends a record in the open transaction; a failure surfaces at {@link #prepare()} too. */
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        expect(State.OPEN, "send");
        return producer.send(record, (metadata, error) -> {
            if (error != null && sendError == null) {
                sendError = error;
            }
        });
    }

    /**
     * The first phase: waits until the broker has every record of the open transaction, which then takes no more.
     * They stay invisible to {@code read_committed} consumers until {@link #commit()} (or {@link #recover}, in another
     * process) commits them. Closing the producer leaves the prepared transaction open.
     *
     * @return the handle of the transaction, for the checkpoint to store and {@link #recover} to read
     * @throws KafkaException when a record could not be written; the transaction can only be aborted then
     */
    public byte[] prepare() {
        expect(State.OPEN, "prepare");
        producer.flush();
        Exception error = sendError;
        if (error != null) {
            state = State.FAILED;
            throw new KafkaException(
                    "A record of transaction " + transactionalId + " was not written; abort the transaction", error);
        }
        manager.prepare();
        state = State.PREPARED;
        return new KafkaTransactionHandle(
                        transactionalId,
                        manager.producerId(),
                        manager.epoch(),
                        manager.transactionStarted(),
                        manager.transactionV2())
                .toBytes();
    }

    /** The second phase: makes the prepared transaction's records visible. */
    public void commit() {
        expect(State.PREPARED, "commit");
        boolean transactionV2 = manager.transactionV2();
        producer.commitTransaction();
        ended(transactionV2);
    }

    /** Aborts the open or prepared transaction: its records are never visible. */
    public void abort() {
        if (state == State.READY) {
            throw new IllegalStateException("No transaction of " + transactionalId + " to abort");
        }
        boolean transactionV2 = manager.transactionV2();
        producer.abortTransaction();
        ended(transactionV2);
    }

    private void ended(boolean transactionV2) {
        state = State.READY;
        if (!transactionV2) {
            // Protocol 1 keeps the epoch: a new producer bumps it, so that the next handle names only its transaction.
            producer.close(CLOSE_TIMEOUT);
            producer = create(config);
        }
    }

    private void expect(State expected, String operation) {
        if (state != expected) {
            throw new IllegalStateException("Cannot " + operation + " transaction of " + transactionalId + ": it is "
                    + state.name().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Closes the producer. A prepared transaction stays open for {@link #recover}; an open one that was not prepared
     * is aborted.
     */
    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
