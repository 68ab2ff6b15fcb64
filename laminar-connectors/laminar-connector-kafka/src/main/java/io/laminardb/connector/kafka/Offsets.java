package io.laminardb.connector.kafka;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A Kafka source's position: the next offset to read of each partition, as the bytes a checkpoint stores. Format:
 * version 1, count, then per partition topic (UTF), partition (int), next offset (long).
 */
final class Offsets {

    private static final int VERSION = 1;

    private Offsets() {}

    static byte[] encode(Map<TopicPartition, Long> next) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + next.size() * 32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(next.size());
            for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
                out.writeUTF(e.getKey().topic());
                out.writeInt(e.getKey().partition());
                out.writeLong(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Map<TopicPartition, Long> decode(byte[] position) {
        Map<TopicPartition, Long> next = new HashMap<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(position))) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("Kafka position of version " + version + " is not supported");
            }
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                next.put(new TopicPartition(in.readUTF(), in.readInt()), in.readLong());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("A Kafka position in the checkpoint is damaged", e);
        }
        return next;
    }
}
