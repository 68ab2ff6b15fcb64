package io.laminardb.engine.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pins engine threads to CPUs through OpenHFT Java-Thread-Affinity, when it is on the class path and the operating
 * system allows it; otherwise logs once why not and carries on unpinned.
 */
final class CpuPinning {

    private static final Logger log = LoggerFactory.getLogger(CpuPinning.class);

    /** A held pin; {@link #release()} gives the CPU back. */
    interface Pin {
        Pin NONE = () -> {};

        void release();
    }

    private CpuPinning() {}

    static Pin pinCurrentThread(int core) {
        try {
            net.openhft.affinity.AffinityLock lock = net.openhft.affinity.AffinityLock.acquireLock();
            if (!lock.isAllocated()) {
                log.warn(
                        "CPU pinning is unavailable for engine thread {} (no free CPU could be reserved); running"
                                + " unpinned",
                        core);
                lock.release();
                return Pin.NONE;
            }
            log.info("Engine thread {} pinned to CPU {}", core, lock.cpuId());
            return lock::release;
        } catch (LinkageError | RuntimeException e) {
            log.warn(
                    "CPU pinning is unavailable ({}); engine thread {} runs unpinned. Add net.openhft:affinity to the"
                            + " class path on Linux to pin.",
                    e.toString(),
                    core);
            return Pin.NONE;
        }
    }
}
