package io.laminardb.engine.wal;

import io.laminardb.engine.WalMode;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The process {@link WalCrashTest} kills: opens an ASYNC log whose flush thread never gets to run, appends, reports the
 * end and durable positions on standard output, and waits to be killed.
 */
public final class WalCrashChild {

    private WalCrashChild() {}

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        int records = Integer.parseInt(args[1]);
        WalOptions options =
                WalOptions.of(WalMode.ASYNC).withSegmentSize(1 << 20).withFlushInterval(Duration.ofHours(1));
        WriteAheadLog wal = WriteAheadLog.open(dir, options);
        for (int i = 0; i < records; i++) {
            wal.append(WalTestFiles.payload(i, 50));
        }
        System.out.println("appended " + wal.endPosition() + " durable " + wal.durablePosition());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
