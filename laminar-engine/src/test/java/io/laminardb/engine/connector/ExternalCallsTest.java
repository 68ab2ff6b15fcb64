package io.laminardb.engine.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Retry with backoff and the circuit breaker around a connector's calls. */
class ExternalCallsTest {

    private static ExternalCalls calls(Map<String, String> options, ConnectorMetrics metrics) {
        Map<String, String> all = new java.util.HashMap<>(Map.of(
                "retry.max_attempts", "4",
                "retry.initial_backoff", "1ms",
                "retry.max_backoff", "2ms",
                "circuit_breaker.failure_rate", "50",
                "circuit_breaker.open_duration", "1h"));
        all.putAll(options);
        return new ExternalCalls("orders", ConnectorOptions.of(all), metrics);
    }

    @Test
    void aFailingCallIsTriedAgainUntilItSucceedsAndTheRetriesAreCounted() throws Exception {
        ConnectorMetrics metrics = new ConnectorMetrics("orders", "test");
        AtomicInteger attempts = new AtomicInteger();
        String result = calls(Map.of(), metrics).call(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IOException("broker unreachable");
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(attempts).hasValue(3);
        assertThat(metrics.retries()).isEqualTo(2);
        assertThat(metrics.lastError()).get().asString().contains("broker unreachable");
    }

    @Test
    void aNonRetryableFailureIsThrownAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> calls(Map.of(), new ConnectorMetrics("orders", "test"))
                        .call(() -> {
                            attempts.incrementAndGet();
                            throw new ExternalCalls.NonRetryable("bad credentials", null);
                        }))
                .isInstanceOf(ExternalCalls.NonRetryable.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void repeatedFailuresOpenTheCircuitAndThenCallsFailAtOnce() {
        ExternalCalls calls = calls(Map.of("retry.max_attempts", "1"), new ConnectorMetrics("orders", "test"));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> calls.call(() -> {
                        throw new IOException("down");
                    }))
                    .isInstanceOf(IOException.class);
        }
        assertThat(calls.isOpen()).isTrue();
        assertThat(calls.circuitState()).isEqualTo("OPEN");
        AtomicInteger reached = new AtomicInteger();
        assertThatThrownBy(() -> calls.call(reached::incrementAndGet)).isInstanceOf(CallNotPermittedException.class);
        assertThat(reached).hasValue(0);
    }
}
