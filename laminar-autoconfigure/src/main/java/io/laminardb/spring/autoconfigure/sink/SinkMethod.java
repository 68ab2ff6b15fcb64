package io.laminardb.spring.autoconfigure.sink;

import java.lang.reflect.Method;

/**
 * A {@code @LaminarSink} method found on a bean.
 *
 * @param beanName the bean's name
 * @param bean the bean (a proxy if it is one)
 * @param method the method to call, invocable on {@code bean}
 * @param stream the source, stream or view it receives from
 * @param shape what it takes
 */
record SinkMethod(String beanName, Object bean, Method method, String stream, SinkShape shape) {

    /** {@code Class.method}, for messages, thread names and the {@code sink} tag of meters. */
    String name() {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
