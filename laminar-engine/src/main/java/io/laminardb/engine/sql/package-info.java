/**
 * Statement execution: {@link io.laminardb.engine.sql.StatementExecutor} dispatches each parsed statement to the
 * class that carries out its kind. Parsing lives in {@code sql.parser}; later phases (validation, planning,
 * operators) get packages of their own.
 */
package io.laminardb.engine.sql;
