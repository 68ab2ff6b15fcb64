package io.laminardb.engine;

import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What the catalog knows of a source.
 *
 * @param name the source's name
 * @param schema its columns as an Arrow schema
 * @param watermarkColumn the column of its {@code WATERMARK FOR} clause, if any
 * @param watermarkDelayMillis how far the automatic watermark trails the largest event time seen (0 without a clause)
 * @param config buffering and backpressure
 * @param options the {@code WITH} options as written, secrets masked
 * @param sql the statement that created it
 */
public record SourceInfo(
        String name,
        Schema schema,
        Optional<String> watermarkColumn,
        long watermarkDelayMillis,
        SourceConfig config,
        Map<String, String> options,
        String sql) {}
