package io.laminardb.spring.autoconfigure.source;

import io.laminardb.annotations.LaminarSource;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.EmbeddedValueResolverAware;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringValueResolver;

/**
 * Finds the {@code @LaminarSource} methods of every bean and checks their signatures and poll intervals as each bean is
 * made, so that a wrong signature fails start-up naming the bean and the method. The methods are run by {@link
 * LaminarSourceMethods}.
 */
public final class LaminarSourceAnnotationBeanPostProcessor implements BeanPostProcessor, EmbeddedValueResolverAware {

    /** The poll interval of a method returning one record when its annotation sets none. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    /** Classes known to have no source method, so the next bean of the class is not introspected again. */
    private final Set<Class<?>> withoutSources = ConcurrentHashMap.newKeySet();

    private final List<SourceMethod> found = new ArrayList<>();

    private StringValueResolver resolver;

    @Override
    public void setEmbeddedValueResolver(StringValueResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> target = AopUtils.getTargetClass(bean);
        if (withoutSources.contains(target) || !AnnotationUtils.isCandidateClass(target, LaminarSource.class)) {
            return bean;
        }
        Map<Method, LaminarSource> methods =
                MethodIntrospector.selectMethods(target, (MethodIntrospector.MetadataLookup<LaminarSource>)
                        method -> AnnotatedElementUtils.findMergedAnnotation(method, LaminarSource.class));
        if (methods.isEmpty()) {
            withoutSources.add(target);
            return bean;
        }
        for (Map.Entry<Method, LaminarSource> entry : methods.entrySet()) {
            Method method = entry.getKey();
            LaminarSource annotation = entry.getValue();
            String source = annotation.value();
            if (source.isBlank()) {
                throw new IllegalStateException("@LaminarSource on " + target.getSimpleName() + "." + method.getName()
                        + " of bean '" + beanName + "' names no source: write @LaminarSource(\"source_name\").");
            }
            SourceShape shape = SourceShape.of(method, beanName);
            Duration interval = pollInterval(method, beanName, shape, annotation.pollInterval());
            Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
            ReflectionUtils.makeAccessible(invocable);
            synchronized (found) {
                found.add(new SourceMethod(beanName, bean, invocable, source, shape, interval));
            }
        }
        return bean;
    }

    /** The interval the annotation sets, the default for the one-record shape, or null for a method called once. */
    private Duration pollInterval(Method method, String beanName, SourceShape shape, String declared) {
        String text = resolver != null && !declared.isEmpty() ? resolver.resolveStringValue(declared) : declared;
        if (text == null || text.isBlank()) {
            return shape.kind() == SourceShape.Kind.RECORD ? DEFAULT_POLL_INTERVAL : null;
        }
        if (shape.kind() == SourceShape.Kind.SOURCE) {
            throw badInterval(
                    method,
                    beanName,
                    "it takes a Source<T>, so it is called once and pushes for as long as it likes; remove"
                            + " pollInterval = \"" + declared + "\"");
        }
        Duration interval;
        try {
            interval = DurationStyle.detectAndParse(text.strip());
        } catch (IllegalArgumentException e) {
            throw badInterval(
                    method,
                    beanName,
                    "pollInterval \"" + text + "\" is not a duration; write it as \"500ms\", \"2s\" or \"PT1M\"");
        }
        if (interval.isNegative()) {
            throw badInterval(method, beanName, "pollInterval \"" + text + "\" is negative");
        }
        return interval;
    }

    private static IllegalStateException badInterval(Method method, String beanName, String why) {
        return new IllegalStateException(
                "@LaminarSource method " + method.getDeclaringClass().getSimpleName() + "." + method.getName()
                        + " of bean '" + beanName + "': " + why + ".");
    }

    /** The source methods found so far. */
    List<SourceMethod> sourceMethods() {
        synchronized (found) {
            return List.copyOf(found);
        }
    }
}
