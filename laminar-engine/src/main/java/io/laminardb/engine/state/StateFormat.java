package io.laminardb.engine.state;

/**
 * The binary layouts of state: a {@link StateSnapshot} as a stream of bytes, and the tagged values inside its entries.
 *
 * <p><b>Snapshot.</b> Integers marked {@code varint} are unsigned LEB128 (seven bits a byte, low bits first); strings
 * are a varint char count and modified UTF-8 ({@link StateWriter#writeString}).
 *
 * <pre>
 * +-------+---------+----------+---------+-----+---------+----------+
 * | magic | version | owners n | owner 1 | ... | owner n | crc32c   |
 * | LMST  | varint  | varint   |         |     |         | 4 B, BE  |
 * +-------+---------+----------+---------+-----+---------+----------+
 * owner:  | name string | kind string | fingerprint string | states m varint | state 1 | ... | state m |
 * state:  | name string | entries k varint | entry 1 | ... | entry k |
 * entry:  | key length varint | key bytes | value length varint | value bytes |
 * </pre>
 *
 * The CRC32C covers every byte before it. A reader refuses another magic, a version newer than {@link #VERSION}, a
 * checksum that does not match, and bytes after the checksum.
 *
 * <p><b>Values.</b> One tag byte, then the value's bytes:
 *
 * <pre>
 * tag  type                          bytes after the tag
 * 0x00 null                          -
 * 0x01 Boolean FALSE                 -
 * 0x02 Boolean TRUE                  -
 * 0x03 Byte                          1
 * 0x04 Short                         zig-zag varint
 * 0x05 Integer (INTEGER, DATE days,  zig-zag varint
 *      TIME ms of day)
 * 0x06 Long (BIGINT, TIMESTAMP ms)   zig-zag varint
 * 0x07 Float                         4, raw IEEE bits
 * 0x08 Double                        8, raw IEEE bits
 * 0x09 BigDecimal                    scale zig-zag varint, unscaled two's complement bytes (varint length first)
 * 0x0A BigInteger                    two's complement bytes (varint length first)
 * 0x0B String                        string
 * 0x0C byte[]                        varint length, bytes
 * 0x0D Calcite ByteString            varint length, bytes
 * 0x0E Instant (SQL TIMESTAMP)       epoch second zig-zag varint, nano zig-zag varint
 * 0x0F LocalDate (SQL DATE)          epoch day zig-zag varint
 * 0x10 LocalTime (SQL TIME)          nano of day zig-zag varint
 * 0x11 Object[] (rows, keys)         varint count, that many values
 * 0x12 List                          varint count, that many values (read back as an ArrayList)
 * 0x13 KeySentinel.NULL_KEY          -
 * 0x14 KeySentinel.SINGLE_GROUP      -
 * </pre>
 *
 * Values of any other class (a nested {@code Row} of a struct column, for one) are refused when written.
 */
public final class StateFormat {

    /** "LMST": LaminarDB state. */
    static final int MAGIC = 0x4C4D_5354;

    /** The version this build writes, and the newest it reads. */
    public static final int VERSION = 1;

    static final byte NULL = 0x00;
    static final byte FALSE = 0x01;
    static final byte TRUE = 0x02;
    static final byte BYTE = 0x03;
    static final byte SHORT = 0x04;
    static final byte INT = 0x05;
    static final byte LONG = 0x06;
    static final byte FLOAT = 0x07;
    static final byte DOUBLE = 0x08;
    static final byte DECIMAL = 0x09;
    static final byte BIG_INTEGER = 0x0A;
    static final byte STRING = 0x0B;
    static final byte BYTES = 0x0C;
    static final byte BYTE_STRING = 0x0D;
    static final byte INSTANT = 0x0E;
    static final byte LOCAL_DATE = 0x0F;
    static final byte LOCAL_TIME = 0x10;
    static final byte ARRAY = 0x11;
    static final byte LIST = 0x12;
    static final byte NULL_KEY = 0x13;
    static final byte SINGLE_GROUP = 0x14;

    private StateFormat() {}
}
