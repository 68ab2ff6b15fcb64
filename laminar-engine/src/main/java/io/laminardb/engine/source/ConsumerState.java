package io.laminardb.engine.source;

/**
 * The fields of a {@link SourceRuntime} that its engine thread writes for every event, kept on cache lines of their
 * own: producers read the source's other fields on every push, and sharing a line with these would make each push
 * miss the cache whenever the engine thread had just counted an event (false sharing). The padding follows JCTools'
 * layout: 128 bytes on each side, enough for adjacent-line prefetching.
 */
@SuppressWarnings("unused") // the p* fields are padding
final class ConsumerState {
    private long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;

    /** Events taken so far; written by the engine thread only. */
    long consumedLocal;

    /** The largest event time seen, for the {@code WATERMARK FOR} clause; engine thread only. */
    long maxEventTime = Long.MIN_VALUE;

    /**
     * Published copy of {@link #consumedLocal} for metrics: written with a release store (a plain store on x86) before
     * each event is handed on, so a reader that has seen an event also sees it counted.
     */
    volatile long consumed;

    static final java.lang.invoke.VarHandle CONSUMED;

    static {
        try {
            CONSUMED =
                    java.lang.invoke.MethodHandles.lookup().findVarHandle(ConsumerState.class, "consumed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Counts {@code n} more events taken and publishes the count. */
    void count(long n) {
        consumedLocal += n;
        CONSUMED.setRelease(this, consumedLocal);
    }

    /** Sets the count and the largest event time to those of a checkpoint; only while the engine thread is paused. */
    void restore(long consumed, long maxEventTime) {
        consumedLocal = consumed;
        this.maxEventTime = maxEventTime;
        CONSUMED.setRelease(this, consumed);
    }

    /** The sequence number of the last logged element handed on; 0 without a log. Engine thread only. */
    long consumedSeq;

    /** The last event class seen and how to read it: most sources see one class only. */
    Class<?> lastClass;

    EventAccessor lastAccessor;

    private long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}
