package io.laminardb.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.connector.kafka.testing.KafkaBroker;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.internals.Sender;
import org.apache.kafka.clients.producer.internals.TransactionManager;
import org.apache.kafka.clients.producer.internals.TransactionalRequestResult;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tripwire for KIP-939. Its way to commit a transaction another process prepared is {@code
 * initTransactions(keepPreparedTxn = true)}, which the producer's {@code TransactionManager} has, then {@code
 * completeTransaction}. With kafka-clients 4.4.0 and a 4.3.1 broker it does not keep anything: the manager never sends
 * {@code KeepPreparedTxn} (nor {@code Enable2Pc}) in {@code InitProducerId}, so the broker aborts the open transaction
 * as for any new producer (a 4.3.1 broker would answer the flag with {@code UNSUPPORTED_VERSION} anyway). When this
 * test fails, Kafka does keep prepared transactions, and {@link TransactionManagerAccess} may give way to it.
 */
class KeepPreparedTransactionTripwireTest {

    @TempDir
    Path dir;

    @Test
    void initializeTransactionsKeepingPreparedStillAbortsTheOpenTransaction() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        String topic = "tripwire-" + UUID.randomUUID();
        String transactionalId = "txn-" + topic;
        broker.createTopic(topic, 1);
        byte[] handle = CrashingProcess.prepareThenKill(
                broker.bootstrapServers(), topic, transactionalId, 10, Duration.ofMinutes(5), dir);
        KafkaTransactionHandle prepared = KafkaTransactionHandle.fromBytes(handle);

        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.TRANSACTION_TWO_PHASE_COMMIT_ENABLE_CONFIG, "true");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            Field field = KafkaProducer.class.getDeclaredField("transactionManager");
            field.setAccessible(true);
            TransactionManager manager = (TransactionManager) field.get(producer);
            assertThat(manager.is2PCEnabled()).isTrue();

            TransactionalRequestResult result = manager.initializeTransactions(true);
            Field sender = KafkaProducer.class.getDeclaredField("sender");
            sender.setAccessible(true);
            ((Sender) sender.get(producer)).wakeup(); // as initTransactions() does
            result.await(60, TimeUnit.SECONDS, "InitProducerId");

            assertThat(manager.isPrepared()).as("kept the prepared transaction").isFalse();
        }
        try (Admin admin = broker.admin()) {
            TransactionDescription found = admin.describeTransactions(List.of(transactionalId))
                    .description(transactionalId)
                    .get(30, TimeUnit.SECONDS);
            assertThat(found.producerId()).isEqualTo(prepared.producerId());
            assertThat(found.state()).isIn(TransactionState.COMPLETE_ABORT, TransactionState.EMPTY);
        }
        assertThat(ReadCommitted.values(broker.bootstrapServers(), topic)).isEmpty();
        assertThat(ReadCommitted.lastStableOffset(broker.bootstrapServers(), topic))
                .isGreaterThan(10);
    }
}
