package io.laminardb.engine.sink;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;
import io.laminardb.engine.TwoPhaseCommitSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a stream's rows to files, one JSON object per line, exactly once across crashes: each checkpoint's rows become
 * one file, visible (under its final name) only once the checkpoint is on disk.
 *
 * <pre>
 * dir/trades-000001.jsonl.inprogress   rows since the last checkpoint
 * dir/trades-000001.jsonl.pending      pre-committed at a checkpoint: forced to disk, not yet visible
 * dir/trades-000001.jsonl              committed: the checkpoint is on disk
 * </pre>
 *
 * Readers take only {@code *.jsonl}. A row is {@code {"column": value, ...}}, with {@code "$op"} added for a retraction
 * ({@code "DELETE"}, {@code "UPDATE_BEFORE"}) or {@code "UPDATE_AFTER"}; timestamps and dates as ISO-8601 strings.
 *
 * <pre>{@code
 * db.addSink("large_trades", new FileSink(Path.of("out"), "large_trades"));
 * }</pre>
 */
public final class FileSink implements TwoPhaseCommitSink {

    private static final String COMMITTED = ".jsonl";
    private static final String PENDING = ".jsonl.pending";
    private static final String IN_PROGRESS = ".jsonl.inprogress";

    private final Path dir;
    private final String id;
    private final Pattern names;
    private long part;
    private Path current;
    private FileChannel channel;
    private Writer writer;

    /**
     * @param dir where the files go; created if missing
     * @param id the sink's name, the prefix of its files: one directory may hold the files of several sinks
     */
    public FileSink(Path dir, String id) {
        this.dir = dir;
        this.id = id;
        this.names = Pattern.compile(Pattern.quote(id) + "-(\\d{6,})(\\.jsonl(?:\\.pending|\\.inprogress)?)");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void recover(long checkpointId, byte[] handle) throws IOException {
        Files.createDirectories(dir);
        String pending = handle == null || handle.length == 0 ? null : new String(handle, StandardCharsets.UTF_8);
        if (pending != null) {
            commit(checkpointId, handle);
        }
        // Whatever else is not committed holds rows after the checkpoint: they are computed again from the log.
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = names.matcher(file.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                part = Math.max(part, Long.parseLong(m.group(1)));
                if (!m.group(2).equals(COMMITTED)) {
                    Files.delete(file);
                }
            }
        }
        forceDirectory();
    }

    @Override
    public void write(Row row, ChangeEvent.Op op) throws IOException {
        if (writer == null) {
            part++;
            current = dir.resolve(name(part) + IN_PROGRESS);
            channel = FileChannel.open(current, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            writer = new BufferedWriter(
                    new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
        }
        writer.write(Json.row(row, op));
        writer.write('\n');
    }

    @Override
    public byte[] preCommit(long checkpointId) throws IOException {
        if (writer == null) {
            return new byte[0]; // no rows since the last checkpoint
        }
        writer.flush();
        channel.force(true);
        writer.close();
        String pending = name(part) + PENDING;
        Files.move(current, dir.resolve(pending), StandardCopyOption.ATOMIC_MOVE);
        forceDirectory();
        writer = null;
        channel = null;
        current = null;
        return pending.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void commit(long checkpointId, byte[] handle) throws IOException {
        if (handle.length == 0) {
            return;
        }
        String pending = new String(handle, StandardCharsets.UTF_8);
        Path from = dir.resolve(pending);
        Path to = dir.resolve(pending.substring(0, pending.length() - PENDING.length()) + COMMITTED);
        if (Files.exists(from)) {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory();
        } else if (!Files.exists(to)) {
            throw new IOException("Neither " + from + " nor " + to + " exists: the pre-committed rows of checkpoint "
                    + checkpointId + " are gone");
        }
    }

    /** The files committed so far, in order. */
    public List<Path> committedFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                        Matcher m = names.matcher(f.getFileName().toString());
                        return m.matches() && m.group(2).equals(COMMITTED);
                    })
                    .sorted()
                    .toList();
        }
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close(); // left in progress: recover() deletes it
            writer = null;
        }
    }

    private String name(long n) {
        return id + "-" + String.format("%06d", n);
    }

    private void forceDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // not on this platform
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
