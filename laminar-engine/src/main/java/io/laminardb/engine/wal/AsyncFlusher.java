package io.laminardb.engine.wal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon thread of an {@link io.laminardb.engine.WalMode#ASYNC ASYNC} log: every flush interval it forces what
 * was appended since the last force, and does nothing when nothing was. It stops for good after a failed force, which
 * the log reports to every later append.
 */
final class AsyncFlusher implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(AsyncFlusher.class);

    private final WriteAheadLog wal;
    private final long intervalNanos;
    private final Thread thread;
    private volatile boolean stopped;

    AsyncFlusher(WriteAheadLog wal, Path dir, Duration interval) {
        this.wal = wal;
        this.intervalNanos = interval.toNanos();
        this.thread = new Thread(this, "laminar-wal-flusher-" + dir.getFileName());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops the thread and waits for a force in flight to finish. */
    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            // close() itself waits for a force in flight to finish; only this wait is cut short.
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        long next = System.nanoTime() + intervalNanos;
        while (!stopped) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            try {
                wal.flushIfBehind();
            } catch (RuntimeException | Error e) {
                log.error("Write-ahead log flush thread stops: {}", e.getMessage(), e);
                return;
            }
            next = System.nanoTime() + intervalNanos;
        }
    }
}
