package io.laminardb.engine.connector;

import java.time.Instant;
import java.util.Map;

/**
 * A message a source could not decode, kept whole: the original bytes, why it failed, and where it came from, so that
 * it can be inspected, fixed and sent again.
 *
 * @param source the source's name
 * @param key the message key, null when it had none
 * @param value the message body as received
 * @param error why it could not be decoded
 * @param origin where it came from, connector-specific (for Kafka: topic, partition, offset)
 * @param time when it was rejected
 */
public record DeadLetter(
        String source, byte[] key, byte[] value, String error, Map<String, String> origin, Instant time) {

    public DeadLetter {
        origin = Map.copyOf(origin);
    }
}
