package io.laminardb.engine.connector;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.Row;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A connector for the engine's own tests, found through ServiceLoader like a real one: sources read rows from an
 * in-memory "topic" (a growing list, read again from any position), sinks write into another, committing with the
 * checkpoints. Rows are {@code Object[]} in SQL form; a row whose first value is the string "poison" cannot be decoded
 * and goes to the dead letters.
 */
public final class MemoryConnectorFactory implements ConnectorFactory {

    /** The topics, by name: each a list of rows with their operation. */
    public static final Map<String, List<Change>> TOPICS = new ConcurrentHashMap<>();

    /** Committed sink output, by topic. */
    public static final Map<String, List<Change>> COMMITTED = new ConcurrentHashMap<>();

    /** Dead letters, by source. */
    public static final Map<String, List<DeadLetter>> DEAD = new ConcurrentHashMap<>();

    /** Positions sources committed, by source. */
    public static final Map<String, Long> COMMITTED_POSITIONS = new ConcurrentHashMap<>();

    public record Change(Object[] values, ChangeEvent.Op op) {}

    public static List<Change> topic(String name) {
        return TOPICS.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
    }

    public static List<Change> committed(String name) {
        return COMMITTED.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String defaultFormat() {
        return null;
    }

    @Override
    public List<ConnectorOption> sourceOptions() {
        return List.of(
                ConnectorOption.string("topic", "The in-memory topic to read").required(),
                ConnectorOption.integer("batch", "Rows per emit").withDefault("16"),
                ConnectorOption.string("password", "A secret, to test masking").secret(),
                ConnectorOption.choice("start", "Where to start without a position", "earliest", "latest")
                        .withDefault("earliest"),
                ConnectorOption.bool("changelog", "Whether rows carry operations")
                        .withDefault("false"),
                ConnectorOption.prefix("client.", "Passed to the client"));
    }

    @Override
    public List<ConnectorOption> sinkOptions() {
        return List.of(
                ConnectorOption.string("topic", "The in-memory topic to write").required(),
                ConnectorOption.string("password", "A secret, to test masking").secret());
    }

    @Override
    public Map<String, String> optionsFromUri(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (path.isEmpty()) {
            throw new ConnectorException("memory URIs name a topic: memory:///topic");
        }
        Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("topic", path);
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                options.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return options;
    }

    @Override
    public void validateSource(SourceSpec spec) {
        if (spec.schema().getFields().isEmpty()) {
            throw new ConnectorException("no columns");
        }
    }

    @Override
    public SourceConnector createSource(SourceSpec spec) {
        return new MemorySource(spec);
    }

    @Override
    public SinkConnector createSink(SinkSpec spec) {
        return new MemorySink(spec);
    }

    static byte[] position(long next) {
        return ByteBuffer.allocate(8).putLong(next).array();
    }

    static long position(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }

    /** Reads its topic from the restored position on a thread of its own, batch by batch, until closed. */
    static final class MemorySource implements SourceConnector {
        private final SourceSpec spec;
        private volatile boolean running = true;
        private Thread thread;

        MemorySource(SourceSpec spec) {
            this.spec = spec;
        }

        @Override
        public void start(SourceContext context) {
            List<Change> topic = topic(spec.options().require("topic"));
            int batch = spec.options().getInt("batch").orElse(16);
            boolean changelog = spec.options().getBoolean("changelog").orElse(false);
            long start = context.restoredPosition()
                    .map(MemoryConnectorFactory::position)
                    .orElse(spec.options().getChoice("start").orElse("earliest").equals("latest") ? topic.size() : 0L);
            thread = new Thread(() -> read(context, topic, start, batch, changelog), "memory-source-" + spec.name());
            thread.setDaemon(true);
            thread.start();
        }

        private void read(SourceContext context, List<Change> topic, long start, int batch, boolean changelog) {
            long next = start;
            try {
                while (running) {
                    if (next >= topic.size()) {
                        Thread.sleep(1);
                        continue;
                    }
                    List<Object[]> rows = new ArrayList<>();
                    List<ChangeEvent.Op> ops = new ArrayList<>();
                    long end = Math.min(topic.size(), next + batch);
                    for (long i = next; i < end; i++) {
                        Change change = topic.get((int) i);
                        if ("poison".equals(change.values()[0])) {
                            DeadLetter letter = new DeadLetter(
                                    spec.name(),
                                    null,
                                    new byte[] {1},
                                    "poison pill",
                                    Map.of("offset", "" + i),
                                    java.time.Instant.now());
                            context.deadLetter(letter);
                            DEAD.computeIfAbsent(spec.name(), n -> new CopyOnWriteArrayList<>())
                                    .add(letter);
                            continue;
                        }
                        rows.add(change.values());
                        ops.add(change.op());
                    }
                    while (running
                            && !context.emit(rows, changelog ? ops : null, position(end), Duration.ofMillis(50))) {
                        // full: wait
                    }
                    next = end;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                context.fail(e);
            }
        }

        @Override
        public void commit(byte[] position) {
            COMMITTED_POSITIONS.put(spec.name(), position(position));
        }

        @Override
        public void close() {
            running = false;
            if (thread != null) {
                try {
                    thread.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Buffers rows per checkpoint and appends them to the committed topic at commit: exactly once. */
    static final class MemorySink implements SinkConnector {
        private final SinkSpec spec;
        private final Map<Long, List<Change>> prepared = new ConcurrentHashMap<>();
        private List<Change> open = Collections.synchronizedList(new ArrayList<>());

        MemorySink(SinkSpec spec) {
            this.spec = spec;
        }

        @Override
        public void open(SinkContext context) {}

        @Override
        public boolean exactlyOnce() {
            return true;
        }

        @Override
        public void write(Row row, ChangeEvent.Op op) {
            Object[] values = new Object[row.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.get(i);
            }
            open.add(new Change(values, op));
        }

        @Override
        public synchronized void flush() {
            // Without checkpoints: what was written is visible now.
            if (!spec.durable()) {
                List<Change> done = open;
                open = Collections.synchronizedList(new ArrayList<>());
                committed(spec.options().require("topic")).addAll(done);
            }
        }

        @Override
        public synchronized byte[] preCommit(long checkpointId) {
            prepared.put(checkpointId, open);
            open = Collections.synchronizedList(new ArrayList<>());
            return position(checkpointId);
        }

        @Override
        public synchronized void commit(long checkpointId, byte[] handle) {
            List<Change> done = prepared.remove(checkpointId);
            if (done != null) {
                committed(spec.options().require("topic")).addAll(done);
            }
        }

        @Override
        public void close() {}
    }
}
