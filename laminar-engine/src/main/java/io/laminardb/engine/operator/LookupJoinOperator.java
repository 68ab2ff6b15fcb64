package io.laminardb.engine.operator;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.plan.codegen.RowCalc;
import io.laminardb.engine.plan.codegen.RowPredicate;
import io.laminardb.engine.plan.codegen.RowProjection;
import java.util.Arrays;

/**
 * A lookup join: each stream row is joined with the table's row for its key, as the table is when the row is processed,
 * and handed on as the stream row's columns followed by the table row's. Later changes of the table do not change rows
 * already joined: the output is append-only.
 *
 * <p>An {@code INNER} join drops a row whose key has no row in the table (or a null in its key), or whose table row
 * fails the rest of the {@code ON} condition; a {@code LEFT} join hands it on with nulls for the table's columns.
 * Watermarks, ticks and the end pass through from the stream.
 *
 * <p>Runs on the stream's engine thread and reads the table through its {@link TableLookup}: an in-memory table's
 * lookup index, which the table keeps current from whichever thread changes it (a change is seen by the rows processed
 * after it was applied), or a connector-backed table's cache and connector.
 */
public final class LookupJoinOperator extends ForwardingOperator {

    private final TableLookup table;
    private final RowCalc tableProjection;
    private final int leftWidth;
    private final int rightWidth;
    private final int[] keyColumns;
    private final RowProjection keyProjection;
    private final RowPredicate condition;
    private final boolean outer;

    /**
     * @param table finds the table's row in query form by its primary key in query form
     * @param tableProjection computes the joined columns from a table row, or null to join the row as it is
     * @param leftWidth the columns of a stream row
     * @param rightWidth the joined columns of a table row
     * @param keyColumns the stream columns holding the key, in key order; or null to compute it with {@code
     *     keyProjection}
     * @param keyProjection computes the key, in key order and in the key columns' types, from a stream row
     * @param condition the rest of the {@code ON} condition, over the joined row; or null
     * @param outer whether this is a {@code LEFT} join
     */
    public LookupJoinOperator(
            TableLookup table,
            RowCalc tableProjection,
            int leftWidth,
            int rightWidth,
            int[] keyColumns,
            RowProjection keyProjection,
            RowPredicate condition,
            boolean outer,
            Operator next) {
        super(next);
        this.table = table;
        this.tableProjection = tableProjection;
        this.leftWidth = leftWidth;
        this.rightWidth = rightWidth;
        this.keyColumns = keyColumns == null ? null : keyColumns.clone();
        this.keyProjection = keyProjection;
        this.condition = condition;
        this.outer = outer;
    }

    @Override
    public void onRow(Object[] row, ChangeEvent.Op op, long timestamp) {
        Object[] match = lookup(row);
        Object[] joined = new Object[leftWidth + rightWidth];
        System.arraycopy(row, 0, joined, 0, leftWidth);
        if (match != null) {
            System.arraycopy(match, 0, joined, leftWidth, rightWidth);
            if (condition != null && !condition.test(joined)) {
                match = null;
                Arrays.fill(joined, leftWidth, joined.length, null);
            }
        }
        if (match != null || outer) {
            next.onRow(joined, op, timestamp);
        }
    }

    private Object[] lookup(Object[] row) {
        Object[] key;
        if (keyColumns != null) {
            key = new Object[keyColumns.length];
            for (int i = 0; i < key.length; i++) {
                key[i] = row[keyColumns[i]];
            }
        } else {
            key = keyProjection.apply(row);
        }
        for (Object value : key) {
            if (value == null) {
                return null; // NULL = anything is not TRUE
            }
        }
        Object[] match = table.find(Arrays.asList(key));
        return match == null || tableProjection == null ? match : tableProjection.apply(match);
    }
}
