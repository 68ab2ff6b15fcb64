package io.laminardb.engine.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.WalMode;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Several producer threads on one log: order, exactly-once, and forces shared between waiters. */
class WalConcurrencyTest {

    private static final int THREADS = 4;

    @TempDir
    Path dir;

    /** One thread per producer whatever the machine: the common pool may have fewer, and the barrier needs all. */
    private final ExecutorService producerThreads = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopProducers() {
        producerThreads.shutdownNow();
    }

    /**
     * Each thread appends and waits for durability, record after record. Forcing takes long enough here (the
     * listener stretches each force to at least 200 µs, as a disk slower than the page cache would) that the other
     * threads append meanwhile and the next force covers them all: far fewer forces than appends.
     */
    @Test
    void threadsWaitingForDurabilityAtTheSameTimeShareForces() throws Exception {
        AtomicLong forces = new AtomicLong();
        WalOptions options = WalOptions.of(WalMode.SYNC)
                .withSegmentSize(1 << 20)
                .withFsyncListener(nanos -> {
                    forces.incrementAndGet();
                    LockSupport.parkNanos(200_000);
                });
        int perThread = 500;
        try (WriteAheadLog wal = WriteAheadLog.open(dir, options)) {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<CompletableFuture<Void>> producers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                producers.add(CompletableFuture.runAsync(
                        () -> {
                            await(start);
                            for (int i = 0; i < perThread; i++) {
                                long end = wal.append(record(thread, i, 16));
                                wal.awaitDurable(end);
                                assertThat(wal.durablePosition()).isGreaterThanOrEqualTo(end);
                            }
                        },
                        producerThreads));
            }
            CompletableFuture.allOf(producers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            long appends = (long) THREADS * perThread;
            assertThat(forces.get())
                    .as("forces for %d appends", appends)
                    .isPositive()
                    .isLessThan(appends / 2);
            assertThat(wal.durablePosition()).isEqualTo(wal.endPosition());
            assertThat(WalTestFiles.readAll(wal)).hasSize((int) appends);
        }
    }

    /**
     * Four threads append concurrently through small segments that roll often; every record is read back once, at
     * the position its append returned, in each thread's order.
     */
    @ParameterizedTest
    @EnumSource(names = {"ASYNC", "SYNC"})
    void recordsFromConcurrentAppendersAreEachReadBackOnceAtTheirPositionInEachThreadsOrder(WalMode mode)
            throws Exception {
        WalOptions options = WalOptions.of(mode).withSegmentSize(4096);
        int perThread = 5_000;
        Map<Long, Long> positionToRecord = new HashMap<>();
        try (WriteAheadLog wal = WriteAheadLog.open(dir, options)) {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<CompletableFuture<long[]>> producers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                producers.add(CompletableFuture.supplyAsync(
                        () -> {
                            await(start);
                            long[] ends = new long[perThread];
                            for (int i = 0; i < perThread; i++) {
                                ByteBuffer payload = ByteBuffer.wrap(record(thread, i, 8 + (i * 7 + thread) % 90));
                                ends[i] = i % 2 == 0 ? wal.append(payload) : wal.append(payload.array());
                            }
                            return ends;
                        },
                        producerThreads));
            }
            for (int t = 0; t < THREADS; t++) {
                long[] ends = producers.get(t).get(60, TimeUnit.SECONDS);
                for (int i = 0; i < perThread; i++) {
                    positionToRecord.put(ends[i], (long) t << 32 | i);
                }
            }
        }
        assertThat(positionToRecord)
                .as("every append has a position of its own")
                .hasSize(THREADS * perThread);

        try (WriteAheadLog wal = WriteAheadLog.open(dir, options)) {
            int[] next = new int[THREADS];
            long previous = -1;
            int read = 0;
            try (WalReader reader = wal.read(0)) {
                while (reader.next()) {
                    ByteBuffer payload = reader.payload();
                    int thread = payload.getInt(payload.position());
                    int sequence = payload.getInt(payload.position() + 4);
                    assertThat(sequence).as("thread %d's order", thread).isEqualTo(next[thread]++);
                    assertThat(reader.position()).isGreaterThan(previous);
                    assertThat(positionToRecord.get(reader.position()))
                            .as("the position append returned")
                            .isEqualTo((long) thread << 32 | sequence);
                    previous = reader.position();
                    read++;
                }
            }
            assertThat(read).isEqualTo(THREADS * perThread);
            assertThat(next).containsOnly(perThread);
        }
    }

    /** Thread, sequence number, then filler up to {@code size} bytes. */
    private static byte[] record(int thread, int sequence, int size) {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putInt(thread).putInt(sequence);
        while (buffer.hasRemaining()) {
            buffer.put((byte) sequence);
        }
        return buffer.array();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
