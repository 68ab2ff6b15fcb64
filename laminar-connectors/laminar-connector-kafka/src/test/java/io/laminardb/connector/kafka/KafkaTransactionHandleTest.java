package io.laminardb.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KafkaTransactionHandleTest {

    @Test
    void bytesReadBackToTheSameHandle() {
        KafkaTransactionHandle handle =
                new KafkaTransactionHandle("laminar-sink-orders-0", 4711L, (short) 32766, true, false);

        assertThat(KafkaTransactionHandle.fromBytes(handle.toBytes())).isEqualTo(handle);
    }

    @Test
    void flagsAreKeptApart() {
        for (boolean hasRecords : new boolean[] {false, true}) {
            for (boolean transactionV2 : new boolean[] {false, true}) {
                KafkaTransactionHandle handle =
                        new KafkaTransactionHandle("t", 1, (short) 2, hasRecords, transactionV2);
                assertThat(KafkaTransactionHandle.fromBytes(handle.toBytes())).isEqualTo(handle);
            }
        }
    }

    @Test
    void truncatedBytesAreRejected() {
        byte[] bytes = new KafkaTransactionHandle("sink", 1, (short) 0, true, true).toBytes();

        assertThatThrownBy(() -> KafkaTransactionHandle.fromBytes(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4-byte transactional id");
        assertThatThrownBy(() -> KafkaTransactionHandle.fromBytes(new byte[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 bytes");
    }

    @Test
    void unknownVersionIsRejected() {
        byte[] bytes = new KafkaTransactionHandle("sink", 1, (short) 0, true, true).toBytes();
        bytes[0] = 9;

        assertThatThrownBy(() -> KafkaTransactionHandle.fromBytes(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 9");
    }

    @Test
    void handleWithoutProducerIdIsRejected() {
        assertThatThrownBy(() -> new KafkaTransactionHandle("sink", -1, (short) -1, false, true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
