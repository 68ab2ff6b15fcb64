package io.laminardb.engine.connector;

import io.laminardb.engine.ChangeEvent;

/**
 * Turns one message into rows of a source's schema. A message may hold no row (a Debezium tombstone), one, or several
 * (a Debezium update: the row before, retracted, and the row after).
 */
public interface RowDecoder {

    /** Receives the rows of one message. */
    @FunctionalInterface
    interface Rows {
        /**
         * @param values the row's values in column order, in the Java forms of {@link io.laminardb.engine.Row}
         * @param op an insert, or for changelog formats a retraction
         */
        void row(Object[] values, ChangeEvent.Op op);
    }

    /**
     * Decodes one message.
     *
     * @param key the message key, null when it has none
     * @param value the message body, null for a tombstone
     * @throws DecodeException when the bytes are not a message of this format and schema; nothing was handed to {@code
     *     out} then, and the message goes to the dead-letter destination
     */
    void decode(byte[] key, byte[] value, Rows out) throws DecodeException;
}
