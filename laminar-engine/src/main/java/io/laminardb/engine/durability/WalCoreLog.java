package io.laminardb.engine.durability;

import io.laminardb.engine.DurabilityException;
import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.WalMode;
import io.laminardb.engine.wal.WalException;
import io.laminardb.engine.wal.WalOptions;
import io.laminardb.engine.wal.WalReader;
import io.laminardb.engine.wal.WriteAheadLog;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongConsumer;

/** An engine thread's log on a {@link WriteAheadLog}. */
final class WalCoreLog implements CoreLog {

    private final WriteAheadLog wal;

    private WalCoreLog(WriteAheadLog wal) {
        this.wal = wal;
    }

    /**
     * Opens (creating) the log in {@code dir}; a torn last record is cut off, a damaged one elsewhere stops the open
     * unless the configuration allows cutting the log there.
     */
    static CoreLog open(Path dir, LaminarConfig config, LongConsumer fsyncListener) {
        // A database that logs nothing now may still have to replay what an earlier run logged.
        WalMode mode = config.walMode() == WalMode.SYNC ? WalMode.SYNC : WalMode.ASYNC;
        WalOptions options = WalOptions.of(mode)
                .withSegmentSize(config.walSegmentSize())
                .withFlushInterval(config.walFlushInterval())
                .withTruncateOnCorruption(config.walTruncateOnCorruption())
                .withFsyncListener(fsyncListener);
        try {
            return new WalCoreLog(WriteAheadLog.open(dir, options));
        } catch (WalException e) {
            throw new DurabilityException(e.getMessage(), e);
        }
    }

    @Override
    public long append(byte[] payload) {
        return wal.append(payload);
    }

    @Override
    public long append(ByteBuffer payload) {
        return wal.append(payload);
    }

    @Override
    public void awaitDurable(long position) {
        wal.awaitDurable(position);
    }

    @Override
    public long endPosition() {
        return wal.endPosition();
    }

    @Override
    public Iterator<byte[]> read(long from, long to) {
        WalReader reader = wal.read(Math.max(from, wal.startPosition()));
        return new Iterator<>() {
            private byte[] next = advance();

            private byte[] advance() {
                try {
                    if (reader.position() < to && reader.next() && reader.position() <= to) {
                        ByteBuffer payload = reader.payload();
                        byte[] bytes = new byte[payload.remaining()];
                        payload.get(bytes);
                        return bytes;
                    }
                    reader.close();
                    return null;
                } catch (WalException e) {
                    reader.close();
                    throw new DurabilityException(e.getMessage(), e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public byte[] next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                byte[] current = next;
                next = advance();
                return current;
            }
        };
    }

    @Override
    public void deleteBefore(long position) {
        wal.deleteBefore(position);
    }

    @Override
    public void close() {
        wal.close();
    }
}
