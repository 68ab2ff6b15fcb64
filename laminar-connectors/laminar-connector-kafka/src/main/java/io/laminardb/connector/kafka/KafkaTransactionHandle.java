package io.laminardb.connector.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a checkpoint keeps of a prepared Kafka transaction: enough for another process to find it on the broker and
 * commit it. Serialized with {@link #toBytes()}, a small versioned binary layout:
 *
 * <pre>
 * +---------+-------+-------------+-------+----------+----------------------------+
 * | version | flags | producer id | epoch | id bytes | transactional id (UTF-8)   |
 * | 1 byte  | 1     | 8           | 2     | 2        | id bytes                   |
 * +---------+-------+-------------+-------+----------+----------------------------+
 * flags: bit 0 = the transaction holds records, bit 1 = it runs Kafka's transaction protocol 2 (KIP-890)
 * </pre>
 *
 * @param transactionalId the producer's {@code transactional.id}
 * @param producerId the producer id the coordinator gave the producer
 * @param epoch the producer epoch of the transaction
 * @param hasRecords whether anything was sent in the transaction; without records there is nothing on the broker
 *     to commit
 * @param transactionV2 whether the transaction runs protocol version 2, under which every commit or abort bumps the
 *     epoch
 */
public record KafkaTransactionHandle(
        String transactionalId, long producerId, short epoch, boolean hasRecords, boolean transactionV2) {

    private static final byte VERSION = 1;
    private static final int HAS_RECORDS = 1;
    private static final int TRANSACTION_V2 = 2;
    private static final int HEADER_BYTES = 1 + 1 + 8 + 2 + 2;

    public KafkaTransactionHandle {
        Objects.requireNonNull(transactionalId, "transactionalId");
        if (transactionalId.isEmpty()) {
            throw new IllegalArgumentException("transactionalId is empty");
        }
        if (producerId < 0 || epoch < 0) {
            throw new IllegalArgumentException(
                    "No producer id and epoch: " + producerId + "/" + epoch + " of " + transactionalId);
        }
    }

    /** The layout above. */
    public byte[] toBytes() {
        byte[] id = transactionalId.getBytes(StandardCharsets.UTF_8);
        if (id.length > 0xFFFF) {
            throw new IllegalArgumentException("transactionalId is longer than 65535 bytes");
        }
        int flags = (hasRecords ? HAS_RECORDS : 0) | (transactionV2 ? TRANSACTION_V2 : 0);
        return ByteBuffer.allocate(HEADER_BYTES + id.length)
                .put(VERSION)
                .put((byte) flags)
                .putLong(producerId)
                .putShort(epoch)
                .putShort((short) id.length)
                .put(id)
                .array();
    }

    /**
     * Reads what {@link #toBytes()} wrote.
     *
     * @throws IllegalArgumentException when {@code bytes} is not such a handle
     */
    public static KafkaTransactionHandle fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < HEADER_BYTES) {
            throw new IllegalArgumentException("Not a Kafka transaction handle: " + bytes.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte version = in.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("Kafka transaction handle of unknown version " + version);
        }
        int flags = in.get();
        long producerId = in.getLong();
        short epoch = in.getShort();
        int length = Short.toUnsignedInt(in.getShort());
        if (in.remaining() != length) {
            throw new IllegalArgumentException("Kafka transaction handle of " + bytes.length + " bytes names a "
                    + length + "-byte transactional id");
        }
        byte[] id = new byte[length];
        in.get(id);
        return new KafkaTransactionHandle(
                new String(id, StandardCharsets.UTF_8),
                producerId,
                epoch,
                (flags & HAS_RECORDS) != 0,
                (flags & TRANSACTION_V2) != 0);
    }
}
