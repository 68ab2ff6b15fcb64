package io.laminardb.engine;

import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The outcome of {@link LaminarDB#execute(String)}.
 *
 * @param kind what sort of statement ran
 * @param ddlType for {@link Kind#DDL}, the statement ({@code "CREATE SOURCE"}, {@code "DROP SOURCE"}, ...)
 * @param schema for {@link Kind#ROWS}, the columns of {@code rows}
 * @param rows for {@link Kind#ROWS} ({@code SHOW}, {@code DESCRIBE}), the rows; empty otherwise
 * @param rowsAffected for {@link Kind#DML}, the rows inserted or deleted; 0 otherwise
 */
public record ExecuteResult(
        Kind kind, Optional<String> ddlType, Optional<Schema> schema, List<Row> rows, long rowsAffected) {

    /** The sorts of statement. */
    public enum Kind {
        /** {@code CREATE}, {@code DROP}: changed the catalog. */
        DDL,
        /** {@code SHOW}, {@code DESCRIBE}, {@code EXPLAIN}: returned rows. */
        ROWS,
        /** {@code INSERT}, {@code DELETE}: changed data. */
        DML
    }

    public ExecuteResult {
        rows = List.copyOf(rows);
    }

    public static ExecuteResult ddl(String ddlType) {
        return new ExecuteResult(Kind.DDL, Optional.of(ddlType), Optional.empty(), List.of(), 0);
    }

    public static ExecuteResult rows(Schema schema, List<Row> rows) {
        return new ExecuteResult(Kind.ROWS, Optional.empty(), Optional.of(schema), rows, 0);
    }

    public static ExecuteResult dml(long rowsAffected) {
        return new ExecuteResult(Kind.DML, Optional.empty(), Optional.empty(), List.of(), rowsAffected);
    }
}
