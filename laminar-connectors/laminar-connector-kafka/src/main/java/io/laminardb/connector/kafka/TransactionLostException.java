package io.laminardb.connector.kafka;

import org.apache.kafka.common.KafkaException;

/**
 * A prepared transaction that a checkpoint names was aborted by the broker before it could be committed, nearly always
 * because it stayed open longer than its {@code transaction.timeout.ms}: its records are gone, and the rows of that
 * checkpoint are missing from the topic. Raise {@code transaction.timeout.ms} (and the broker's {@code
 * transaction.max.timeout.ms}, which caps it) above the longest time the application may be down.
 */
public final class TransactionLostException extends KafkaException {

    private static final long serialVersionUID = 1L;

    private final transient KafkaTransactionHandle handle;

    TransactionLostException(KafkaTransactionHandle handle, String found, Throwable cause) {
        super(
                "Kafka transaction " + handle.transactionalId() + " (producer id " + handle.producerId() + ", epoch "
                        + handle.epoch() + ") was aborted by the broker before it could be committed (the broker "
                        + "shows " + found + "); its records are lost. Its transaction.timeout.ms was probably shorter "
                        + "than the time the application was down: raise it, and the broker's "
                        + "transaction.max.timeout.ms.",
                cause);
        this.handle = handle;
    }

    /** The transaction that was lost. */
    public KafkaTransactionHandle handle() {
        return handle;
    }
}
