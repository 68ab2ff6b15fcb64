package io.laminardb.engine.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.WalMode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed after its appends returned, before any force: nothing appended is lost. */
class WalCrashTest {

    @TempDir
    Path dir;

    @Test
    void recordsAppendedInAsyncModeSurviveTheProcessBeingKilledBeforeAnyForce() throws Exception {
        int records = 1_000;
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        WalCrashChild.class.getName(),
                        dir.toString(),
                        Integer.toString(records))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String report;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            report = out.readLine();
        } finally {
            child.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no close, no force
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        long end = (long) records * (WalDescriptor.FRAME_LENGTH + 50);
        assertThat(report).isEqualTo("appended " + end + " durable 0");

        try (WriteAheadLog wal =
                WriteAheadLog.open(dir, WalOptions.of(WalMode.SYNC).withSegmentSize(1 << 20))) {
            assertThat(wal.repairReport().isClean()).isTrue();
            assertThat(wal.endPosition()).isEqualTo(end);
            assertThat(WalTestFiles.readAll(wal)).hasSize(records).endsWith(WalTestFiles.payload(records - 1, 50));
        }
    }
}
