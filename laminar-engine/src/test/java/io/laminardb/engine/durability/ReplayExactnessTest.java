package io.laminardb.engine.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaying the log gives the rows of the run that wrote it, late rows included: which rows are late depends on when
 * the engine passed each watermark on, and the log holds that. A process writes and halts without a checkpoint; a
 * second one recovers from the log alone.
 */
class ReplayExactnessTest {

    @Test
    void aReplayedWindowedStreamEmitsTheRowsAndLateCountOfTheRunThatWroteTheLog(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        List<String> written = run(dataDir, "write", dir.resolve("write.log"));
        List<String> replayed = run(dataDir, "replay", dir.resolve("replay.log"));

        List<String> writtenRows =
                written.stream().filter(l -> l.startsWith("ROW ")).toList();
        assertThat(writtenRows).hasSizeGreaterThan(100);
        String late =
                written.stream().filter(l -> l.startsWith("LATE ")).findFirst().orElseThrow();
        assertThat(Long.parseLong(late.substring(5)))
                .as("rows that came late in the first run")
                .isPositive();
        assertThat(replayed.stream().filter(l -> l.startsWith("ROW ")).toList())
                .containsExactlyInAnyOrderElementsOf(writtenRows);
        assertThat(replayed).contains(late);
    }

    private static List<String> run(Path dataDir, String mode, Path log) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "--add-opens=java.base/java.nio=ALL-UNNAMED",
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ReplayChild.class.getName(),
                        dataDir.toString(),
                        mode)
                .redirectError(log.toFile())
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the child ended").isTrue();
        assertThat(process.exitValue())
                .as("the child's exit (log: " + Files.readString(log) + ")")
                .isZero();
        return List.of(new String(out, StandardCharsets.UTF_8).split("\n"));
    }
}
