package io.laminardb.engine.durability;

import io.laminardb.engine.state.StateFormatException;
import io.laminardb.engine.state.StateSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The state backend {@code memory}: state lives only in the engine's own structures between checkpoints, and every
 * checkpoint writes all of it into one file, {@value #FILE}, in the {@link StateSnapshot#writeTo binary form} of
 * snapshots, whose CRC32C covers every byte. Nothing is shared between checkpoints, so each costs the whole state;
 * {@link RocksDbStateStore} writes only what changed. Holds no resources; the coordinator calls it from one thread at a
 * time, as {@link StateStore} says.
 */
public final class MemoryStateStore implements StateStore {

    /** The file a checkpoint's state is written to, inside the checkpoint's directory. */
    public static final String FILE = "state.bin";

    /**
     * {@inheritDoc}
     *
     * <p>The file is written and closed, not forced: the coordinator forces the whole directory.
     */
    @Override
    public long write(StateSnapshot snapshot, Path checkpointDir) throws IOException {
        Path file = checkpointDir.resolve(FILE);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            snapshot.writeTo(out);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return Files.size(file);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IOException if the checkpoint has no {@value #FILE}, or the file is not a whole snapshot of a version
     *     this build reads (its checksum does not match, it is cut short); the message names the checkpoint
     */
    @Override
    public StateSnapshot read(Path checkpointDir) throws IOException {
        Path file = checkpointDir.resolve(FILE);
        try (InputStream in = Files.newInputStream(file)) {
            return StateSnapshot.readFrom(in);
        } catch (NoSuchFileException e) {
            throw new IOException("The checkpoint " + checkpointDir + " has no state file " + FILE, e);
        } catch (StateFormatException e) {
            throw new IOException("The state of checkpoint " + checkpointDir + " is damaged: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() {}
}
