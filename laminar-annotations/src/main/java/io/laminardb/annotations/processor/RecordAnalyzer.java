package io.laminardb.annotations.processor;

import com.palantir.javapoet.ClassName;
import io.laminardb.annotations.Column;
import io.laminardb.annotations.EventTime;
import io.laminardb.annotations.Record;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Reads a {@code @Record} type into a {@link RecordDescriptor}, reporting every problem it finds on the element that
 * causes it and carrying on, so that the user sees all errors of a type at once.
 *
 * <p>One analyzer serves one processing round: it remembers the types it has read (nested types are read once however
 * often they are referenced) and the chain of types being read (to catch a type that contains itself).
 */
final class RecordAnalyzer {

    /** Thrown when a field's type is not known yet (generated later in this compilation); retried next round. */
    static final class DeferredException extends RuntimeException {
        DeferredException() {
            super(null, null, false, false);
        }
    }

    private final Elements elements;
    private final Types types;
    private final Messager messager;
    private final TypeResolver resolver;
    private final Map<String, Optional<RecordDescriptor>> analyzed = new HashMap<>();
    private final Deque<String> inProgress = new ArrayDeque<>();

    RecordAnalyzer(ProcessingEnvironment env) {
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
        this.messager = env.getMessager();
        this.resolver = new TypeResolver(this);
    }

    /** Reads {@code type}; empty when it has errors, which have been reported. */
    Optional<RecordDescriptor> analyze(TypeElement type) {
        String name = type.getQualifiedName().toString();
        Optional<RecordDescriptor> known = analyzed.get(name);
        if (known != null) {
            return known;
        }
        inProgress.push(name);
        try {
            Optional<RecordDescriptor> result = read(type);
            analyzed.put(name, result);
            return result;
        } finally {
            inProgress.pop();
        }
    }

    /** Whether {@code type} is being read further up the chain: a field of it would make it contain itself. */
    boolean isInProgress(TypeElement type) {
        return inProgress.contains(type.getQualifiedName().toString());
    }

    /** The chain of types being read, outermost first, for the recursion message. */
    String chain(TypeElement back) {
        List<String> names = new ArrayList<>(inProgress);
        java.util.Collections.reverse(names);
        names.add(back.getQualifiedName().toString());
        return names.stream().map(n -> n.substring(n.lastIndexOf('.') + 1)).collect(Collectors.joining(" -> "));
    }

    boolean isRecordType(TypeElement type) {
        return type.getAnnotation(Record.class) != null;
    }

