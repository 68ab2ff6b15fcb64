package io.laminardb.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.connector.kafka.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour of {@link ResumableTransactionalProducer} against a real broker, run once per transaction protocol by
 * the subclasses.
 */
abstract class ResumableTransactionalProducerContract {

    private static final Duration LONG_TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private String topic;
    private String transactionalId;

    /** The broker to run against. */
    abstract KafkaBroker broker();

    /** Whether the broker runs transaction protocol 2 (KIP-890). */
    abstract boolean transactionV2();

    @BeforeEach
    void createTopic() {
        String name = getClass().getSimpleName() + "-" + UUID.randomUUID();
        topic = "topic-" + name;
        transactionalId = "txn-" + name;
        broker().createTopic(topic, 2);
    }

    @Test
    void transactionCommittedAfterItsCrashedProcessIsVisibleExactlyOnce() throws Exception {
        byte[] handle = CrashingProcess.prepareThenKill(
                broker().bootstrapServers(), topic, transactionalId, 100, LONG_TIMEOUT, dir);
        KafkaTransactionHandle parsed = KafkaTransactionHandle.fromBytes(handle);
        assertThat(parsed.transactionalId()).isEqualTo(transactionalId);
        assertThat(parsed.hasRecords()).isTrue();
        assertThat(parsed.transactionV2()).isEqualTo(transactionV2());
        assertThat(readCommitted()).as("prepared, not committed").isEmpty();

        assertThat(ResumableTransactionalProducer.recover(config(), transactionalId, handle))
                .isEqualTo(RecoveryOutcome.COMMITTED);

        List<String> expected = IntStream.range(0, 100).mapToObj(i -> "r" + i).toList();
        assertThat(readCommitted()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ResumableTransactionalProducer.recover(config(), transactionalId, handle))
                .as("recovering again")
                .isEqualTo(RecoveryOutcome.ALREADY_COMMITTED);
        assertThat(readCommitted()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void transactionOfACrashedProcessIsAbortedWithoutAHandle() throws Exception {
        CrashingProcess.prepareThenKill(broker().bootstrapServers(), topic, transactionalId, 100, LONG_TIMEOUT, dir);

        assertThat(ResumableTransactionalProducer.recover(config(), transactionalId, null))
                .isEqualTo(RecoveryOutcome.NOTHING_TO_COMMIT);

        assertThat(readCommitted()).isEmpty();
        assertThat(ReadCommitted.lastStableOffset(broker().bootstrapServers(), topic))
                .as("settled: past the 100 records and the markers")
                .isGreaterThan(100);
    }

    @Test
    void transactionThatTimedOutWhileTheProcessWasDownIsReportedLost() throws Exception {
        byte[] handle = CrashingProcess.prepareThenKill(
                broker().bootstrapServers(), topic, transactionalId, 10, Duration.ofSeconds(2), dir);
        awaitSettled();

        assertThatThrownBy(() -> ResumableTransactionalProducer.recover(config(), transactionalId, handle))
                .isInstanceOf(TransactionLostException.class)
                .hasMessageContaining(transactionalId)
                .hasMessageContaining("transaction.timeout.ms");
        assertThat(readCommitted()).isEmpty();
    }

    @Test
    void transactionsCommittedAndAbortedInOneProcess() {
        try (ResumableTransactionalProducer producer = ResumableTransactionalProducer.open(config(), transactionalId)) {
            producer.begin();
            send(producer, "committed");
            producer.prepare();
            producer.commit();
            producer.begin();
            send(producer, "aborted");
            producer.prepare();
            producer.abort();
            producer.begin();
            send(producer, "aborted before prepare");
            producer.abort();
        }
        assertThat(readCommitted()).containsExactly("committed");
    }

    @Test
    void preparedTransactionSurvivesAGracefulClose() {
        byte[] handle;
        try (ResumableTransactionalProducer producer = ResumableTransactionalProducer.open(config(), transactionalId)) {
            producer.begin();
            send(producer, "prepared");
            handle = producer.prepare();
        }
        assertThat(readCommitted()).isEmpty();

        assertThat(ResumableTransactionalProducer.recover(config(), transactionalId, handle))
                .isEqualTo(RecoveryOutcome.COMMITTED);
        assertThat(readCommitted()).containsExactly("prepared");
    }

    @Test
    void handleOfACommittedTransactionDoesNotCommitTheNextOne() {
        byte[] first;
        try (ResumableTransactionalProducer producer = ResumableTransactionalProducer.open(config(), transactionalId)) {
            producer.begin();
            send(producer, "first");
            first = producer.prepare();
            producer.commit();
            producer.begin();
            send(producer, "after the checkpoint");
            producer.prepare(); // left open, as by a crash before the next checkpoint completed
        }

        assertThat(ResumableTransactionalProducer.recover(config(), transactionalId, first))
                .isEqualTo(RecoveryOutcome.ALREADY_COMMITTED);
        assertThat(readCommitted()).containsExactly("first");
        assertThat(ReadCommitted.lastStableOffset(broker().bootstrapServers(), topic))
                .as("the later transaction was aborted, not left open")
                .isGreaterThan(2);
    }

    @Test
    void emptyTransactionLeavesNothingToCommit() {
        byte[] handle;
        try (ResumableTransactionalProducer producer = ResumableTransactionalProducer.open(config(), transactionalId)) {
            producer.begin();
            handle = producer.prepare();
            producer.commit();
            producer.begin();
            send(producer, "after the checkpoint");
            producer.prepare();
        }
        assertThat(KafkaTransactionHandle.fromBytes(handle).hasRecords()).isFalse();

        assertThat(ResumableTransactionalProducer.recover(config(), transactionalId, handle))
                .isEqualTo(RecoveryOutcome.NOTHING_TO_COMMIT);
        assertThat(readCommitted()).isEmpty();
    }

    @Test
    void handleOfAnotherTransactionalIdIsRejected() {
        byte[] handle = new KafkaTransactionHandle("other", 1, (short) 0, true, true).toBytes();

        assertThatThrownBy(() -> ResumableTransactionalProducer.recover(config(), transactionalId, handle))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other");
    }

    private void awaitSettled() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ReadCommitted.lastStableOffset(broker().bootstrapServers(), topic) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The broker did not abort the timed-out transaction:\n" + broker().logTail());
            }
            Thread.sleep(200);
        }
    }

    private void send(ResumableTransactionalProducer producer, String value) {
        producer.send(new ProducerRecord<>(topic, null, value.getBytes(StandardCharsets.UTF_8)));
    }

    private List<String> readCommitted() {
        return ReadCommitted.values(broker().bootstrapServers(), topic);
    }

    private Properties config() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker().bootstrapServers());
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(LONG_TIMEOUT.toMillis()));
        return config;
    }
}
