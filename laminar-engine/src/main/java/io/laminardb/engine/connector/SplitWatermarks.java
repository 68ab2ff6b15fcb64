package io.laminardb.engine.connector;

import java.util.HashMap;
import java.util.Map;

/**
 * The watermark of a source read from several splits (Kafka partitions, files): each split's largest event time less
 * the source's delay, and the source's watermark the lowest of them, so that a partition behind the others holds
 * windows open until it catches up. A split without a record for {@code idle_timeout} stops holding it back, and
 * counts again with its next record. Used by one reading thread.
 */
public final class SplitWatermarks {

    private static final class Split {
        long maxEventTime = Long.MIN_VALUE;
        long lastRecordMillis;
        boolean idle;
    }

    private final long delayMillis;
    private final long idleTimeoutMillis;
    private final Map<String, Split> splits = new HashMap<>();

    /**
     * @param delayMillis how far the watermark trails event time ({@code WATERMARK FOR ts AS ts - INTERVAL ...})
     * @param idleTimeoutMillis after how long without records a split is idle; 0 never
     */
    public SplitWatermarks(long delayMillis, long idleTimeoutMillis) {
        this.delayMillis = delayMillis;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    /** A split the connector reads (a partition assigned to it): it holds the watermark back until it has a record. */
    public void assign(String split, long nowMillis) {
        splits.computeIfAbsent(split, s -> {
            Split created = new Split();
            created.lastRecordMillis = nowMillis;
            return created;
        });
    }

    /** A split no longer read (revoked): it holds nothing back. */
    public void revoke(String split) {
        splits.remove(split);
    }

    /** A record of {@code split} with event time {@code eventTime}. */
    public void record(String split, long eventTime, long nowMillis) {
        Split s = splits.get(split);
        if (s == null) {
            assign(split, nowMillis);
            s = splits.get(split);
        }
        if (eventTime > s.maxEventTime) {
            s.maxEventTime = eventTime;
        }
        s.lastRecordMillis = nowMillis;
        s.idle = false;
    }

    /**
     * The source's watermark now: the lowest over the splits that are not idle; {@link Long#MIN_VALUE} while an active
     * split has no record yet or there is no split. When every split is idle, the highest of them (everything read so
     * far is all there is).
     */
    public long current(long nowMillis) {
        long min = Long.MAX_VALUE;
        long maxOfIdle = Long.MIN_VALUE;
        boolean anyActive = false;
        for (Split s : splits.values()) {
            if (idleTimeoutMillis > 0 && nowMillis - s.lastRecordMillis >= idleTimeoutMillis) {
                s.idle = true;
            }
            if (s.idle) {
                maxOfIdle = Math.max(maxOfIdle, s.maxEventTime);
                continue;
            }
            if (s.maxEventTime == Long.MIN_VALUE) {
                return Long.MIN_VALUE;
            }
            anyActive = true;
            min = Math.min(min, s.maxEventTime);
        }
        long max = anyActive ? min : maxOfIdle;
        return max == Long.MIN_VALUE ? Long.MIN_VALUE : max - delayMillis;
    }

    /** Whether {@code split} is idle, as of the last {@link #current} call. */
    public boolean isIdle(String split) {
        Split s = splits.get(split);
        return s != null && s.idle;
    }

    /** The splits tracked now and each one's watermark (its largest event time less the delay). */
    public Map<String, Long> perSplit() {
        Map<String, Long> result = new HashMap<>();
        splits.forEach((name, s) ->
                result.put(name, s.maxEventTime == Long.MIN_VALUE ? Long.MIN_VALUE : s.maxEventTime - delayMillis));
        return result;
    }
}
