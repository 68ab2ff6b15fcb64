package io.laminardb.engine.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link StateIngest#order} puts keys in the order of their unsigned bytes, as RocksDB's comparator does. */
class StateIngestProperties {

    @Provide
    Arbitrary<List<byte[]>> keys() {
        // Long shared prefixes and short keys, so that eight-byte heads are often equal or padded.
        Arbitrary<byte[]> tail = Arbitraries.of((byte) 0, (byte) 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF)
                .array(byte[].class)
                .ofMaxSize(4);
        Arbitrary<byte[]> key = Arbitraries.integers()
                .between(0, 10)
                .flatMap(shared -> tail.map(t -> {
                    byte[] whole = new byte[shared + t.length];
                    Arrays.fill(whole, 0, shared, (byte) 'K');
                    System.arraycopy(t, 0, whole, shared, t.length);
                    return whole;
                }));
        return key.list().ofMaxSize(400);
    }

    @Property(tries = 300)
    void keysComeInUnsignedByteOrder(@ForAll("keys") List<byte[]> keys) {
        assertSorted(keys.toArray(byte[][]::new));
    }

    @Example
    void sortedReversedAndAlikeKeysAreSorted() {
        List<byte[]> ascending = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            ascending.add(new byte[] {'K', 1, 6, (byte) (i >>> 8), (byte) i, 0, 0, 0, 0, (byte) (i % 7)});
        }
        assertSorted(ascending.toArray(byte[][]::new));
        List<byte[]> descending = new ArrayList<>(ascending);
        Comparator<byte[]> unsigned = Arrays::compareUnsigned;
        descending.sort(unsigned.reversed());
        assertSorted(descending.toArray(byte[][]::new));
    }

    private static void assertSorted(byte[][] keys) {
        int[] order = StateIngest.order(keys);

        byte[][] expected = keys.clone();
        Arrays.sort(expected, Arrays::compareUnsigned);
        byte[][] actual = Arrays.stream(order).mapToObj(i -> keys[i]).toArray(byte[][]::new);
        assertThat(actual).isEqualTo(expected);
        assertThat(Arrays.stream(order).sorted().toArray())
                .isEqualTo(IntStream.range(0, keys.length).toArray());
    }
}
