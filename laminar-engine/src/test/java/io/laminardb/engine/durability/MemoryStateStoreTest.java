package io.laminardb.engine.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.state.StateSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryStateStoreTest {

    @TempDir
    Path checkpoint;

    private final MemoryStateStore store = new MemoryStateStore();

    @Test
    void aCheckpointReadsBackTheSnapshotInItsOwnOrderAndReturnsItsFileSize() throws IOException {
        StateSnapshot snapshot = TestSnapshots.large(1_000, 1);

        long size = store.write(snapshot, checkpoint);

        assertThat(size).isEqualTo(Files.size(checkpoint.resolve(MemoryStateStore.FILE)));
        assertThat(store.read(checkpoint)).isEqualTo(snapshot);
    }

    @Test
    void aCheckpointWithoutItsStateFileIsRefusedNamingIt() {
        assertThatThrownBy(() -> store.read(checkpoint))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(checkpoint.toString())
                .hasMessageContaining("has no state file state.bin");
    }

    @Test
    void aDamagedStateFileFailsItsChecksum() throws IOException {
        store.write(TestSnapshots.large(100, 2), checkpoint);
        Path file = checkpoint.resolve(MemoryStateStore.FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);

        assertThatThrownBy(() -> store.read(checkpoint))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is damaged")
                .hasMessageContaining("checksum");
    }

    @Test
    void aStateFileCutShortIsRefused() throws IOException {
        store.write(TestSnapshots.large(100, 3), checkpoint);
        Path file = checkpoint.resolve(MemoryStateStore.FILE);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));

        assertThatThrownBy(() -> store.read(checkpoint))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is damaged");
    }
}
