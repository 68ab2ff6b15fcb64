package io.laminardb.engine.durability;

import io.laminardb.engine.state.StateSnapshot;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where checkpoints keep operator state ({@code checkpoint.state-backend}): writes a snapshot into a checkpoint's
 * directory and reads it back. One store per open database; the coordinator calls it from one thread at a time.
 */
public interface StateStore extends AutoCloseable {

    /**
     * Writes {@code snapshot} into {@code checkpointDir}, which exists and is empty; the caller forces and renames it.
     *
     * @return the bytes the checkpoint's state takes on disk (for files shared with earlier checkpoints, their size)
     */
    long write(StateSnapshot snapshot, Path checkpointDir) throws IOException;

    /** Reads back the state a {@link #write} put into {@code checkpointDir}. */
    StateSnapshot read(Path checkpointDir) throws IOException;

    @Override
    void close();
}
