package io.laminardb.engine.stream;

import io.laminardb.engine.state.EntrySink;
import io.laminardb.engine.state.StateEntry;
import io.laminardb.engine.state.Stateful;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows a query could not process: an expression that failed on them (a division by zero, a string that does not
 * {@code CAST} to a number). Such a row is skipped and counted, and the query goes on, as a processing log would have
 * it; the first failures and then every thousandth are logged with the row, so the cause can be found. A checkpoint
 * keeps the count.
 */
public final class RowErrors implements Stateful {

    private static final Logger log = LoggerFactory.getLogger(RowErrors.class);

    private final String query;
    private final LongAdder count = new LongAdder();

    public RowErrors(String query) {
        this.query = query;
    }

    /** Counts and logs a failure of {@code row}. */
    public void failed(Object[] row, RuntimeException error) {
        count.increment();
        long n = count.sum();
        if (n <= 10 || n % 1000 == 0) {
            log.warn(
                    "Query '{}' skipped a row it could not process ({} so far): {} on row {}",
                    query,
                    n,
                    error.toString(),
                    Arrays.toString(row));
        }
    }

    public long count() {
        return count.sum();
    }

    @Override
    public void snapshot(EntrySink out) {
        out.put(StateEntry.shared("count", count.sum()));
    }

    @Override
    public void restore(List<StateEntry> entries) {
        count.reset();
        for (StateEntry entry : entries) {
            count.add(entry.longValue());
        }
    }
}
