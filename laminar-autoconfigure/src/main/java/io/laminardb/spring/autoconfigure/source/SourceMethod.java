package io.laminardb.spring.autoconfigure.source;

import java.lang.reflect.Method;
import java.time.Duration;

/**
 * A {@code @LaminarSource} method found on a bean.
 *
 * @param beanName the bean's name
 * @param bean the bean (a proxy if it is one)
 * @param method the method to call, invocable on {@code bean}
 * @param source the source it produces into
 * @param shape what it returns or takes
 * @param pollInterval the pause between calls; null for a method called once
 */
record SourceMethod(
        String beanName, Object bean, Method method, String source, SourceShape shape, Duration pollInterval) {

    /** {@code Class.method}, for messages, thread names and Actuator. */
    String name() {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }

    /** The poll interval as {@code 250ms}, {@code 2s}, {@code 5m} or {@code 1h}: the largest unit that fits exactly. */
    String pollIntervalText() {
        long millis = pollInterval.toMillis();
        if (pollInterval.toNanosPart() % 1_000_000 != 0) {
            return pollInterval.toString();
        }
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis != 0 && millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }

    /** Whether the method is called again after each call, rather than once. */
    boolean polled() {
        return pollInterval != null;
    }
}
