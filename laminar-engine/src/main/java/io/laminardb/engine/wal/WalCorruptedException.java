package io.laminardb.engine.wal;

import java.nio.file.Path;

/**
 * A write-ahead log holds a record that is damaged where a torn write cannot explain it: a record that fails its
 * checksum, has an impossible length or runs past the end of its file while valid data or another segment follows it.
 * The message names the file, the position and what was wrong, and how to proceed: open the log with {@link
 * WalOptions#withTruncateOnCorruption truncateOnCorruption} to keep everything before the position and drop the rest,
 * or restore the directory from a copy.
 */
public class WalCorruptedException extends WalException {

    private final transient Path file;
    private final long position;

    public WalCorruptedException(String message, Path file, long position) {
        super(message);
        this.file = file;
        this.position = position;
    }

    /** The segment file holding the damaged record. */
    public Path file() {
        return file;
    }

    /** The log position where the damaged record starts; everything before it is intact. */
    public long position() {
        return position;
    }
}
