package io.laminardb.samples.quickstart;

import io.laminardb.engine.record.RecordType;
import io.laminardb.engine.record.RecordTypes;
import java.time.Instant;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The smallest LaminarDB program: a {@code @Record} type, its generated Arrow schema, and a batch of trades written to
 * Arrow columns and read back.
 */
public final class QuickstartApplication {

    private QuickstartApplication() {}

    public static void main(String[] args) {
        RecordType<Trade> trades = RecordTypes.of(Trade.class);
        System.out.println("Schema of Trade:");
        trades.schema().getFields().forEach(field -> System.out.println("  " + field));
        System.out.println("Event-time column: "
                + trades.schema().getFields().get(trades.eventTimeColumn()).getName());

        Instant now = Instant.parse("2026-11-21T09:30:00Z");
        List<Trade> batch = List.of(
                new Trade("AAPL", 190.10, 100, now),
                new Trade("MSFT", 415.25, 50, now.plusMillis(5)),
                new Trade("AAPL", 190.12, 300, now.plusMillis(9)));

        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = trades.createRoot(allocator)) {
            trades.writeAll(batch, root);
            System.out.println();
            System.out.println("As Arrow columns (" + root.getRowCount() + " rows):");
            System.out.print(root.contentToTSVString());
            List<Trade> back = trades.readAll(root);
            System.out.println();
            System.out.println("Read back equals what was written: " + back.equals(batch));
        }
    }
}
