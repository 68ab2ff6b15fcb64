package io.laminardb.engine.durability;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * What a checkpoint says besides the operator state: where each source and table stood and where each log must be
 * replayed from.
 *
 * @param id the checkpoint's number, growing by one
 * @param createdMillis when it was taken (wall clock)
 * @param order the database's record counter at the checkpoint: records numbered after it are newer
 * @param sources by source name: the sequence number of the last element its state includes
 * @param tables by table name: the order number of the last change its rows include
 * @param replayFrom by engine thread: where its log is replayed from; earlier records are all in the state
 * @param stateBackend the state store that wrote the state next to the manifest ({@code memory}, {@code rocksdb})
 * @param sinks by sink (stream and id): the handle of the transaction the sink pre-committed at this checkpoint
 * @param positions by source read by a connector: the connector's position after the last rows the state includes
 */
public record CheckpointManifest(
        long id,
        long createdMillis,
        long order,
        Map<String, Long> sources,
        Map<String, Long> tables,
        Map<Integer, Long> replayFrom,
        String stateBackend,
        Map<String, byte[]> sinks,
        Map<String, byte[]> positions) {

    private static final int MAGIC = 0x4C434B50; // "LCKP"
    /** 2 added the connectors' positions; 1 is still read. */
    private static final int VERSION = 2;

    public CheckpointManifest {
        sources = Map.copyOf(sources);
        tables = Map.copyOf(tables);
        replayFrom = Map.copyOf(replayFrom);
        sinks = Map.copyOf(sinks);
        positions = Map.copyOf(positions);
    }

    /** The manifest's bytes, ending with their own CRC32C. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(id);
            out.writeLong(createdMillis);
            out.writeLong(order);
            writeMap(out, sources);
            writeMap(out, tables);
            out.writeInt(replayFrom.size());
            for (Map.Entry<Integer, Long> e : replayFrom.entrySet()) {
                out.writeInt(e.getKey());
                out.writeLong(e.getValue());
            }
            out.writeUTF(stateBackend);
            writeBytesMap(out, sinks);
            writeBytesMap(out, positions);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] body = bytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        byte[] all = java.util.Arrays.copyOf(body, body.length + 8);
        java.nio.ByteBuffer.wrap(all, body.length, 8).putLong(crc.getValue());
        return all;
    }

    /**
     * Reads a manifest.
     *
     * @throws IOException when it is cut short, damaged, or of another format
     */
    public static CheckpointManifest fromBytes(byte[] all) throws IOException {
        if (all.length < 16) {
            throw new IOException("the manifest is " + all.length + " bytes long: cut short");
        }
        CRC32C crc = new CRC32C();
        crc.update(all, 0, all.length - 8);
        long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (crc.getValue() != stored) {
            throw new IOException("the manifest's checksum does not match: it is damaged");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a checkpoint manifest");
            }
            int version = in.readInt();
            if (version != VERSION && version != 1) {
                throw new IOException(
                        "manifest version " + version + " is not supported (this release reads " + VERSION + ")");
            }
            long id = in.readLong();
            long created = in.readLong();
            long order = in.readLong();
            Map<String, Long> sources = readMap(in);
            Map<String, Long> tables = readMap(in);
            Map<Integer, Long> replayFrom = new LinkedHashMap<>();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                replayFrom.put(in.readInt(), in.readLong());
            }
            String backend = in.readUTF();
            Map<String, byte[]> sinks = readBytesMap(in);
            Map<String, byte[]> positions = version >= 2 ? readBytesMap(in) : Map.of();
            return new CheckpointManifest(id, created, order, sources, tables, replayFrom, backend, sinks, positions);
        }
    }

    private static void writeBytesMap(DataOutputStream out, Map<String, byte[]> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, byte[]> e : map.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().length);
            out.write(e.getValue());
        }
    }

    private static Map<String, byte[]> readBytesMap(DataInputStream in) throws IOException {
        Map<String, byte[]> map = new LinkedHashMap<>();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String key = in.readUTF();
            byte[] value = new byte[in.readInt()];
            in.readFully(value);
            map.put(key, value);
        }
        return map;
    }

    private static void writeMap(DataOutputStream out, Map<String, Long> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, Long> e : map.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
    }

    private static Map<String, Long> readMap(DataInputStream in) throws IOException {
        Map<String, Long> map = new LinkedHashMap<>();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            map.put(in.readUTF(), in.readLong());
        }
        return map;
    }
}