    void error(Element element, Messages message, Object... args) {
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), positionOf(element));
    }

    /**
     * The element to report on. javac before 20 (JDK-8295184) gives a record component no source position, so a
     * message on it would carry no file and line; the component's private field, which has the same name, does.
     */
    private static Element positionOf(Element element) {
        if (element.getKind() == ElementKind.RECORD_COMPONENT) {
            for (VariableElement field :
                    ElementFilter.fieldsIn(element.getEnclosingElement().getEnclosedElements())) {
                if (field.getSimpleName().contentEquals(element.getSimpleName())) {
                    return field;
                }
            }
        }
        return element;
    }

    /**
     * Whether a column type of {@code type}, or of a {@code @Record} type it nests, does not exist yet. Checked before
     * anything is reported, so that a type retried in a later round does not report its errors twice.
     */
    private boolean hasUnresolvedTypes(TypeElement type, Set<String> seen) {
        if (!seen.add(type.getQualifiedName().toString())) {
            return false;
        }
        List<? extends Element> members =
                type.getKind() == ElementKind.RECORD ? type.getRecordComponents() : columnFields(type);
        for (Element member : members) {
            if (isUnresolved(member.asType(), seen)) {
                return true;
            }
        }
        return false;
    }

    private boolean isUnresolved(TypeMirror type, Set<String> seen) {
        switch (type.getKind()) {
            case ERROR:
                return true;
            case ARRAY:
                return isUnresolved(((javax.lang.model.type.ArrayType) type).getComponentType(), seen);
            case DECLARED:
                var declared = (javax.lang.model.type.DeclaredType) type;
                for (TypeMirror argument : declared.getTypeArguments()) {
                    if (isUnresolved(argument, seen)) {
                        return true;
                    }
                }
                TypeElement element = (TypeElement) declared.asElement();
                return isRecordType(element) && hasUnresolvedTypes(element, seen);
            default:
                return false;
        }
    }

    private Optional<RecordDescriptor> read(TypeElement type) {
        if (hasUnresolvedTypes(type, new HashSet<>())) {
            throw new DeferredException();
        }
        boolean ok = checkDeclaration(type);
        boolean isRecord = type.getKind() == ElementKind.RECORD;
        if (!isRecord && type.getKind() != ElementKind.CLASS) {
            return Optional.empty();
        }
        List<FieldDescriptor> fields = new ArrayList<>();
        List<Element> members = isRecord ? List.copyOf(type.getRecordComponents()) : columnFields(type);
        Element eventTimeMember = null;
        int eventTimeIndex = -1;
        for (Element member : members) {
            FieldDescriptor field = readMember(type, member, isRecord);
            if (field == null) {
                ok = false;
                continue;
            }
            if (member.getAnnotation(EventTime.class) != null) {
                if (!field.type().kind().canBeEventTime()) {
                    error(
                            member,
                            Messages.EVENT_TIME_TYPE,
                            field.fieldName(),
                            field.type().javaType());
                    ok = false;
                } else if (eventTimeMember != null) {
                    error(member, Messages.MULTIPLE_EVENT_TIME, eventTimeMember.getSimpleName(), field.fieldName());
                    ok = false;
                } else {
                    eventTimeMember = member;
                    eventTimeIndex = fields.size();
                }
            }
            fields.add(field);
        }
        if (members.isEmpty()) {
            error(type, Messages.NO_COLUMNS, type.getSimpleName());
            ok = false;
        }
        ok &= checkColumnNames(fields);
        boolean viaConstructor = true;
        if (!isRecord && ok) {
            Boolean construction = chooseConstruction(type, fields);
            if (construction == null) {
                ok = false;
            } else {
                viaConstructor = construction;
                if (!viaConstructor) {
                    fields = withSetters(type, fields);
                }
            }
        }
        if (!ok) {
            return Optional.empty();
        }
        return Optional.of(new RecordDescriptor(type, ClassName.get(type), fields, viaConstructor, eventTimeIndex));
    }

    /** Kind, visibility, nesting and type parameters of the declaration itself. */
    private boolean checkDeclaration(TypeElement type) {
        boolean ok = true;
        ElementKind kind = type.getKind();
        boolean isAbstract = type.getModifiers().contains(Modifier.ABSTRACT);
        if (kind != ElementKind.RECORD && (kind != ElementKind.CLASS || isAbstract)) {
            String what = kind == ElementKind.CLASS
                    ? "abstract class"
                    : kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            error(type, Messages.WRONG_KIND, what, type.getSimpleName());
            ok = false;
        }
        for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (!t.getModifiers().contains(Modifier.PUBLIC)) {
                String generated = generatedName(type);
                error(type, Messages.NOT_PUBLIC, type.getSimpleName(), t.getSimpleName(), generated, t.getSimpleName());
                ok = false;
                break;
            }
        }
        if (kind == ElementKind.CLASS
                && type.getNestingKind() == NestingKind.MEMBER
                && !type.getModifiers().contains(Modifier.STATIC)) {
            error(type, Messages.NOT_STATIC, type.getSimpleName());
            ok = false;
        }
        if (!type.getTypeParameters().isEmpty()) {
            error(type, Messages.GENERIC, type.getSimpleName());
            ok = false;
        }
        return ok;
    }

    private static String generatedName(TypeElement type) {
        List<String> names = new ArrayList<>();
        for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            names.add(0, t.getSimpleName().toString());
        }
        return String.join("_", names) + "_RecordType";
    }

    private static List<Element> columnFields(TypeElement type) {
        List<Element> fields = new ArrayList<>();
        for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
            var modifiers = field.getModifiers();
            if (!modifiers.contains(Modifier.STATIC) && !modifiers.contains(Modifier.TRANSIENT)) {
                fields.add(field);
            }
        }
        return fields;
    }

    private FieldDescriptor readMember(TypeElement owner, Element member, boolean isRecord) {
        String fieldName = member.getSimpleName().toString();
        Column column = member.getAnnotation(Column.class);
        String columnName = fieldName;
        boolean ok = true;
        if (column != null && !column.value().isEmpty()) {
            if (column.value().isBlank()) {
                error(member, Messages.BLANK_COLUMN_NAME, fieldName);
                ok = false;
            }
            columnName = column.value();
        }
        TypeMirror type = member.asType();
        if (type.getKind() == TypeKind.ERROR) {
            throw new DeferredException();
        }
        ValueType valueType = resolver.resolve(member, fieldName, type, column);
        if (valueType == null) {
            return null;
        }
        String getter;
        if (isRecord) {
            getter = ((RecordComponentElement) member).getAccessor().getSimpleName() + "()";
        } else {
            getter = getterOf(owner, (VariableElement) member);
            if (getter == null) {
                error(member, Messages.NO_ACCESSOR, fieldName, owner.getSimpleName(), getterName(member));
                ok = false;
            }
        }
        boolean nullable = !valueType.isPrimitive()
                && (column == null || column.nullable())
                && !Nullness.isDeclaredNonNull(member, isRecord);
        return ok ? new FieldDescriptor(member, fieldName, columnName, valueType, nullable, getter, null) : null;
    }

    private boolean checkColumnNames(List<FieldDescriptor> fields) {
        boolean ok = true;
        Map<String, FieldDescriptor> byName = new HashMap<>();
        for (FieldDescriptor field : fields) {
            FieldDescriptor previous = byName.putIfAbsent(field.columnName().toLowerCase(Locale.ROOT), field);
            if (previous != null) {
                error(
                        field.element(),
                        Messages.DUPLICATE_COLUMN,
                        field.columnName(),
                        field.fieldName(),
                        previous.fieldName());
                ok = false;
            }
        }
        return ok;
    }

    // ---- classes: accessors and construction --------------------------------------------------------------------

    private static String getterName(Element field) {
        boolean isBoolean = field.asType().getKind() == TypeKind.BOOLEAN;
        return (isBoolean ? "is" : "get") + capitalize(field.getSimpleName().toString());
    }

    private String getterOf(TypeElement owner, VariableElement field) {
        if (field.getModifiers().contains(Modifier.PUBLIC)) {
            return field.getSimpleName().toString();
        }
        String name = field.getSimpleName().toString();
        String capitalized = capitalize(name);
        List<String> candidates = List.of("get" + capitalized, "is" + capitalized, name);
        for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(owner))) {
            if (candidates.contains(method.getSimpleName().toString())
                    && method.getParameters().isEmpty()
                    && method.getModifiers().contains(Modifier.PUBLIC)
                    && !method.getModifiers().contains(Modifier.STATIC)
                    && types.isSameType(method.getReturnType(), field.asType())) {
                return method.getSimpleName() + "()";
            }
        }
        return null;
    }

    /**
     * Picks how to build instances of a class: true for a public constructor taking every column in order, false for a
     * no-arg constructor with setters, null (after reporting) when neither exists.
     */
    private Boolean chooseConstruction(TypeElement type, List<FieldDescriptor> fields) {
        boolean hasNoArg = false;
        for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (!constructor.getModifiers().contains(Modifier.PUBLIC)) {
                continue;
            }
            var parameters = constructor.getParameters();
            if (parameters.isEmpty()) {
                hasNoArg = true;
            }
            if (parameters.size() == fields.size() && matches(parameters, fields)) {
                return true;
            }
        }
        List<String> missing = new ArrayList<>();
        for (FieldDescriptor field : fields) {
            if (setterOf(type, (VariableElement) field.element()) == null) {
                missing.add(field.fieldName());
            }
        }
        if (hasNoArg && missing.isEmpty()) {
            return false;
        }
        String order = fields.stream()
                .map(f -> f.type().javaType() + " " + f.fieldName())
                .collect(Collectors.joining(", "));
        String lacking = missing.isEmpty() ? "none; the no-arg constructor is missing" : String.join(", ", missing);
        error(type, Messages.NO_CONSTRUCTOR, type.getSimpleName(), order, lacking);
        return null;
    }

    private boolean matches(List<? extends VariableElement> parameters, List<FieldDescriptor> fields) {
        for (int i = 0; i < parameters.size(); i++) {
            if (!types.isSameType(
                    parameters.get(i).asType(), fields.get(i).element().asType())) {
                return false;
            }
        }
        return true;
    }

    private List<FieldDescriptor> withSetters(TypeElement type, List<FieldDescriptor> fields) {
        List<FieldDescriptor> out = new ArrayList<>(fields.size());
        for (FieldDescriptor f : fields) {
            String setter = setterOf(type, (VariableElement) f.element());
            out.add(new FieldDescriptor(
                    f.element(), f.fieldName(), f.columnName(), f.type(), f.nullable(), f.getter(), setter));
        }
        return out;
    }

    private String setterOf(TypeElement owner, VariableElement field) {
        var modifiers = field.getModifiers();
        if (modifiers.contains(Modifier.PUBLIC) && !modifiers.contains(Modifier.FINAL)) {
            return field.getSimpleName().toString();
        }
        String name = "set" + capitalize(field.getSimpleName().toString());
        for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(owner))) {
            if (method.getSimpleName().contentEquals(name)
                    && method.getParameters().size() == 1
                    && method.getModifiers().contains(Modifier.PUBLIC)
                    && !method.getModifiers().contains(Modifier.STATIC)
                    && types.isSameType(method.getParameters().get(0).asType(), field.asType())) {
                return name + "()";
            }
        }
        return null;
    }

    private static String capitalize(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
