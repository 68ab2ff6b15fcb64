package io.laminardb.engine;

import java.util.Map;

/**
 * What the catalog knows of a sink.
 *
 * @param name the sink's name
 * @param input the stream, view or source whose rows it writes
 * @param connector the connector that writes them ({@code kafka}, ...)
 * @param options the connector's options with defaults filled in, secrets masked
 * @param sql the statement that created it, secrets masked
 */
public record SinkInfo(String name, String input, String connector, Map<String, String> options, String sql) {

    public SinkInfo {
        options = Map.copyOf(options);
    }
}
