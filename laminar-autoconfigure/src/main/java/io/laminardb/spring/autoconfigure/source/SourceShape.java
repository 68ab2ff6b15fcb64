package io.laminardb.spring.autoconfigure.source;

import io.laminardb.engine.Source;
import io.laminardb.engine.record.RecordTypes;
import java.lang.reflect.Method;
import java.util.stream.Stream;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * How a {@code @LaminarSource} method produces, read from its parameters and return type.
 *
 * @param kind what the method returns or takes
 * @param recordType the {@code @Record} class it produces
 */
record SourceShape(Kind kind, Class<?> recordType) {

    /** Reactor's {@code Flux}, or null when reactor-core is not on the class path. */
    private static final Class<?> FLUX = optionalClass("reactor.core.publisher.Flux");

    private static final Class<?> PUBLISHER = optionalClass("org.reactivestreams.Publisher");

    private static final String SHAPES = "A source method either takes no parameter and returns a @Record type T"
            + " (called on the poll interval; null for nothing now), Iterable<T>, Stream<T> or Flux<T> (called once, or"
            + " on the poll interval if one is set), or takes one Source<T> parameter and returns void (called once; it"
            + " pushes itself).";

    /** How the method produces. */
    enum Kind {
        /** Returns one record per call, or null for none: called on the poll interval. */
        RECORD,
        /** Returns an {@code Iterable<T>}: each element pushed in order. */
        ITERABLE,
        /** Returns a {@code Stream<T>}: each element pushed in order, then the stream closed. */
        STREAM,
        /** Returns a {@code Flux<T>}: subscribed to with bounded demand, cancelled on stop. */
        FLUX,
        /** Takes a {@code Source<T>} and pushes into it itself: called once. */
        SOURCE
    }

    /** Whether reactor-core is on the class path, so that methods may return {@code Flux<T>}. */
    static boolean reactorPresent() {
        return FLUX != null;
    }

    /**
     * Reads the shape of {@code method}.
     *
     * @throws IllegalStateException naming the bean, the method and the shapes allowed, for any other signature
     */
    static SourceShape of(Method method, String beanName) {
        int parameters = method.getParameterCount();
        if (parameters > 1) {
            throw invalid(method, beanName, "it takes " + parameters + " parameters");
        }
        if (parameters == 1) {
            return pusher(method, beanName);
        }
        ResolvableType returned = ResolvableType.forMethodReturnType(method);
        Class<?> raw = returned.resolve(Object.class);
        if (raw == void.class || raw == Void.class) {
            throw invalid(method, beanName, "it takes no parameter and returns nothing");
        }
        if (Iterable.class.isAssignableFrom(raw)) {
            return new SourceShape(
                    Kind.ITERABLE, element(method, beanName, returned.as(Iterable.class), raw.getSimpleName()));
        }
        if (Stream.class.isAssignableFrom(raw)) {
            return new SourceShape(
                    Kind.STREAM, element(method, beanName, returned.as(Stream.class), raw.getSimpleName()));
        }
        if (FLUX != null && FLUX.isAssignableFrom(raw)) {
            return new SourceShape(Kind.FLUX, element(method, beanName, returned.as(FLUX), raw.getSimpleName()));
        }
        if (PUBLISHER != null && PUBLISHER.isAssignableFrom(raw)) {
            throw invalid(
                    method,
                    beanName,
                    "it returns " + describe(returned) + "; of the reactive types only Flux<T> is taken");
        }
        return new SourceShape(Kind.RECORD, record(method, beanName, raw, "its return type " + describe(returned)));
    }

    private static SourceShape pusher(Method method, String beanName) {
        ResolvableType parameter = ResolvableType.forMethodParameter(method, 0);
        if (parameter.resolve(Object.class) != Source.class) {
            throw invalid(method, beanName, "its parameter is a " + describe(parameter) + ", not a Source<T>");
        }
        if (method.getReturnType() != void.class) {
            throw invalid(
                    method,
                    beanName,
                    "it takes a Source<T> and returns "
                            + describe(ResolvableType.forMethodReturnType(method))
                            + "; such a method pushes into the source and returns nothing");
        }
        return new SourceShape(Kind.SOURCE, element(method, beanName, parameter, "Source"));
    }

    /** The record class of {@code Container<T>}, which must be a {@code @Record} type. */
    private static Class<?> element(Method method, String beanName, ResolvableType container, String name) {
        Class<?> type = container.getGeneric(0).resolve();
        if (type == null || type == Object.class) {
            throw invalid(
                    method,
                    beanName,
                    name + "<" + describe(container.getGeneric(0)) + "> does not say the record type; write " + name
                            + "<Trade> with a @Record type");
        }
        return record(method, beanName, type, name + "<" + type.getSimpleName() + ">");
    }

    private static Class<?> record(Method method, String beanName, Class<?> type, String what) {
        if (type.isPrimitive() || type.isArray() || type.isInterface() || type == Object.class) {
            throw invalid(method, beanName, what + " is not a record type");
        }
        try {
            RecordTypes.of(type);
        } catch (IllegalArgumentException e) {
            throw invalid(method, beanName, what + " is not usable: " + e.getMessage());
        }
        return type;
    }

    /** {@code List<Tick>} rather than {@code java.util.List<com.example.Tick>}; {@code ?} for what is unknown. */
    private static String describe(ResolvableType type) {
        Class<?> raw = type.resolve();
        if (raw == null) {
            return "?";
        }
        if (!type.hasGenerics()) {
            return raw.getSimpleName();
        }
        StringBuilder text = new StringBuilder(raw.getSimpleName()).append('<');
        ResolvableType[] generics = type.getGenerics();
        for (int i = 0; i < generics.length; i++) {
            text.append(i == 0 ? "" : ", ").append(describe(generics[i]));
        }
        return text.append('>').toString();
    }

    static IllegalStateException invalid(Method method, String beanName, String why) {
        return new IllegalStateException(
                "@LaminarSource method " + method.getDeclaringClass().getSimpleName() + "."
                        + method.getName() + " of bean '" + beanName + "' cannot produce events: " + why
                        + (why.endsWith(".") ? " " : ". ") + SHAPES);
    }

    private static Class<?> optionalClass(String name) {
        ClassLoader loader = SourceShape.class.getClassLoader();
        if (!ClassUtils.isPresent(name, loader)) {
            return null;
        }
        return ClassUtils.resolveClassName(name, loader);
    }

    @Override
    public String toString() {
        String record = recordType.getSimpleName();
        return switch (kind) {
            case RECORD -> record;
            case ITERABLE -> "Iterable<" + record + ">";
            case STREAM -> "Stream<" + record + ">";
            case FLUX -> "Flux<" + record + ">";
            case SOURCE -> "Source<" + record + ">";
        };
    }
}
