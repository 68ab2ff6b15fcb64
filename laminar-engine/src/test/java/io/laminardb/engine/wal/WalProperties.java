package io.laminardb.engine.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.WalMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever the segment size and payload sizes, what was appended is what is read back, across reopens. */
class WalProperties {

    /**
     * Appends records of random sizes (each clamped to what a segment holds), reopening the log after some of them,
     * and reads everything back after every reopen and at the end.
     */
    @Property(tries = 60)
    void whatWasAppendedIsReadBackAcrossRollsAndReopens(
            @ForAll @IntRange(min = 64, max = 2048) int segmentSize,
            @ForAll @Size(max = 120) List<@IntRange(min = 0, max = 2100) Integer> sizes,
            @ForAll @Size(max = 120) List<Boolean> reopenAfter,
            @ForAll boolean sync)
            throws IOException {
        WalOptions options = WalOptions.of(sync ? WalMode.SYNC : WalMode.ASYNC).withSegmentSize(segmentSize);
        Path dir = Files.createTempDirectory("wal-property");
        List<byte[]> appended = new ArrayList<>();
        try {
            WriteAheadLog wal = WriteAheadLog.open(dir, options);
            try {
                for (int i = 0; i < sizes.size(); i++) {
                    byte[] payload = WalTestFiles.payload(i, Math.min(sizes.get(i), options.maxPayloadSize()));
                    long end = wal.append(payload);
                    appended.add(payload);
                    if (sync) {
                        wal.awaitDurable(end);
                    }
                    if (i < reopenAfter.size() && reopenAfter.get(i)) {
                        wal.close();
                        wal = WriteAheadLog.open(dir, options);
                        assertThat(wal.repairReport().isClean()).isTrue();
                        assertThat(wal.endPosition()).isEqualTo(end);
                        assertThat(WalTestFiles.readAll(wal)).containsExactlyElementsOf(appended);
                    }
                }
            } finally {
                wal.close();
            }
            try (WriteAheadLog reopened = WriteAheadLog.open(dir, options)) {
                assertThat(reopened.repairReport().isClean()).isTrue();
                assertThat(WalTestFiles.readAll(reopened)).containsExactlyElementsOf(appended);
            }
        } finally {
            WalTestFiles.deleteRecursively(dir);
        }
    }
}
