package io.laminardb.spring.autoconfigure.sink;

import io.laminardb.annotations.LaminarSink;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the {@code @LaminarSink} methods of every bean and checks their signatures as each bean is made, so that a
 * wrong signature fails start-up naming the bean and the method. The methods are run by {@link LaminarSinks}.
 */
public final class LaminarSinkAnnotationBeanPostProcessor implements BeanPostProcessor {

    /** Classes known to have no sink method, so the next bean of the class is not introspected again. */
    private final Set<Class<?>> withoutSinks = ConcurrentHashMap.newKeySet();

    private final List<SinkMethod> found = new ArrayList<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> target = AopUtils.getTargetClass(bean);
        if (withoutSinks.contains(target) || !AnnotationUtils.isCandidateClass(target, LaminarSink.class)) {
            return bean;
        }
        Map<Method, LaminarSink> methods =
                MethodIntrospector.selectMethods(target, (MethodIntrospector.MetadataLookup<LaminarSink>)
                        method -> AnnotatedElementUtils.findMergedAnnotation(method, LaminarSink.class));
        if (methods.isEmpty()) {
            withoutSinks.add(target);
            return bean;
        }
        for (Map.Entry<Method, LaminarSink> entry : methods.entrySet()) {
            Method method = entry.getKey();
            String stream = entry.getValue().value();
            if (stream.isBlank()) {
                throw new IllegalStateException("@LaminarSink on " + target.getSimpleName() + "." + method.getName()
                        + " of bean '" + beanName + "' names no stream: write @LaminarSink(\"stream_name\").");
            }
            SinkShape shape = SinkShape.of(method, beanName);
            Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
            ReflectionUtils.makeAccessible(invocable);
            synchronized (found) {
                found.add(new SinkMethod(beanName, bean, invocable, stream, shape));
            }
        }
        return bean;
    }

    /** The sink methods found so far. */
    List<SinkMethod> sinkMethods() {
        synchronized (found) {
            return List.copyOf(found);
        }
    }
}
