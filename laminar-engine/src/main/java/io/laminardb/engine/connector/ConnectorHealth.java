package io.laminardb.engine.connector;

import java.util.Map;

/**
 * A connector's view of its own health, as Actuator shows it.
 *
 * @param up whether it works: connected, or retrying within its budget
 * @param detail what it is doing or why it is down
 * @param details more facts to show (the broker, the circuit breaker's state, the last error)
 */
public record ConnectorHealth(boolean up, String detail, Map<String, Object> details) {

    public ConnectorHealth {
        details = Map.copyOf(details);
    }

    public static ConnectorHealth up(String detail) {
        return new ConnectorHealth(true, detail, Map.of());
    }

    public static ConnectorHealth down(String detail) {
        return new ConnectorHealth(false, detail, Map.of());
    }
}
