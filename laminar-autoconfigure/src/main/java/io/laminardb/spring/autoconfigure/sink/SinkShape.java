package io.laminardb.spring.autoconfigure.sink;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;
import java.lang.reflect.Method;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.springframework.core.ResolvableType;

/**
 * What a {@code @LaminarSink} method takes, read from its one parameter.
 *
 * @param kind one row, a list of rows, a change, or an Arrow batch
 * @param rowType the record class, or {@link Row} for untyped rows; null for {@link Kind#ARROW}
 */
record SinkShape(Kind kind, Class<?> rowType) {

    /** How rows are handed to the method. */
    enum Kind {
        /** One row per call: a {@code @Record} type or {@link Row}. */
        ROW,
        /** Up to {@code max-batch-size} rows per call: {@code List<T>}. */
        LIST,
        /** One change per call, retractions included: {@code ChangeEvent<T>}. */
        CHANGE,
        /** The rows buffered, as one Arrow batch: {@code VectorSchemaRoot}, closed after the call. */
        ARROW
    }

    /**
     * Reads the shape of {@code method}.
     *
     * @throws IllegalStateException naming the method and the shapes allowed, for any other signature
     */
    static SinkShape of(Method method, String beanName) {
        if (method.getParameterCount() != 1) {
            throw invalid(method, beanName, "it takes " + method.getParameterCount() + " parameters, not one");
        }
        ResolvableType parameter = ResolvableType.forMethodParameter(method, 0);
        Class<?> raw = parameter.resolve(Object.class);
        if (raw == VectorSchemaRoot.class) {
            return new SinkShape(Kind.ARROW, null);
        }
        if (raw == List.class) {
            return new SinkShape(Kind.LIST, element(method, beanName, parameter.getGeneric(0), "List"));
        }
        if (raw == ChangeEvent.class) {
            return new SinkShape(Kind.CHANGE, element(method, beanName, parameter.getGeneric(0), "ChangeEvent"));
        }
        if (raw == Object.class || raw.isPrimitive() || raw.isArray() || raw.isInterface() && raw != Row.class) {
            throw invalid(method, beanName, "its parameter type " + parameter + " is not a row type");
        }
        return new SinkShape(Kind.ROW, raw);
    }

    private static Class<?> element(Method method, String beanName, ResolvableType element, String container) {
        Class<?> type = element.resolve();
        if (type == null || type == Object.class || type == List.class || type == ChangeEvent.class) {
            throw invalid(
                    method,
                    beanName,
                    container + "<" + element + "> does not say the row type; use " + container + "<Trade> (a @Record)"
                            + " or " + container + "<Row>");
        }
        return type;
    }

    private static IllegalStateException invalid(Method method, String beanName, String why) {
        return new IllegalStateException("@LaminarSink method "
                + method.getDeclaringClass().getSimpleName() + "."
                + method.getName() + " of bean '" + beanName + "' cannot receive rows: " + why + ". A sink method takes"
                + " one parameter: a @Record type T, Row, List<T>, ChangeEvent<T> or VectorSchemaRoot.");
    }

    @Override
    public String toString() {
        String row = rowType == null ? "" : rowType.getSimpleName();
        return switch (kind) {
            case ROW -> row;
            case LIST -> "List<" + row + ">";
            case CHANGE -> "ChangeEvent<" + row + ">";
            case ARROW -> "VectorSchemaRoot";
        };
    }
}
