package io.laminardb.annotations.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * Everything the writer needs to know about one {@code @Record} type.
 *
 * @param element the annotated type
 * @param className the type's name
 * @param fields the columns in declaration order
 * @param viaConstructor whether instances are built by a constructor taking every column in order (true) or by a
 *     no-arg constructor and setters (false)
 * @param eventTimeIndex index of the {@code @EventTime} column, or -1
 */
record RecordDescriptor(
        TypeElement element,
        ClassName className,
        List<FieldDescriptor> fields,
        boolean viaConstructor,
        int eventTimeIndex) {

    /** The simple name of the generated class: {@code Outer_Inner_RecordType}. */
    String generatedSimpleName() {
        return String.join("_", className.simpleNames()) + "_RecordType";
    }

    ClassName generatedClassName() {
        return ClassName.get(className.packageName(), generatedSimpleName());
    }
}
