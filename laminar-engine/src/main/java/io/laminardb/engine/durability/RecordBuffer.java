package io.laminardb.engine.durability;

import java.io.DataOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that log records are encoded into, reused record after record by one writer at a time: unlike
 * {@code ByteArrayOutputStream} behind a {@code DataOutputStream}, it takes no lock per byte and allocates nothing once
 * it has grown to the largest record. Big-endian, as {@link java.io.DataInput} reads it back.
 */
final class RecordBuffer implements DataOutput {

    private byte[] bytes = new byte[256];
    private int size;

    /** Empties the buffer for the next record. */
    RecordBuffer reset() {
        size = 0;
        return this;
    }

    /** The record encoded so far, without a copy; valid until the next {@link #reset()}. */
    ByteBuffer view() {
        return ByteBuffer.wrap(bytes, 0, size);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    @Override
    public void writeBoolean(boolean v) {
        write(v ? 1 : 0);
    }

    @Override
    public void writeByte(int v) {
        write(v);
    }

    @Override
    public void writeShort(int v) {
        ensure(2);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    @Override
    public void writeChar(int v) {
        writeShort(v);
    }

    @Override
    public void writeInt(int v) {
        ensure(4);
        bytes[size++] = (byte) (v >>> 24);
        bytes[size++] = (byte) (v >>> 16);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    @Override
    public void writeLong(long v) {
        writeInt((int) (v >>> 32));
        writeInt((int) v);
    }

    @Override
    public void writeFloat(float v) {
        writeInt(Float.floatToIntBits(v));
    }

    @Override
    public void writeDouble(double v) {
        writeLong(Double.doubleToLongBits(v));
    }

    @Override
    public void writeBytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            write(s.charAt(i));
        }
    }

    @Override
    public void writeChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            writeChar(s.charAt(i));
        }
    }

    /**
     * Writes {@code s} as {@link java.io.DataInput#readUTF} reads it, for the names in record headers; those of up to
     * 65,535 bytes in UTF-8 without NUL or supplementary characters, which is what a name holds, are the same bytes.
     */
    @Override
    public void writeUTF(String s) {
        byte[] utf = s.getBytes(StandardCharsets.UTF_8);
        boolean plain =
                utf.length <= 65_535 && s.indexOf('\0') < 0 && s.codePoints().allMatch(c -> c < 0x10000);
        if (!plain) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (java.io.DataOutputStream data = new java.io.DataOutputStream(out)) {
                data.writeUTF(s);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            write(out.toByteArray());
            return;
        }
        writeShort(utf.length);
        write(utf);
    }
}
