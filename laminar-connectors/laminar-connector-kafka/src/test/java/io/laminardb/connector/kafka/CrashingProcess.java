package io.laminardb.connector.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM that runs {@link PrepareThenWait} and is killed with SIGKILL once it has prepared its transaction, so
 * that neither a commit nor an abort nor a graceful close of its producer ever happens.
 */
final class CrashingProcess {

    private CrashingProcess() {}

    /** Runs the child until it has prepared, kills it, and returns the handle it wrote. */
    static byte[] prepareThenKill(
            String bootstrapServers,
            String topic,
            String transactionalId,
            int records,
            Duration transactionTimeout,
            Path dir)
            throws IOException, InterruptedException {
        Path handle = dir.resolve(transactionalId + ".handle");
        Path output = dir.resolve(transactionalId + ".out");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PrepareThenWait.class.getName());
        command.addAll(List.of(
                bootstrapServers,
                topic,
                transactionalId,
                String.valueOf(records),
                handle.toString(),
                String.valueOf(transactionTimeout.toMillis())));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(handle)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("The child did not prepare its transaction (exit "
                            + (process.isAlive() ? "none" : process.exitValue()) + "):\n" + tail(output));
                }
                Thread.sleep(50);
            }
            return Files.readAllBytes(handle);
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String tail(Path output) throws IOException {
        List<String> lines = Files.readAllLines(output);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
