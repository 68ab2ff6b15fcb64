package io.laminardb.spring.autoconfigure.inject;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.Source;
import org.springframework.beans.factory.InjectionPoint;
import org.springframework.core.ResolvableType;

/** Makes the {@code Source<T>} handle for an injection point, with {@code T} read from the point's generic type. */
public final class SourceHandleFactory {

    private final LaminarDB db;

    public SourceHandleFactory(LaminarDB db) {
        this.db = db;
    }

    /**
     * The handle of source {@code name} for {@code injectionPoint}.
     *
     * @throws IllegalStateException if the injection point does not say the record type ({@code Source} or {@code
     *     Source<?>})
     * @throws io.laminardb.engine.SchemaMismatchException if the record's columns differ from the source's
     */
    public Source<?> source(String name, InjectionPoint injectionPoint) {
        ResolvableType type = injectionPoint.getField() != null
                ? ResolvableType.forField(injectionPoint.getField())
                : ResolvableType.forMethodParameter(injectionPoint.getMethodParameter());
        Class<?> record = type.as(Source.class).getGeneric(0).resolve();
        if (record == null || record == Object.class) {
            throw new IllegalStateException("Cannot inject source '" + name + "' into " + injectionPoint.getMember()
                    + ": say which record type it takes, as in Source<Trade> " + name + ".");
        }
        return db.source(name, record);
    }
}
