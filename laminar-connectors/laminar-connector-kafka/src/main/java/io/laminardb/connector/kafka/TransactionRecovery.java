package io.laminardb.connector.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ResumableTransactionalProducer#recover}: asks the broker what became of the transaction a handle names
 * ({@code DescribeTransactions}, KIP-664), commits it if it is still open, and aborts any other open transaction of
 * the transactional id by starting a producer of it ({@code initTransactions()}).
 *
 * <p>Reading the broker's answer: committing or aborting a transaction of protocol 2 bumps the epoch, a timed-out
 * transaction is aborted with the epoch bumped under both protocols, and a new producer session bumps it again. So
 * for a handle of epoch {@code e}: {@code ONGOING} at {@code e} is the transaction itself; {@code COMPLETE_COMMIT} at
 * {@code e} or {@code e + 1} is it committed; {@code COMPLETE_ABORT} at {@code e} or {@code e + 1} is it aborted; any
 * other state at {@code e + 1} or later belongs to a later transaction, which the producer began only after
 * committing this one.
 */
final class TransactionRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionRecovery.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private enum Verdict {
        OPEN,
        COMMITTED,
        ABORTED,
        UNKNOWN
    }

    private final Properties producerConfig;
    private final String transactionalId;

    TransactionRecovery(Properties producerConfig, String transactionalId) {
        this.producerConfig = producerConfig;
        this.transactionalId = transactionalId;
    }

    RecoveryOutcome recover(KafkaTransactionHandle handle) {
        if (handle == null || !handle.hasRecords()) {
            fence();
            return RecoveryOutcome.NOTHING_TO_COMMIT;
        }
        try (Admin admin = Admin.create(adminConfig())) {
            TransactionDescription found = describe(admin);
            switch (verdict(found, handle)) {
                case OPEN:
                    return commit(admin, handle);
                case COMMITTED:
                    fence();
                    return RecoveryOutcome.ALREADY_COMMITTED;
                case ABORTED:
                    throw new TransactionLostException(handle, String.valueOf(found), null);
                default:
                    LOG.warn(
                            "Kafka transaction {} (producer id {}, epoch {}) is no longer known to the broker ({});"
                                    + " it ended long ago, committed or not",
                            transactionalId,
                            handle.producerId(),
                            handle.epoch(),
                            found);
                    fence();
                    return RecoveryOutcome.UNKNOWN;
            }
        }
    }

    private RecoveryOutcome commit(Admin admin, KafkaTransactionHandle handle) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
            TransactionManagerAccess.of(producer).resumePrepared(handle);
            producer.commitTransaction();
            LOG.info(
                    "Committed Kafka transaction {} (producer id {}, epoch {}) left prepared by a previous run",
                    transactionalId,
                    handle.producerId(),
                    handle.epoch());
            return RecoveryOutcome.COMMITTED;
        } catch (KafkaException e) {
            // The broker may have ended it meanwhile (timed out), or committed it without the answer arriving.
            TransactionDescription found = describe(admin);
            Verdict verdict = verdict(found, handle);
            if (verdict == Verdict.COMMITTED) {
                fence();
                return RecoveryOutcome.ALREADY_COMMITTED;
            }
            if (verdict == Verdict.ABORTED) {
                throw new TransactionLostException(handle, String.valueOf(found), e);
            }
            throw e;
        }
    }

    private static Verdict verdict(TransactionDescription found, KafkaTransactionHandle handle) {
        if (found == null || found.producerId() != handle.producerId()) {
            return Verdict.UNKNOWN;
        }
        int epoch = found.producerEpoch();
        int expected = handle.epoch();
        TransactionState state = found.state();
        if (epoch == expected && state == TransactionState.ONGOING) {
            return Verdict.OPEN;
        }
        if (epoch == expected || epoch == expected + 1) {
            if (state == TransactionState.COMPLETE_COMMIT) {
                return Verdict.COMMITTED;
            }
            if (state == TransactionState.COMPLETE_ABORT) {
                return Verdict.ABORTED;
            }
        }
        return epoch > expected ? Verdict.COMMITTED : Verdict.UNKNOWN;
    }

    /** The transactional id's state once it is not between two states; null when the broker does not know it. */
    private TransactionDescription describe(Admin admin) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            TransactionDescription found;
            try {
                found = admin.describeTransactions(List.of(transactionalId))
                        .description(transactionalId)
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TransactionalIdNotFoundException) {
                    return null;
                }
                throw new KafkaException("Cannot describe Kafka transaction " + transactionalId, e.getCause());
            } catch (TimeoutException e) {
                throw new KafkaException("Cannot describe Kafka transaction " + transactionalId, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("Interrupted while describing Kafka transaction " + transactionalId, e);
            }
            TransactionState state = found.state();
            boolean settling = state == TransactionState.PREPARE_COMMIT
                    || state == TransactionState.PREPARE_ABORT
                    || state == TransactionState.PREPARE_EPOCH_FENCE;
            if (!settling || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("Interrupted while describing Kafka transaction " + transactionalId, e);
            }
        }
    }

    /** Aborts any open transaction of the transactional id, and fences off every producer of it still running. */
    private void fence() {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
            producer.initTransactions();
        }
    }

    private Properties adminConfig() {
        Properties admin = new Properties();
        for (String name : AdminClientConfig.configNames()) {
            Object value = producerConfig.get(name);
            if (value != null) {
                admin.put(name, value);
            }
        }
        return admin;
    }
}
