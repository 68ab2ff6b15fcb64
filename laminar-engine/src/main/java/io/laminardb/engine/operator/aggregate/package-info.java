/**
 * The aggregate functions of streaming {@code GROUP BY} and window operators: {@link
 * io.laminardb.engine.operator.aggregate.AggregateFunctions#of} turns each Calcite {@code AggregateCall} into an
 * {@link io.laminardb.engine.operator.aggregate.AggregateFunction}, which creates one {@link
 * io.laminardb.engine.operator.aggregate.AggregateState} per group or window.
 *
 * <p><b>Values.</b> Rows are {@code Object[]} in Calcite's internal representation: {@code TIMESTAMP} as {@code Long}
 * epoch milliseconds, {@code DATE} as {@code Integer} days, {@code TIME} as {@code Integer} milliseconds of the day,
 * {@code VARCHAR} as {@code String}, {@code DECIMAL} as {@code BigDecimal}, {@code REAL} as {@code Float}, {@code
 * DOUBLE} and {@code FLOAT} as {@code Double}, the integer types as their boxes, null as null. A result has exactly the
 * class of the call's type as Calcite inferred it with {@code RelDataTypeSystem.DEFAULT}: {@code SUM} and {@code AVG}
 * of an {@code INTEGER} are {@code INTEGER}, {@code AVG} of whole numbers truncates, {@code SUM} of {@code DECIMAL(10,
 * 2)} is {@code DECIMAL(19, 2)}. Nulls are skipped by every function but {@code COUNT(*)} (and {@code SINGLE_VALUE},
 * which must see every row). Overflow follows Calcite's generated code: {@code INTEGER} and {@code BIGINT} sums wrap,
 * {@code TINYINT} and {@code SMALLINT} sums that do not fit throw.
 *
 * <p><b>Two paths.</b> A window over an insert-only stream never retracts, and it is where throughput matters (several
 * million rows per second per thread for a windowed {@code COUNT} and {@code MAX} per key). So a function created
 * without {@code retractionsExpected} keeps running values in primitive fields of a state class specialised for the
 * type, and adds allocate nothing. A changelog input (an aggregate over an updating view) retracts rows; then {@code
 * MIN} and {@code MAX} keep a sorted multiset, {@code FIRST_VALUE} and {@code LAST_VALUE} the present values in arrival
 * order, and {@code APPROX_COUNT_DISTINCT} counts exactly, since a sketch cannot forget. {@code COUNT}, {@code SUM},
 * {@code AVG} and the variances retract by subtraction on either path; for doubles through compensated sums, so that a
 * retraction is an almost exact inverse of its add. {@code DISTINCT} keeps a value-to-multiplicity map in front of the
 * function.
 *
 * <p><b>Threads.</b> Functions are immutable and may be shared; a state belongs to one engine thread at a time.
 */
package io.laminardb.engine.operator.aggregate;
