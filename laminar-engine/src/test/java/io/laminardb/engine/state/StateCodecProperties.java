package io.laminardb.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.Row;
import io.laminardb.engine.value.KeySentinel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.calcite.avatica.util.ByteString;

/**
 * The value codec of {@link StateWriter} and {@link StateReader}: every value that can appear in operator state reads
 * back as the same class and value (doubles to the bit, decimals with their scale, the group key sentinels as the very
 * constants), and bytes that are not a whole value are a {@link StateFormatException}.
 */
class StateCodecProperties {

    @Provide
    Arbitrary<Object> scalars() {
        return Arbitraries.oneOf(List.of(
                        Arbitraries.of(true, false).asGeneric(),
                        Arbitraries.bytes().asGeneric(),
                        Arbitraries.shorts().asGeneric(),
                        Arbitraries.integers().asGeneric(),
                        Arbitraries.longs().asGeneric(),
                        Arbitraries.floats().asGeneric(),
                        Arbitraries.doubles().asGeneric(),
                        Arbitraries.of(
                                        Double.longBitsToDouble(0x7FF0_0000_0000_0F0FL),
                                        Float.intBitsToFloat(0xFF80_0F0F))
                                .asGeneric(),
                        decimals().asGeneric(),
                        Arbitraries.bigIntegers()
                                .between(BigInteger.TWO.pow(200).negate(), BigInteger.TWO.pow(200))
                                .asGeneric(),
                        strings().asGeneric(),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(40).asGeneric(),
                        Arbitraries.bytes()
                                .array(byte[].class)
                                .ofMaxSize(40)
                                .map(ByteString::new)
                                .asGeneric(),
                        Arbitraries.longs()
                                .between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                                .flatMap(s -> Arbitraries.integers()
                                        .between(0, 999_999_999)
                                        .map(n -> Instant.ofEpochSecond(s, n)))
                                .asGeneric(),
                        Arbitraries.longs()
                                .between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay())
                                .map(LocalDate::ofEpochDay)
                                .asGeneric(),
                        Arbitraries.longs()
                                .between(0, LocalTime.MAX.toNanoOfDay())
                                .map(LocalTime::ofNanoOfDay)
                                .asGeneric(),
                        Arbitraries.of(KeySentinel.class).asGeneric()))
                .injectNull(0.05);
    }

    /** Scalars, and rows and lists of them nested two deep, as group keys and multiset keys are. */
    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> scalar = scalars();
        Arbitrary<Object> flat = Arbitraries.oneOf(
                scalar,
                scalar.list().ofMaxSize(5).map(List::toArray).asGeneric(),
                scalar.list().ofMaxSize(5).map(ArrayList::new).asGeneric());
        return Arbitraries.oneOf(
                flat,
                flat.list().ofMaxSize(4).map(List::toArray).asGeneric(),
                flat.list().ofMaxSize(4).map(ArrayList::new).asGeneric());
    }

    private static Arbitrary<BigDecimal> decimals() {
        return Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40))
                .flatMap(unscaled ->
                        Arbitraries.integers().between(-20, 40).map(scale -> new BigDecimal(unscaled, scale)));
    }

    /** Any text, unpaired surrogates included, which standard UTF-8 would lose. */
    private static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().withCharRange('\uD800', '\uDFFF').ofMaxLength(6),
                Arbitraries.strings()
                        .withChars('\0', 'a', '\u07FF', '\u0800', '\uFFFF')
                        .ofMaxLength(10));
    }

    @Property(tries = 500)
    void everyValueReadsBackAsTheSameClassAndValue(@ForAll("values") Object value) {
        byte[] bytes = StateWriter.toBytes(w -> w.writeValue(value));
        StateReader in = StateReader.of(bytes);

        assertSameValue(in.readValue(), value);
        in.checkFullyRead();
    }

    @Property(tries = 200)
    void aRowReadsBackValueByValue(@ForAll("values") Object a, @ForAll("values") Object b) {
        Object[] row = {a, null, b};
        StateReader in = StateReader.of(StateWriter.toBytes(w -> w.writeRow(row).writeNullableRow(null)));

        assertSameValue(in.readRow(), row);
        assertThat(in.readNullableRow()).isNull();
        in.checkFullyRead();
    }

    @Property(tries = 300)
    void integersOfAnyMagnitudeReadBack(@ForAll long l, @ForAll int i, @ForAll int count) {
        int n = count & Integer.MAX_VALUE;
        StateReader in = StateReader.of(
                StateWriter.toBytes(w -> w.writeLong(l).writeInt(i).writeCount(n)));

        assertThat(in.readLong()).isEqualTo(l);
        assertThat(in.readInt()).isEqualTo(i);
        assertThat(in.readCount()).isEqualTo(n);
        in.checkFullyRead();
    }

    @Example
    void smallIntegersTakeOneByteAndTheExtremesTen() {
        assertThat(StateWriter.toBytes(w -> w.writeLong(-64))).hasSize(1);
        assertThat(StateWriter.toBytes(w -> w.writeLong(63))).hasSize(1);
        assertThat(StateWriter.toBytes(w -> w.writeLong(Long.MIN_VALUE))).hasSize(10);
        assertThat(StateReader.of(StateWriter.toBytes(w -> w.writeLong(Long.MIN_VALUE)))
                        .readLong())
                .isEqualTo(Long.MIN_VALUE);
        assertThat(StateReader.of(StateWriter.toBytes(w -> w.writeInt(Integer.MIN_VALUE)))
                        .readInt())
                .isEqualTo(Integer.MIN_VALUE);
    }

    @Example
    void theGroupKeySentinelsReadBackAsTheSameConstants() {
        Object[] keys = {KeySentinel.NULL_KEY, KeySentinel.SINGLE_GROUP};
        Object[] read =
                StateReader.of(StateWriter.toBytes(w -> w.writeRow(keys))).readRow();

        assertThat(read[0]).isSameAs(KeySentinel.NULL_KEY);
        assertThat(read[1]).isSameAs(KeySentinel.SINGLE_GROUP);
    }

    @Example
    void aDecimalKeepsItsScale() {
        Object read = StateReader.of(StateWriter.toBytes(w -> w.writeValue(new BigDecimal("1.500"))))
                .readValue();

        assertThat(read).isEqualTo(new BigDecimal("1.500")).isNotEqualTo(new BigDecimal("1.5"));
    }

    @Property(tries = 200)
    void everyProperPrefixOfAValueIsCutShort(@ForAll("values") Object value) {
        byte[] bytes = StateWriter.toBytes(w -> w.writeValue(value));
        for (int length = 0; length < bytes.length; length++) {
            StateReader in = StateReader.of(Arrays.copyOf(bytes, length));
            assertThatThrownBy(in::readValue).isInstanceOf(StateFormatException.class);
        }
    }

    @Example
    void bytesLeftOverAfterAValueAreRefused() {
        StateReader in = StateReader.of(new byte[] {StateFormat.TRUE, 0});
        in.readValue();

        assertThatThrownBy(in::checkFullyRead)
                .isInstanceOf(StateFormatException.class)
                .hasMessageContaining("1 bytes left over");
    }

    @Example
    void anUnknownTagIsAFormatError() {
        assertThatThrownBy(() -> StateReader.of(new byte[] {0x7E}).readValue())
                .isInstanceOf(StateFormatException.class)
                .hasMessageContaining("unknown value tag 126");
    }

    @Example
    void aCorruptLengthFailsAsCutShortRatherThanExhaustingMemory() {
        byte[] huge = StateWriter.toBytes(w -> w.writeByte(StateFormat.BYTES).writeCount(Integer.MAX_VALUE));

        assertThatThrownBy(() -> StateReader.of(huge).readValue()).isInstanceOf(StateFormatException.class);
    }

    @Example
    void aValueOfAClassStateCannotHoldIsRefusedNamingItsClass() {
        Row row = Row.of(Row.layout(new org.apache.arrow.vector.types.pojo.Schema(List.of())));

        assertThatThrownBy(() -> StateWriter.toBytes(w -> w.writeValue(row)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Row.class.getName());
    }

    /** Equal values of the same class, arrays and doubles compared element by element and bit by bit. */
    static void assertSameValue(Object actual, Object expected) {
        if (expected == null) {
            assertThat(actual).isNull();
            return;
        }
        assertThat(actual).isNotNull();
        assertThat(actual.getClass()).isEqualTo(expected instanceof List<?> ? ArrayList.class : expected.getClass());
        if (expected instanceof Object[] array) {
            Object[] read = (Object[]) actual;
            assertThat(read).hasSameSizeAs(array);
            for (int i = 0; i < array.length; i++) {
                assertSameValue(read[i], array[i]);
            }
        } else if (expected instanceof List<?> list) {
            List<?> read = (List<?>) actual;
            assertThat(read).hasSameSizeAs(list);
            for (int i = 0; i < list.size(); i++) {
                assertSameValue(read.get(i), list.get(i));
            }
        } else if (expected instanceof byte[] bytes) {
            assertThat((byte[]) actual).isEqualTo(bytes);
        } else if (expected instanceof Double d) {
            assertThat(Double.doubleToRawLongBits((Double) actual)).isEqualTo(Double.doubleToRawLongBits(d));
        } else if (expected instanceof Float f) {
            assertThat(Float.floatToRawIntBits((Float) actual)).isEqualTo(Float.floatToRawIntBits(f));
        } else if (expected instanceof KeySentinel) {
            assertThat(actual).isSameAs(expected);
        } else {
            assertThat(actual).isEqualTo(expected);
        }
    }
}
