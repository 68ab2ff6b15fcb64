package io.laminardb.annotations.processor;

import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;

/**
 * Recognises the {@code @NonNull} annotations that make a reference-typed column {@code NOT NULL}.
 *
 * <p>They are matched by name, so none of them needs to be on the processor's class path. Type-use annotations
 * (JSpecify) may surface on the component, its type, the accessor or the accessor's return type depending on the
 * compiler, so all four are looked at.
 */
final class Nullness {

    /** The annotations that declare a value never null. Documented in docs/records.md. */
    static final Set<String> NON_NULL = Set.of(
            "org.jspecify.annotations.NonNull",
            "jakarta.annotation.Nonnull",
            "javax.annotation.Nonnull",
            "org.springframework.lang.NonNull",
            "org.jetbrains.annotations.NotNull",
            "lombok.NonNull");

    private Nullness() {}

    static boolean isDeclaredNonNull(Element member, boolean isRecordComponent) {
        if (any(member.getAnnotationMirrors()) || any(member.asType().getAnnotationMirrors())) {
            return true;
        }
        if (isRecordComponent) {
            ExecutableElement accessor = ((RecordComponentElement) member).getAccessor();
            return accessor != null
                    && (any(accessor.getAnnotationMirrors())
                            || any(accessor.getReturnType().getAnnotationMirrors()));
        }
        return false;
    }

    private static boolean any(List<? extends AnnotationMirror> annotations) {
        for (AnnotationMirror annotation : annotations) {
            TypeElement type = (TypeElement) annotation.getAnnotationType().asElement();
            if (NON_NULL.contains(type.getQualifiedName().toString())) {
                return true;
            }
        }
        return false;
    }
}
