package io.laminardb.engine.catalog;

import io.laminardb.engine.Row;
import io.laminardb.engine.SourceConfig;
import io.laminardb.engine.SourceInfo;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A source as the catalog holds it.
 *
 * @param name as declared
 * @param schema the columns
 * @param layout the row layout of {@code schema}, shared by every row of the source
 * @param watermarkColumn index of the {@code WATERMARK FOR} column, or -1
 * @param watermarkDelayMillis how far the automatic watermark trails the largest event time
 * @param config buffering and backpressure
 * @param options the {@code WITH} options as written
 * @param sql the statement that created it
 * @param idleTimeoutMillis after how long without progress a producer stops holding the watermark back; 0 never
 */
public record CatalogSource(
        String name,
        Schema schema,
        Row.Layout layout,
        int watermarkColumn,
        long watermarkDelayMillis,
        SourceConfig config,
        Map<String, String> options,
        String sql,
        long idleTimeoutMillis) {

    public CatalogSource {
        options = Map.copyOf(options);
    }

    public SourceInfo info() {
        Optional<String> column = watermarkColumn < 0
                ? Optional.empty()
                : Optional.of(schema.getFields().get(watermarkColumn).getName());
        return new SourceInfo(name, schema, column, watermarkDelayMillis, config, options, sql);
    }
}
