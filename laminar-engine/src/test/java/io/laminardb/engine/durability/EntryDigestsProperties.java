package io.laminardb.engine.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.durability.EntryDigests.Visit;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link EntryDigests} against a {@link HashMap} of the keys and digests: over passes of visits and sweeps it says
 * what changed, what is twice and what is gone exactly as the map does, through growth and removals.
 */
class EntryDigestsProperties {

    record Visited(byte[] key, long digest) {}

    @Provide
    Arbitrary<List<List<Visited>>> passes() {
        Arbitrary<byte[]> keys = Arbitraries.bytes()
                .between((byte) 0, (byte) 40)
                .array(byte[].class)
                .ofMaxSize(2);
        Arbitrary<Visited> visit =
                keys.flatMap(key -> Arbitraries.longs().between(0, 3).map(digest -> new Visited(key, digest)));
        return visit.list().ofMaxSize(300).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 100)
    void visitsAndSweepsAgreeWithAMapOfTheKeys(@ForAll("passes") List<List<Visited>> passes) {
        EntryDigests digests = new EntryDigests();
        Map<ByteBuffer, Long> model = new HashMap<>();

        for (List<Visited> pass : passes) {
            digests.beginPass(pass.size() / 2);
            Set<ByteBuffer> seen = new HashSet<>();
            List<Visit> expected = new ArrayList<>();
            List<Visit> actual = new ArrayList<>();
            for (Visited visited : pass) {
                ByteBuffer key = ByteBuffer.wrap(visited.key());
                if (!seen.add(key)) {
                    expected.add(Visit.DUPLICATE);
                } else {
                    Long before = model.put(key, visited.digest());
                    expected.add(before != null && before == visited.digest() ? Visit.UNCHANGED : Visit.CHANGED);
                }
                actual.add(digests.visit(visited.key(), visited.digest()));
            }
            assertThat(actual).isEqualTo(expected);
            Set<ByteBuffer> gone = new HashSet<>(model.keySet());
            gone.removeAll(seen);
            model.keySet().retainAll(seen);

            assertThat(digests.sweep()).map(ByteBuffer::wrap).containsExactlyInAnyOrderElementsOf(gone);
            assertThat(digests.size()).isEqualTo(model.size());
        }
    }

    @Example
    void keysOverManyArenaPagesAndLargerThanAPageSurviveSweepsAndCompactions() {
        EntryDigests digests = new EntryDigests();
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            byte[] key = new byte[i % 3 == 0 ? 1_000 : 200 + i % 50];
            Arrays.fill(key, (byte) i);
            key[0] = (byte) (i >>> 8);
            keys.add(key);
        }
        keys.add(new byte[3 << 20]);
        digests.beginPass(0);
        keys.forEach(key -> assertThat(digests.visit(key, 1)).isEqualTo(Visit.CHANGED));
        assertThat(digests.sweep()).isEmpty();

        for (int round = 0; round < 3; round++) {
            digests.beginPass(keys.size());
            List<byte[]> kept = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                if (i % 2 == 0 || i == keys.size() - 1) {
                    assertThat(digests.visit(keys.get(i), 1)).isEqualTo(Visit.UNCHANGED);
                    kept.add(keys.get(i));
                }
            }
            assertThat(digests.sweep()).hasSize(keys.size() - kept.size());
            keys = kept;
        }

        digests.beginPass(keys.size());
        for (byte[] key : keys) {
            assertThat(digests.visit(key, 2)).isEqualTo(Visit.CHANGED);
        }
        assertThat(digests.sweep()).isEmpty();
        assertThat(digests.size()).isEqualTo(keys.size());
    }

    @Example
    void aValuesDigestDependsOnEveryByteAndTheLength() {
        byte[] value = new byte[19];
        Set<Long> digests = new HashSet<>();
        digests.add(EntryDigests.hash(value));
        for (int i = 0; i < value.length; i++) {
            byte[] changed = value.clone();
            changed[i] = 1;
            digests.add(EntryDigests.hash(changed));
            digests.add(EntryDigests.hash(Arrays.copyOf(value, i)));
        }

        assertThat(digests).hasSize(1 + 2 * value.length);
    }
}
