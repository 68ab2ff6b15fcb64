package io.laminardb.engine.operator;

/**
 * One analytic function of an {@code OVER} window, as the operators compute it: a ranking ({@code ROW_NUMBER}, {@code
 * RANK}, {@code DENSE_RANK}) or an offset into the rows of the partition ({@code LAG}, {@code LEAD}).
 *
 * @param kind the function
 * @param column the input column {@code LAG} or {@code LEAD} reads; -1 for a ranking
 * @param offset how many rows back ({@code LAG}) or ahead ({@code LEAD}); 0 for a ranking
 * @param defaultColumn the input column whose value (of the current row) is the default of {@code LAG} or {@code LEAD},
 *     or -1 for {@code defaultValue}
 * @param defaultValue the constant default, in query form (null when there is none)
 */
public record AnalyticFunction(Kind kind, int column, int offset, int defaultColumn, Object defaultValue) {

    /** The functions. */
    public enum Kind {
        ROW_NUMBER,
        RANK,
        DENSE_RANK,
        LAG,
        LEAD;

        /** Whether the function ranks rows rather than reading another row's value. */
        public boolean ranks() {
            return this == ROW_NUMBER || this == RANK || this == DENSE_RANK;
        }
    }

    public AnalyticFunction {
        if (offset < 0) {
            throw new IllegalArgumentException("a negative offset: " + offset);
        }
        if (kind.ranks() != (column < 0)) {
            throw new IllegalArgumentException(kind + " with column " + column);
        }
    }

    /** A ranking function. */
    public static AnalyticFunction ranking(Kind kind) {
        return new AnalyticFunction(kind, -1, 0, -1, null);
    }

    /** {@code LAG} or {@code LEAD} of {@code column}. */
    public static AnalyticFunction offset(Kind kind, int column, int offset, int defaultColumn, Object defaultValue) {
        return new AnalyticFunction(kind, column, offset, defaultColumn, defaultValue);
    }

    /** The default of {@code LAG} or {@code LEAD} for the current row {@code row}. */
    Object defaultFor(Object[] row) {
        return defaultColumn >= 0 ? row[defaultColumn] : defaultValue;
    }
}
