package io.laminardb.engine.wal;

import io.laminardb.engine.WalMode;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * How a {@link WriteAheadLog} is opened. Start from {@link #of(WalMode)} and change what differs:
 *
 * <pre>{@code
 * WalOptions options = WalOptions.of(WalMode.SYNC).withSegmentSize(16 << 20).withFsyncListener(timer::record);
 * }</pre>
 *
 * @param mode when appended records reach the disk: {@link WalMode#ASYNC} (forced every {@code flushInterval} by a
 *     background thread) or {@link WalMode#SYNC} (forced by {@link WriteAheadLog#awaitDurable}); {@link WalMode#NONE}
 *     is refused, since it means no log is opened at all
 * @param segmentSize size of each segment file in bytes, at least 64 and at most {@link Integer#MAX_VALUE} (segments are
 *     memory-mapped whole); the largest record is this minus 24 bytes
 * @param flushInterval how often {@link WalMode#ASYNC} forces what was appended since the last force
 * @param truncateOnCorruption whether opening a log that holds a corrupt record cuts the log there (logging at ERROR
 *     what it drops) instead of failing with {@link WalCorruptedException}
 * @param fsyncListener receives the duration in nanoseconds of each force of segment data, on the thread that forced;
 *     it must be quick and must not throw
 */
public record WalOptions(
        WalMode mode,
        long segmentSize,
        Duration flushInterval,
        boolean truncateOnCorruption,
        LongConsumer fsyncListener) {

    /** 64 MiB, as {@code LaminarConfig}'s default. */
    public static final long DEFAULT_SEGMENT_SIZE = 64L * 1024 * 1024;

    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(10);

    private static final LongConsumer NO_LISTENER = nanos -> {};

    public WalOptions {
        Objects.requireNonNull(mode, "mode");
        if (mode == WalMode.NONE) {
            throw new IllegalArgumentException(
                    "WalMode.NONE means no write-ahead log: do not open one; choose ASYNC or SYNC to open a log");
        }
        if (segmentSize < WalDescriptor.MIN_SEGMENT_SIZE || segmentSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("segmentSize must be between " + WalDescriptor.MIN_SEGMENT_SIZE + " and "
                    + Integer.MAX_VALUE + " bytes, not " + segmentSize);
        }
        Objects.requireNonNull(flushInterval, "flushInterval");
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be positive, not " + flushInterval);
        }
        Objects.requireNonNull(fsyncListener, "fsyncListener");
    }

    /** The defaults for {@code mode}: 64 MiB segments, a 10 ms flush interval, no truncation, no listener. */
    public static WalOptions of(WalMode mode) {
        return new WalOptions(mode, DEFAULT_SEGMENT_SIZE, DEFAULT_FLUSH_INTERVAL, false, NO_LISTENER);
    }

    public WalOptions withSegmentSize(long segmentSize) {
        return new WalOptions(mode, segmentSize, flushInterval, truncateOnCorruption, fsyncListener);
    }

    public WalOptions withFlushInterval(Duration flushInterval) {
        return new WalOptions(mode, segmentSize, flushInterval, truncateOnCorruption, fsyncListener);
    }

    public WalOptions withTruncateOnCorruption(boolean truncateOnCorruption) {
        return new WalOptions(mode, segmentSize, flushInterval, truncateOnCorruption, fsyncListener);
    }

    public WalOptions withFsyncListener(LongConsumer fsyncListener) {
        return new WalOptions(mode, segmentSize, flushInterval, truncateOnCorruption, fsyncListener);
    }

    /** The largest payload one record can carry with these options. */
    public int maxPayloadSize() {
        return WalDescriptor.maxPayload(segmentSize);
    }
}
