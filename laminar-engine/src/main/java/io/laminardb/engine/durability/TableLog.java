package io.laminardb.engine.durability;

import io.laminardb.engine.WalMode;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** What one table writes to the log of its engine thread: the rows each statement upserted or deleted. */
public final class TableLog {

    private final String table;
    private final int columns;
    private final Journal journal;
    private final WalMode mode;
    private final AtomicLong order;

    public TableLog(String table, int columns, Journal journal, WalMode mode, AtomicLong order) {
        this.table = table;
        this.columns = columns;
        this.journal = journal;
        this.mode = mode;
        this.order = order;
    }

    /**
     * Logs rows upserted ({@code upsert}) or deleted, under the table's lock so that the log holds its changes in the
     * order they were made; returns when the record is as durable as the mode promises.
     */
    public void append(boolean upsert, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        long end = journal.append(LogRecord.tableChange(upsert, table, order.incrementAndGet(), columns, rows));
        if (mode == WalMode.SYNC) {
            journal.awaitDurable(end);
        }
    }
}
