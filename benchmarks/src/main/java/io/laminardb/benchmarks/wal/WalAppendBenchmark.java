package io.laminardb.benchmarks.wal;

import io.laminardb.engine.WalMode;
import io.laminardb.engine.wal.WalOptions;
import io.laminardb.engine.wal.WriteAheadLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appends of 64-byte records per second to a {@link WriteAheadLog}, from one thread and from four sharing one log,
 * beside baselines that frame the same records (CRC-32C, the same lock) in the same run:
 *
 * <ul>
 *   <li>{@code ASYNC}: {@code append}, a copy into a mapped segment, forced by the flush thread every 10 ms.
 *   <li>{@code SYNC}: {@code append} (a {@code write}) then {@code awaitDurable}, group commit among the threads.
 *   <li>{@code MEMORY}: the record copied into a direct buffer under a lock: the framing and locking without a file.
 *   <li>{@code WRITE}: one {@code FileChannel.write} per record and no force, the other way {@code ASYNC} could have
 *       reached the page cache at each append.
 *   <li>{@code WRITE_FORCE}: a {@code write} and a {@code force} per record under the lock: durability without group
 *       commit, the baseline for {@code SYNC}.
 * </ul>
 *
 * <p>Files go to a directory under {@code java.io.tmpdir}, deleted after the trial; segments behind the end are deleted
 * after each iteration, as checkpoints would, so disk use stays at about one iteration's appends. Segment rolls (64
 * MiB, zero-filled) happen inside the measurement, as they would in use.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class WalAppendBenchmark {

    static final int PAYLOAD_SIZE = 64;

    @Param({"ASYNC", "SYNC", "MEMORY", "WRITE", "WRITE_FORCE"})
    public String target;

    private Path dir;
    private Appender appender;

    /** The record one producer thread appends, over and over. */
    @State(Scope.Thread)
    public static class Producer {
        final byte[] payload = new byte[PAYLOAD_SIZE];

        @Setup(Level.Trial)
        public void setUp() {
            new Random(Thread.currentThread().getId()).nextBytes(payload);
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("laminar-wal-benchmark");
        appender = switch (target) {
            case "ASYNC" -> new LogAppender(WriteAheadLog.open(dir, WalOptions.of(WalMode.ASYNC)), false);
            case "SYNC" -> new LogAppender(WriteAheadLog.open(dir, WalOptions.of(WalMode.SYNC)), true);
            case "MEMORY" -> new MemoryAppender();
            case "WRITE" -> new ChannelAppender(dir.resolve("baseline.log"), false);
            case "WRITE_FORCE" -> new ChannelAppender(dir.resolve("baseline.log"), true);
            default -> throw new IllegalArgumentException(target);
        };
    }

    @TearDown(Level.Iteration)
    public void dropWhatWasAppended() throws IOException {
        appender.reset();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            appender.close();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Benchmark
    @Threads(1)
    public long oneThread(Producer producer) throws IOException {
        return appender.append(producer.payload);
    }

    @Benchmark
    @Threads(4)
    public long fourThreads(Producer producer) throws IOException {
        return appender.append(producer.payload);
    }

    /** One way of logging a record. */
    interface Appender extends AutoCloseable {
        long append(byte[] payload) throws IOException;

        /** Between iterations: let go of what was appended, so disk use stays bounded. */
        void reset() throws IOException;

        @Override
        void close() throws IOException;
    }

    static final class LogAppender implements Appender {
        private final WriteAheadLog wal;
        private final boolean sync;

        LogAppender(WriteAheadLog wal, boolean sync) {
            this.wal = wal;
            this.sync = sync;
        }

        @Override
        public long append(byte[] payload) {
            long end = wal.append(payload);
            if (sync) {
                wal.awaitDurable(end);
            }
            return end;
        }

        @Override
        public void reset() {
            wal.deleteBefore(wal.endPosition());
        }

        @Override
        public void close() {
            wal.close();
        }
    }

    /** The log's framing: a frame of length and CRC-32C (of the length and payload) before the payload. */
    abstract static class FramingAppender implements Appender {
        private static final ThreadLocal<CRC32C> CHECKSUM = ThreadLocal.withInitial(CRC32C::new);

        final ReentrantLock lock = new ReentrantLock();

        static int checksum(byte[] payload) {
            CRC32C crc = CHECKSUM.get();
            crc.reset();
            int length = payload.length;
            crc.update(length >>> 24);
            crc.update(length >>> 16);
            crc.update(length >>> 8);
            crc.update(length);
            crc.update(payload, 0, length);
            return (int) crc.getValue();
        }
    }

    /** Baseline: the record framed and copied into a 64 MiB direct buffer (wrapping) under a lock. */
    static final class MemoryAppender extends FramingAppender {
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 << 20);
        private long position;

        @Override
        public long append(byte[] payload) {
            int checksum = checksum(payload);
            lock.lock();
            try {
                if (buffer.remaining() < 8 + payload.length) {
                    buffer.clear();
                }
                buffer.putInt(payload.length).putInt(checksum).put(payload);
                position += 8 + payload.length;
                return position;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void reset() {}

        @Override
        public void close() {}
    }

    /** Baseline: one positional {@code write} of frame and payload per record, and a force per record if asked. */
    static final class ChannelAppender extends FramingAppender {
        private static final ThreadLocal<ByteBuffer> RECORD =
                ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(8 + PAYLOAD_SIZE));

        private final FileChannel channel;
        private final boolean force;
        private long position;

        ChannelAppender(Path file, boolean force) throws IOException {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.force = force;
        }

        @Override
        public long append(byte[] payload) throws IOException {
            int checksum = checksum(payload);
            ByteBuffer record = RECORD.get().clear();
            record.putInt(payload.length).putInt(checksum).put(payload).flip();
            lock.lock();
            try {
                while (record.hasRemaining()) {
                    position += channel.write(record, position);
                }
                if (force) {
                    channel.force(false);
                }
                return position;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void reset() throws IOException {
            lock.lock();
            try {
                channel.truncate(0);
                position = 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
