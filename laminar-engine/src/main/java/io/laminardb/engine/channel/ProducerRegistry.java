package io.laminardb.engine.channel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the distinct threads that offer into a channel, cheaply enough for every multi-producer offer: the first few
 * producers sit in a small array that is scanned with plain reads (a stale read only sends the caller to the
 * synchronised slow path, which checks again); producers beyond that are kept by thread id.
 */
final class ProducerRegistry {

    private static final int RECENT = 8;

    private final Thread[] recent = new Thread[RECENT];
    private final Set<Long> others = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();

    /** Counts {@code thread} if it has not offered before. */
    void register(Thread thread) {
        Thread[] r = recent;
        for (Thread seen : r) {
            if (seen == thread) {
                return;
            }
            if (seen == null) {
                break;
            }
        }
        registerSlow(thread);
    }

    @SuppressWarnings("deprecation") // Thread.getId: threadId() needs JDK 19
    private void registerSlow(Thread thread) {
        if (others.contains(thread.getId())) {
            return;
        }
        synchronized (this) {
            for (int i = 0; i < RECENT; i++) {
                if (recent[i] == thread) {
                    return;
                }
                if (recent[i] == null) {
                    recent[i] = thread;
                    count.incrementAndGet();
                    return;
                }
            }
        }
        if (others.add(thread.getId())) {
            count.incrementAndGet();
        }
    }

    int count() {
        return count.get();
    }
}
