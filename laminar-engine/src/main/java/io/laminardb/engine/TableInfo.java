package io.laminardb.engine;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What the catalog knows of a reference table ({@code CREATE TABLE}).
 *
 * @param name the table's name
 * @param schema its columns as an Arrow schema; the primary key columns are NOT NULL
 * @param primaryKey the names of the primary key columns, in key order
 * @param rows how many rows the table holds now
 * @param sql the statement that created it (secret options masked)
 * @param connector the connector a connector-backed table looks its rows up in ({@code postgres}), null for a table
 *     that holds its rows; a connector-backed table holds none ({@code rows} is 0)
 */
public record TableInfo(String name, Schema schema, List<String> primaryKey, long rows, String sql, String connector) {

    public TableInfo {
        primaryKey = List.copyOf(primaryKey);
    }
}
