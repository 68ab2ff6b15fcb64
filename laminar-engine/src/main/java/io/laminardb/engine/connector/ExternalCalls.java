package io.laminardb.engine.connector;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Calls to an external system with retry and a circuit breaker (Resilience4j): a failed call is tried again after an
 * exponentially growing pause; when most recent calls fail, the circuit opens and calls fail at once for a while
 * (the health indicator then shows the connector DOWN), then a few calls test whether the system is back. One per
 * connector object, configured by the options in {@link #OPTIONS}.
 */
public final class ExternalCalls {

    /** The options every connector takes for this, with their defaults. */
    public static final List<ConnectorOption> OPTIONS = List.of(
            ConnectorOption.integer(
                            "retry.max_attempts", "How many times a failed call to the external system is tried in all")
                    .withDefault("10"),
            ConnectorOption.duration(
                            "retry.initial_backoff", "The pause before the first retry; it doubles with each one")
                    .withDefault("200ms"),
            ConnectorOption.duration("retry.max_backoff", "The longest pause between retries")
                    .withDefault("30s"),
            ConnectorOption.integer(
                            "circuit_breaker.failure_rate",
                            "The percentage of failed calls (of the last 20) at which the circuit opens")
                    .withDefault("50"),
            ConnectorOption.duration(
                            "circuit_breaker.open_duration",
                            "How long an open circuit refuses calls before it lets a few through to test")
                    .withDefault("30s"));

    private final String name;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final ConnectorMetrics metrics;

    /**
     * @param name the connector object, to name the retry and the circuit in logs
     * @param options options holding the keys of {@link #OPTIONS} (defaults filled in)
     */
    public ExternalCalls(String name, ConnectorOptions options, ConnectorMetrics metrics) {
        this.name = name;
        this.metrics = metrics;
        Duration initial = options.getDuration("retry.initial_backoff").orElse(Duration.ofMillis(200));
        Duration max = options.getDuration("retry.max_backoff").orElse(Duration.ofSeconds(30));
        this.retry = Retry.of(
                name,
                RetryConfig.custom()
                        .maxAttempts(
                                Math.max(1, options.getInt("retry.max_attempts").orElse(10)))
                        .intervalFunction(IntervalFunction.ofExponentialBackoff(initial, 2.0, max))
                        .retryOnException(e -> !(e instanceof NonRetryable))
                        .build());
        this.breaker = CircuitBreaker.of(
                name,
                CircuitBreakerConfig.custom()
                        .failureRateThreshold(Math.max(
                                1,
                                Math.min(
                                        100,
                                        options.getInt("circuit_breaker.failure_rate")
                                                .orElse(50))))
                        .slidingWindowSize(20)
                        .minimumNumberOfCalls(5)
                        .waitDurationInOpenState(options.getDuration("circuit_breaker.open_duration")
                                .orElse(Duration.ofSeconds(30)))
                        .permittedNumberOfCallsInHalfOpenState(2)
                        .ignoreExceptions(NonRetryable.class)
                        .build());
        retry.getEventPublisher().onRetry(event -> {
            metrics.retried();
            metrics.error(name + ": " + event.getLastThrowable());
        });
    }

    /** Marks a failure that retrying cannot fix (bad credentials, a missing topic): it is thrown at once. */
    public static final class NonRetryable extends Exception {
        public NonRetryable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Runs {@code call}, retrying it while it fails and the attempts last, through the circuit breaker.
     *
     * @throws Exception the last failure when every attempt failed, a {@link NonRetryable} at once, or {@code
     *     io.github.resilience4j.circuitbreaker.CallNotPermittedException} while the circuit is open
     */
    public <T> T call(Callable<T> call) throws Exception {
        return Retry.decorateCallable(retry, CircuitBreaker.decorateCallable(breaker, call))
                .call();
    }

    /** {@link #call} for a call without a result. */
    public void run(CheckedRunnable call) throws Exception {
        call(() -> {
            call.run();
            return null;
        });
    }

    /** A call without a result that may throw. */
    @FunctionalInterface
    public interface CheckedRunnable {
        void run() throws Exception;
    }

    /** Whether the circuit refuses calls now. */
    public boolean isOpen() {
        CircuitBreaker.State state = breaker.getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    /** The circuit's state: CLOSED, OPEN, HALF_OPEN, ... */
    public String circuitState() {
        return breaker.getState().name();
    }

    public String name() {
        return name;
    }

    public ConnectorMetrics metrics() {
        return metrics;
    }
}
