package io.laminardb.engine.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.record.fixtures.AllTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.junit.jupiter.api.Test;

/**
 * Arrow IPC streams of generated records. IPC is the part of Arrow that needs {@code
 * --add-opens=java.base/java.nio=ALL-UNNAMED} on JDK 17+ (docs/jvm-flags.md); this test runs with the flags the build
 * sets for every JVM it launches, and fails if they stop being enough.
 */
class ArrowIpcTest {

    @Test
    void recordsSurviveAnArrowIpcStream() throws IOException {
        RecordType<AllTypes> type = RecordTypes.of(AllTypes.class);
        List<AllTypes> batch = AllTypesArbitraries.allTypes().list().ofSize(50).sample();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        try (BufferAllocator allocator = new RootAllocator()) {
            try (VectorSchemaRoot root = type.createRoot(allocator);
                    ArrowStreamWriter writer = new ArrowStreamWriter(root, null, bytes)) {
                type.writeAll(batch, root);
                writer.start();
                writer.writeBatch();
                writer.end();
            }
            try (ArrowStreamReader reader =
                    new ArrowStreamReader(new ByteArrayInputStream(bytes.toByteArray()), allocator)) {
                assertThat(reader.loadNextBatch()).isTrue();
                VectorSchemaRoot read = reader.getVectorSchemaRoot();
                assertThat(read.getSchema()).isEqualTo(type.schema());
                List<AllTypes> back = type.readAll(read);
                int columns = type.schema().getFields().size();
                for (int row = 0; row < batch.size(); row++) {
                    for (int column = 0; column < columns; column++) {
                        assertThat(Objects.deepEquals(
                                        type.get(batch.get(row), column), type.get(back.get(row), column)))
                                .isTrue();
                    }
                }
            }
        }
    }
}
