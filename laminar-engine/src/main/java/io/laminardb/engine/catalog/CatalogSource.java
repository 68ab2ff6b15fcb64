package io.laminardb.engine.catalog;

import io.laminardb.engine.Row;
import io.laminardb.engine.SourceConfig;
import io.laminardb.engine.SourceInfo;
import io.laminardb.engine.connector.ConnectorOptions;
import io.laminardb.engine.connector.SourceSpec;
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
 * @param connector the connector it reads from, null for a source the application pushes into
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
        long idleTimeoutMillis,
        ConnectorBinding connector) {

    public CatalogSource {
        options = Map.copyOf(options);
    }

    /** The source as its connector sees it; only with a connector. */
    public SourceSpec connectorSpec() {
        return new SourceSpec(
                name, schema, layout, watermarkColumn, watermarkDelayMillis, idleTimeoutMillis, connector.options());
    }

    /** Whether its rows are a changelog (a connector with a format such as {@code debezium}). */
    public boolean changelog() {
        return connector != null && connector.changelog();
    }

    public SourceInfo info() {
        Optional<String> column = watermarkColumn < 0
                ? Optional.empty()
                : Optional.of(schema.getFields().get(watermarkColumn).getName());
        return new SourceInfo(name, schema, column, watermarkDelayMillis, config, masked(options), sql);
    }

    /** The options as they may be shown: connector secrets masked. */
    private Map<String, String> masked(Map<String, String> options) {
        Map<String, String> shown = new java.util.LinkedHashMap<>();
        options.forEach((k, v) -> shown.put(
                k,
                (connector != null && connector.options().isSecret(k)) || ConnectorOptions.looksSecret(k)
                        ? ConnectorOptions.MASK
                        : v));
        return shown;
    }
}
