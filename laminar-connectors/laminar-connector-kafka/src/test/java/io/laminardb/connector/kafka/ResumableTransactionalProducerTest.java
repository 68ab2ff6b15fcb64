package io.laminardb.connector.kafka;

import io.laminardb.connector.kafka.testing.KafkaBroker;

/** {@link ResumableTransactionalProducerContract} on a broker of transaction protocol 2, the default of Kafka 4. */
class ResumableTransactionalProducerTest extends ResumableTransactionalProducerContract {

    @Override
    KafkaBroker broker() {
        return KafkaBroker.shared();
    }

    @Override
    boolean transactionV2() {
        return true;
    }
}
