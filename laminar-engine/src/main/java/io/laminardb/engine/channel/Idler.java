package io.laminardb.engine.channel;

import io.laminardb.engine.WaitStrategy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Carries out a {@link WaitStrategy} for a thread that has to wait: call {@link #idle(int)} with the number of
 * attempts so far, and retry after it returns. Stateless and shared.
 *
 * <p>Every strategy returns after at most {@link #MAX_PARK_NANOS}, so a waiting thread notices a closed channel
 * promptly without anyone having to wake it.
 */
public enum Idler {
    SPIN {
        @Override
        public void idle(int attempt) {
            Thread.onSpinWait();
        }
    },
    SPIN_YIELD {
        @Override
        public void idle(int attempt) {
            if (attempt < SPINS) {
                Thread.onSpinWait();
            } else if (attempt < SPINS + YIELDS) {
                Thread.yield();
            } else {
                park(attempt - SPINS - YIELDS);
            }
        }
    },
    PARK {
        @Override
        public void idle(int attempt) {
            park(attempt);
        }
    };

    private static final int SPINS = 100;
    private static final int YIELDS = 50;
    private static final long MIN_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(1);
    /** The longest single nap: bounds how late a waiting thread sees a state change. */
    public static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Waits once; {@code attempt} counts the waits so far for this operation, from 0. */
    public abstract void idle(int attempt);

    public static Idler of(WaitStrategy strategy) {
        return switch (strategy) {
            case SPIN -> SPIN;
            case SPIN_YIELD -> SPIN_YIELD;
            case PARK -> PARK;
        };
    }

    private static void park(int attempt) {
        long nanos = MIN_PARK_NANOS << Math.min(attempt, 10);
        LockSupport.parkNanos(Math.min(nanos, MAX_PARK_NANOS));
    }
}
