package io.laminardb.engine.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.StateBackend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that pushes with {@code wal.mode=sync} with SIGKILL at random moments, many times over one data
 * directory, and checks after each restart that every event whose push had returned is in the recovered results
 * exactly once.
 */
class CrashRecoveryTest {

    private static final int KILLS = Integer.getInteger("laminar.crash.kills", 20);

    @Test
    void everyAcknowledgedEventSurvivesRepeatedKillsExactlyOnce(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        Random random = new Random(Long.getLong("laminar.crash.seed", System.nanoTime()));
        Set<Long> acknowledged = new HashSet<>();
        int fromCheckpoint = 0;
        int withReplay = 0;
        long nextId = 0;
        for (int round = 0; round <= KILLS; round++) {
            int cores = 1 + round % 2; // the number of engine threads changes between runs, too
            // Both state backends, each continuing from checkpoints the same backend wrote.
            StateBackend backend = round < KILLS / 2 ? StateBackend.MEMORY : StateBackend.ROCKSDB;
            Child child = Child.start(
                    dataDir, nextId, cores, backend, round == KILLS, dir.resolve("child-" + round + ".log"));
            Map<Long, Long> seen = child.awaitRecovered();
            fromCheckpoint += child.checkpointId > 0 ? 1 : 0;
            withReplay += child.replayedEvents > 0 ? 1 : 0;
            String context = "after " + round + " kills (child log: " + child.log + ")";
            assertThat(seen.entrySet())
                    .as("ids counted more than once " + context)
                    .allSatisfy(
                            e -> assertThat(e.getValue()).as("id " + e.getKey()).isEqualTo(1L));
            Set<Long> missing = new HashSet<>(acknowledged);
            missing.removeAll(seen.keySet());
            assertThat(missing).as("acknowledged ids lost " + context).isEmpty();
            long maxSeen =
                    seen.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
            if (round == KILLS) {
                child.process.waitFor(60, TimeUnit.SECONDS);
                assertSinkHoldsEachIdOnce(dir.resolve("sink"), seen.keySet());
                break;
            }
            Thread.sleep(50 + random.nextInt(400));
            child.kill();
            List<Long> acks = child.acknowledged();
            acknowledged.addAll(acks);
            long maxAck = acks.stream().mapToLong(Long::longValue).max().orElse(-1);
            nextId = Math.max(nextId, Math.max(maxSeen, maxAck) + 1);
        }
        assertThat(acknowledged).as("the children pushed and were acknowledged").hasSizeGreaterThan(KILLS);
        assertThat(fromCheckpoint).as("restarts that restored a checkpoint").isPositive();
        assertThat(withReplay).as("restarts that replayed the log after it").isPositive();
    }

    /**
     * The file sink's committed files hold every id the view holds, each once: rows before a checkpoint were committed
     * once, rows after it were thrown away with their uncommitted file and written again from the log.
     */
    private static void assertSinkHoldsEachIdOnce(Path sinkDir, Set<Long> ids) throws IOException {
        Map<Long, Integer> written = new HashMap<>();
        List<Path> files;
        try (var list = Files.list(sinkDir)) {
            files = list.toList();
        }
        assertThat(files)
                .as("only committed files are left")
                .allMatch(f -> f.toString().endsWith(".jsonl"));
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                long id = Long.parseLong(line.substring(line.indexOf(':') + 1, line.indexOf('}')));
                written.merge(id, 1, Integer::sum);
            }
        }
        assertThat(written.entrySet())
                .as("ids the sink wrote more than once")
                .allSatisfy(e -> assertThat(e.getValue()).as("id " + e.getKey()).isEqualTo(1));
        assertThat(written.keySet()).as("the ids the sink committed").isEqualTo(ids);
    }

    /** A child JVM running {@link CrashChild}, its output read as it comes. */
    private static final class Child {
        final Process process;
        final Path log;
        final CompletableFuture<Map<Long, Long>> recovered = new CompletableFuture<>();
        final List<Long> acks = new ArrayList<>();
        final Thread reader;
        volatile long checkpointId;
        volatile long replayedEvents;

        private Child(Process process, Path log) {
            this.process = process;
            this.log = log;
            this.reader = new Thread(this::read, "crash-child-reader");
            reader.start();
        }

        static Child start(Path dataDir, long firstId, int cores, StateBackend backend, boolean last, Path log)
                throws IOException {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(
                    java,
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "-Xmx256m",
                    // A short-lived process: quick start-up matters more than peak speed.
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    CrashChild.class.getName(),
                    dataDir.toString(),
                    Long.toString(firstId),
                    Integer.toString(cores),
                    backend.name(),
                    last ? "last" : "run"));
            Process process =
                    new ProcessBuilder(command).redirectError(log.toFile()).start();
            return new Child(process, log);
        }

        private void read() {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                Map<Long, Long> seen = null;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        synchronized (acks) {
                            acks.add(Long.parseLong(line.substring(4)));
                        }
                    } else if (line.startsWith("SEEN")) {
                        seen = new HashMap<>();
                        for (String pair : line.substring(4).trim().split(" ")) {
                            if (!pair.isEmpty()) {
                                int colon = pair.indexOf(':');
                                seen.put(
                                        Long.parseLong(pair.substring(0, colon)),
                                        Long.parseLong(pair.substring(colon + 1)));
                            }
                        }
                    } else if (line.startsWith("RECOVERED ")) {
                        String[] parts = line.split(" ");
                        checkpointId = Long.parseLong(parts[1]);
                        replayedEvents = Long.parseLong(parts[2]);
                    } else if (line.equals("READY")) {
                        recovered.complete(seen);
                    }
                }
            } catch (IOException | RuntimeException e) {
                recovered.completeExceptionally(e);
            }
            recovered.completeExceptionally(new IllegalStateException("the child ended before it was ready"));
        }

        Map<Long, Long> awaitRecovered() throws Exception {
            try {
                return recovered.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                throw new AssertionError("The child did not recover: " + e + "\n" + Files.readString(log), e);
            }
        }

        /** SIGKILL: nothing in the child runs after it, not even shutdown hooks. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            reader.join(30_000);
        }

        List<Long> acknowledged() {
            synchronized (acks) {
                return List.copyOf(acks);
            }
        }
    }
}
