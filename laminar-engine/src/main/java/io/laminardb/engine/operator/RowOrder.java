package io.laminardb.engine.operator;

import java.util.Comparator;

/**
 * The order of an {@code OVER} window's {@code ORDER BY}: compares the sort keys of rows (the values of the sort
 * columns, in order) column by column, each ascending or descending, with nulls first or last.
 *
 * <p>Values of one column have one class, in query form ({@code Long} timestamps, {@code String}, {@code BigDecimal},
 * ...), and are compared by their natural order.
 */
public final class RowOrder implements Comparator<Object[]> {

    private final int[] columns;
    private final boolean[] descending;
    private final boolean[] nullsFirst;
    private final String text;

    /**
     * @param columns the input columns sorted by, most significant first
     * @param descending for each, whether it sorts descending
     * @param nullsFirst for each, whether nulls come before every value
     * @param text the order as the query writes it, for {@code EXPLAIN}
     */
    public RowOrder(int[] columns, boolean[] descending, boolean[] nullsFirst, String text) {
        if (columns.length != descending.length || columns.length != nullsFirst.length) {
            throw new IllegalArgumentException("one direction and one null order per column");
        }
        this.columns = columns.clone();
        this.descending = descending.clone();
        this.nullsFirst = nullsFirst.clone();
        this.text = text;
    }

    /** The sort key of {@code row}: its values of the sort columns. */
    Object[] key(Object[] row) {
        Object[] key = new Object[columns.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = row[columns[i]];
        }
        return key;
    }

    /** Compares two sort keys made by {@link #key}. */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compare(Object[] a, Object[] b) {
        for (int i = 0; i < columns.length; i++) {
            Object x = a[i];
            Object y = b[i];
            int c;
            if (x == null || y == null) {
                if (x == y) {
                    continue;
                }
                // Nulls first: a null is smaller, whatever the direction.
                return (x == null) == nullsFirst[i] ? -1 : 1;
            }
            c = ((Comparable) x).compareTo(y);
            if (c != 0) {
                return descending[i] ? -c : c;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
