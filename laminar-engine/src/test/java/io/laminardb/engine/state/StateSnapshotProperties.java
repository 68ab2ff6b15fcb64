package io.laminardb.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The binary form of a {@link StateSnapshot}: what is written reads back equal, owner by owner, state by state and entry
 * by entry; a stream that is not a whole snapshot of a version this build reads is a {@link StateFormatException}.
 */
class StateSnapshotProperties {

    @Provide
    Arbitrary<StateSnapshot> snapshots() {
        Arbitrary<StateEntry> entry = Combinators.combine(
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(12),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(30))
                .as(StateEntry::new);
        Arbitrary<Map<String, List<StateEntry>>> states = Arbitraries.maps(
                        Arbitraries.of("window-aggregate", "late-rows", "output", "source", "rows", "x\u00e9\uD800"),
                        entry.list().ofMaxSize(6))
                .ofMaxSize(4);
        Arbitrary<OwnerState> owner = Combinators.combine(
                        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
                        Arbitraries.of(OwnerKind.class),
                        Arbitraries.strings().all().ofMaxLength(40),
                        states)
                .as(OwnerState::new);
        return owner.list()
                .ofMaxSize(5)
                .uniqueElements(o -> o.name().toLowerCase())
                .map(owners -> {
                    StateSnapshot.Builder builder = StateSnapshot.builder();
                    owners.forEach(builder::add);
                    return builder.build();
                });
    }

    @Property(tries = 200)
    void aSnapshotReadsBackEqualToWhatWasWritten(@ForAll("snapshots") StateSnapshot snapshot) {
        StateSnapshot read = StateSnapshot.fromByteArray(snapshot.toByteArray());

        assertThat(read).isEqualTo(snapshot);
        assertThat(read.entryCount()).isEqualTo(snapshot.entryCount());
        for (OwnerState owner : snapshot.owners()) {
            assertThat(read.owner(owner.name().toUpperCase())).contains(owner);
        }
    }

    @Property(tries = 200)
    void changingAnyByteIsDetected(
            @ForAll("snapshots") StateSnapshot snapshot, @ForAll @IntRange(max = 10_000) int at) {
        byte[] bytes = snapshot.toByteArray();
        int position = at % bytes.length;
        bytes[position] ^= (byte) (1 + at % 255);

        assertThatThrownBy(() -> StateSnapshot.fromByteArray(bytes)).isInstanceOf(StateFormatException.class);
    }

    @Property(tries = 100)
    void aSnapshotCutShortAnywhereIsRefused(@ForAll("snapshots") StateSnapshot snapshot) {
        byte[] bytes = snapshot.toByteArray();
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> StateSnapshot.fromByteArray(cut)).isInstanceOf(StateFormatException.class);
        }
    }

    @Example
    void bytesAfterTheChecksumAreRefused() {
        byte[] bytes = Arrays.copyOf(sample().toByteArray(), sample().toByteArray().length + 1);

        assertThatThrownBy(() -> StateSnapshot.fromByteArray(bytes))
                .isInstanceOf(StateFormatException.class)
                .hasMessageContaining("after its checksum");
    }

    @Example
    void aNewerFormatVersionIsRefusedNamingIt() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(StateFormat.MAGIC);
        out.writeByte(StateFormat.VERSION + 1);

        assertThatThrownBy(() -> StateSnapshot.fromByteArray(bytes.toByteArray()))
                .isInstanceOf(StateFormatException.class)
                .hasMessageContaining("format version " + (StateFormat.VERSION + 1));
    }

    @Example
    void anotherFileIsRefusedAsNotASnapshot() {
        assertThatThrownBy(() -> StateSnapshot.fromByteArray("PK\u0003\u0004 a zip file".getBytes()))
                .isInstanceOf(StateFormatException.class)
                .hasMessageContaining("Not a LaminarDB state snapshot");
    }

    @Example
    void aStateWithoutEntriesIsKept() {
        StateSnapshot.Builder builder = StateSnapshot.builder();
        builder.owner("bars", OwnerKind.STREAM, "SELECT 1");
        builder.state("late-rows");
        builder.put("output", new byte[] {1}, new byte[] {2});

        StateSnapshot read = StateSnapshot.fromByteArray(builder.build().toByteArray());

        assertThat(read.owner("BARS").orElseThrow().stateNames()).containsExactly("late-rows", "output");
    }

    @Example
    void anOwnerIsInASnapshotOnce() {
        StateSnapshot.Builder builder = StateSnapshot.builder();
        builder.owner("bars", OwnerKind.STREAM, "a");

        assertThatThrownBy(() -> builder.owner("Bars", OwnerKind.STREAM, "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bars");
    }

    private static StateSnapshot sample() {
        StateSnapshot.Builder builder = StateSnapshot.builder();
        builder.owner("ev", OwnerKind.SOURCE, "columns=(k VARCHAR)");
        builder.put("source", EntryKeys.shared("watermark"), new byte[] {4});
        return builder.build();
    }
}
