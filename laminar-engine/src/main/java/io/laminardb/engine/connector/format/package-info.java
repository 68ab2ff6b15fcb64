/**
 * The formats shared by connectors, found through {@link java.util.ServiceLoader} as {@link
 * io.laminardb.engine.connector.FormatFactory}s: {@code json}, {@code csv}, {@code raw} and {@code debezium}
 * (documented for users in {@code docs/connectors/formats.md}).
 *
 * <p>Each decoder and encoder is made for one source or sink and used by one thread, so it keeps its buffers and reuses
 * them from message to message; what is built once per schema (the {@link io.laminardb.engine.connector.format.Column}
 * of each field, with its SQL type resolved and its name indexed ignoring case) is immutable and shared.
 *
 * <p>JSON is read from the parser's tokens, never through a tree: a field is looked up as its name arrives and
 * converted in place, a field no column wants is skipped without being built. Numbers for {@code DECIMAL} and {@code
 * FLOAT} columns are taken from their digits, so they arrive exactly. ISO-8601 dates, times and timestamps are read and
 * written by hand for the usual shapes ({@code java.time}'s formatters cost microseconds a value, more than the rest of
 * a message), with the formatter kept as the reference and the fallback. Debezium's {@code schema} half, most of an
 * envelope and the same from one event to the next, is stepped over by scanning bytes for its closing brace and
 * compared with the previous one; it is read as a tree only when it changed.
 *
 * <p>A decoder hands nothing over until the whole message has decoded, so a message is either all its rows or a
 * {@link io.laminardb.engine.connector.DecodeException} (the dead-letter path), never half. Every problem with the
 * input is such an exception, naming the column, its SQL type and the value as written; runtime exceptions are left to
 * bugs.
 *
 * <p>Retractions are written the way each format can say them: {@code json} marks a row that is not an insert with
 * {@code "__op"}, {@code debezium} writes deletes and creates, {@code csv} and {@code raw} have no way and write rows
 * as they are.
 */
package io.laminardb.engine.connector.format;
