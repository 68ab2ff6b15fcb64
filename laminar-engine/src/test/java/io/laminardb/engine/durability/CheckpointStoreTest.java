package io.laminardb.engine.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.state.OwnerKind;
import io.laminardb.engine.state.StateSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    @TempDir
    Path dir;

    private final MemoryStateStore memory = new MemoryStateStore();

    private static CheckpointManifest manifest(long id) {
        return new CheckpointManifest(
                id,
                1_000 * id,
                10 * id,
                Map.of("trades", 5 * id),
                Map.of("t", 3L),
                Map.of(0, 64 * id),
                "memory",
                Map.of(),
                Map.of("orders", new byte[] {1, 2, (byte) id}));
    }

    /** A snapshot told apart by one entry holding {@code text}. */
    private static StateSnapshot bytes(String text) {
        StateSnapshot.Builder builder = StateSnapshot.builder();
        builder.owner("v", OwnerKind.MATERIALIZED_VIEW, "f");
        builder.put("output", new byte[] {1}, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return builder.build();
    }

    private static String text(StateSnapshot snapshot) {
        return new String(
                snapshot.owner("v").orElseThrow().entries("output").get(0).value(),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private CheckpointStore.Loaded newest(CheckpointStore store) throws IOException {
        for (CheckpointStore.Loaded candidate : store.candidates()) {
            try {
                memory.read(candidate.dir());
                return candidate;
            } catch (IOException e) {
                // damaged: the one before
            }
        }
        throw new AssertionError("no valid checkpoint");
    }

    @Test
    void theNewestCheckpointComesBackWithItsPositions() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        store.write(manifest(1), bytes("one"), memory);
        store.write(manifest(2), bytes("two"), memory);

        CheckpointStore.Loaded loaded = newest(store);

        assertThat(loaded.manifest().id()).isEqualTo(2);
        assertThat(loaded.manifest().sources()).containsEntry("trades", 10L);
        assertThat(loaded.manifest().replayFrom()).containsEntry(0, 128L);
        assertThat(text(memory.read(loaded.dir()))).isEqualTo("two");
    }

    @Test
    void aCheckpointInterruptedHalfWayIsIgnoredAndCleanedUp() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        store.write(manifest(1), bytes("one"), memory);
        // A crash while checkpoint 2 was being written leaves its temporary directory, state written, no manifest.
        Path interrupted = dir.resolve(".tmp-chk-0000000002");
        Files.createDirectories(interrupted);
        Files.writeString(interrupted.resolve("state.bin"), "half");

        CheckpointStore reopened = new CheckpointStore(dir);

        assertThat(newest(reopened).manifest().id()).isEqualTo(1);
        assertThat(interrupted).doesNotExist();
    }

    @Test
    void aDamagedCheckpointIsSkippedForTheOneBeforeIt() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        store.write(manifest(1), bytes("one"), memory);
        store.write(manifest(2), bytes("two"), memory);
        Path state = dir.resolve(CheckpointStore.name(2)).resolve(MemoryStateStore.FILE);
        byte[] content = Files.readAllBytes(state);
        content[content.length / 2] ^= 0x10; // a flipped bit
        Files.write(state, content);

        assertThat(newest(store).manifest().id()).isEqualTo(1);
    }

    @Test
    void aManifestCutShortIsSkipped() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        store.write(manifest(1), bytes("one"), memory);
        store.write(manifest(2), bytes("two"), memory);
        Path manifest = dir.resolve(CheckpointStore.name(2)).resolve(CheckpointStore.MANIFEST);
        byte[] content = Files.readAllBytes(manifest);
        Files.write(manifest, java.util.Arrays.copyOf(content, content.length / 2));

        assertThat(store.candidates()).extracting(c -> c.manifest().id()).containsExactly(1L);
    }

    @Test
    void onlyTheNewestRetainedAreKept() {
        CheckpointStore store = new CheckpointStore(dir);
        for (long id = 1; id <= 5; id++) {
            store.write(manifest(id), bytes("s" + id), memory);
        }

        store.retain(2);

        assertThat(store.manifests()).extracting(CheckpointManifest::id).containsExactly(4L, 5L);
        assertThat(store.lastId()).isEqualTo(5);
    }
}
