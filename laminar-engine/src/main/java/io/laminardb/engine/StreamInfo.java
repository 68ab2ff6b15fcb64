package io.laminardb.engine;

import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What the catalog knows of a stream or materialized view.
 *
 * @param name the stream's or view's name
 * @param schema its columns as an Arrow schema
 * @param input the source, stream or view its query reads
 * @param emit the emit mode in force, as SQL ({@code ON WINDOW CLOSE}, {@code CHANGES}, ...)
 * @param changelog whether its rows may be retracted or updated
 * @param rowsEmitted rows (changes included) it has carried so far
 * @param rows how many rows a materialized view holds now; 0 for a stream
 * @param sql the statement that created it
 * @param stateRows the rows its query's joins hold now, for the rows still to come (see {@code docs/sql.md},
 *     "Joins"): flat for an interval or window join, growing with its inputs for a regular join
 */
public record StreamInfo(
        String name,
        Schema schema,
        String input,
        String emit,
        boolean changelog,
        long rowsEmitted,
        long rows,
        String sql,
        long stateRows) {}
