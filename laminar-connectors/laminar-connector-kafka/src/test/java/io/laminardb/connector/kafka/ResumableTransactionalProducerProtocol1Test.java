package io.laminardb.connector.kafka;

import io.laminardb.connector.kafka.testing.KafkaBroker;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link ResumableTransactionalProducerContract} on a broker formatted with {@code transaction.version=1}, as a
 * cluster upgraded from Kafka 3 runs until its features are upgraded: the epoch stays the same from one transaction to
 * the next.
 */
class ResumableTransactionalProducerProtocol1Test extends ResumableTransactionalProducerContract {

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(Map.of(), Map.of("transaction.version", 1));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Override
    KafkaBroker broker() {
        return broker;
    }

    @Override
    boolean transactionV2() {
        return false;
    }
}
