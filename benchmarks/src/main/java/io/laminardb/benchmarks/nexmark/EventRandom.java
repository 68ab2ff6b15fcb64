package io.laminardb.benchmarks.nexmark;

/**
 * A SplitMix64 stream, reseeded for every event from the seed and the event's number, so that event {@code n} is the
 * same whatever was generated before it (a generator may start anywhere, as Beam's does with a {@code Random} per
 * event) without allocating a generator per event. Not thread-safe: one per {@link NexmarkGenerator}.
 */
final class EventRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    EventRandom(long seed) {
        state = mix(seed);
    }

    void reset(long seed, long eventNumber) {
        state = mix(seed ^ mix(eventNumber * GOLDEN_GAMMA + GOLDEN_GAMMA));
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** A value in {@code [0, bound)}; {@code bound} must be positive. */
    long nextLong(long bound) {
        return (nextLong() >>> 1) % bound;
    }

    /** A value in {@code [0, bound)}; {@code bound} must be positive. */
    int nextInt(int bound) {
        return (int) nextLong(bound);
    }

    /** A value in {@code [0, 1)}. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
