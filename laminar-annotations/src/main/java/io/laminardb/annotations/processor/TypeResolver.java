package io.laminardb.annotations.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.laminardb.annotations.Column;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Maps the Java type of a field to a {@link ValueType}, applying {@code @Column(precision, scale)} and reporting types
 * a column cannot hold.
 */
final class TypeResolver {

    /** A type no column can hold; carries a hint for the message. */
    private static final class UnsupportedException extends RuntimeException {
        private final String hint;

        UnsupportedException(String hint) {
            super(null, null, false, false);
            this.hint = hint;
        }
    }

    private static final int DEFAULT_DECIMAL_PRECISION = 38;
    private static final int DEFAULT_DECIMAL_SCALE = 18;
    private static final int MAX_DECIMAL_PRECISION = 38;
    private static final int MILLIS = 3;
    private static final int MICROS = 6;

    private final RecordAnalyzer analyzer;

    TypeResolver(RecordAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** Resolves the type of {@code member}; null after reporting an error. */
    ValueType resolve(Element member, String field, TypeMirror type, Column column) {
        ValueType base;
        try {
            base = resolveType(member, field, type);
        } catch (UnsupportedException e) {
            analyzer.error(member, Messages.UNSUPPORTED_TYPE, field, typeName(type), e.hint);
            return null;
        }
        return base == null ? null : withPrecision(member, field, base, column);
    }

    /** Resolves a type; null when a nested record had errors (already reported on its elements). */
    private ValueType resolveType(Element member, String field, TypeMirror type) {
        TypeName name = typeName(type);
        switch (type.getKind()) {
            case BOOLEAN:
                return ValueType.of(ValueKind.BOOLEAN, name);
            case BYTE:
                return ValueType.of(ValueKind.BYTE, name);
            case SHORT:
                return ValueType.of(ValueKind.SHORT, name);
            case INT:
                return ValueType.of(ValueKind.INT, name);
            case LONG:
                return ValueType.of(ValueKind.LONG, name);
            case FLOAT:
                return ValueType.of(ValueKind.FLOAT, name);
            case DOUBLE:
                return ValueType.of(ValueKind.DOUBLE, name);
            case CHAR:
                throw new UnsupportedException(" Use String for text.");
            case ARRAY:
                if (((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE) {
                    return ValueType.of(ValueKind.BINARY, name);
                }
                throw new UnsupportedException(" Of arrays only byte[] is supported; use List<X> for others.");
            case ERROR:
                throw new RecordAnalyzer.DeferredException();
            case DECLARED:
                return resolveDeclared(member, field, (DeclaredType) type, name);
            default:
                throw new UnsupportedException("");
        }
    }

    private ValueType resolveDeclared(Element member, String field, DeclaredType type, TypeName name) {
        TypeElement element = (TypeElement) type.asElement();
        Optional<ValueKind> simple = simpleKind(element.getQualifiedName().toString());
        if (simple.isPresent()) {
            return ValueType.of(simple.get(), name);
        }
        if (element.getQualifiedName().contentEquals("java.util.List")) {
            List<? extends TypeMirror> arguments = type.getTypeArguments();
            if (arguments.size() != 1 || arguments.get(0).getKind() == TypeKind.WILDCARD) {
                throw new UnsupportedException(" Declare the element type, as in List<String>.");
            }
            ValueType element0 = resolveType(member, field, arguments.get(0));
            return element0 == null ? null : new ValueType(ValueKind.LIST, name, 0, 0, null, element0);
        }
        if (element.getKind() == ElementKind.ENUM) {
            return ValueType.of(ValueKind.ENUM, name);
        }
        if (analyzer.isRecordType(element)) {
            if (analyzer.isInProgress(element)) {
                analyzer.error(member, Messages.RECURSIVE, field, element.getSimpleName(), analyzer.chain(element));
                return null;
            }
            return analyzer.analyze(element)
                    .map(nested -> new ValueType(ValueKind.STRUCT, name, 0, 0, nested, null))
                    .orElse(null);
        }
        throw new UnsupportedException(hintFor(element));
    }

    private static Optional<ValueKind> simpleKind(String qualifiedName) {
        ValueKind kind = switch (qualifiedName) {
            case "java.lang.Boolean" -> ValueKind.BOOLEAN;
            case "java.lang.Byte" -> ValueKind.BYTE;
            case "java.lang.Short" -> ValueKind.SHORT;
            case "java.lang.Integer" -> ValueKind.INT;
            case "java.lang.Long" -> ValueKind.LONG;
            case "java.lang.Float" -> ValueKind.FLOAT;
            case "java.lang.Double" -> ValueKind.DOUBLE;
            case "java.lang.String" -> ValueKind.STRING;
            case "java.math.BigDecimal" -> ValueKind.DECIMAL;
            case "java.time.Instant" -> ValueKind.INSTANT;
            case "java.time.LocalDateTime" -> ValueKind.LOCAL_DATE_TIME;
            case "java.time.OffsetDateTime" -> ValueKind.OFFSET_DATE_TIME;
            case "java.time.LocalDate" -> ValueKind.LOCAL_DATE;
            case "java.time.LocalTime" -> ValueKind.LOCAL_TIME;
            default -> null;
        };
        return Optional.ofNullable(kind);
    }

    private static String hintFor(TypeElement element) {
        String name = element.getQualifiedName().toString();
        if (name.equals("java.util.Map")) {
            return " Use a List of a nested @Record with key and value fields.";
        }
        if (name.equals("java.util.Date")
                || name.equals("java.sql.Timestamp")
                || name.equals("java.time.ZonedDateTime")) {
            return " Use Instant, LocalDateTime or OffsetDateTime.";
        }
        if (name.equals("java.lang.Character")) {
            return " Use String for text.";
        }
        if (element.getKind() == ElementKind.CLASS || element.getKind() == ElementKind.RECORD) {
            if (!name.startsWith("java.")) {
                return " Annotate " + element.getSimpleName() + " with @Record to store it as a nested struct.";
            }
        }
        return "";
    }

    /** Applies {@code @Column(precision, scale)} (or the defaults) to the innermost value of {@code type}. */
    private ValueType withPrecision(Element member, String field, ValueType type, Column column) {
        if (type.kind() == ValueKind.LIST) {
            ValueType element = withPrecision(member, field, type.element(), column);
            return element == null ? null : new ValueType(ValueKind.LIST, type.javaType(), 0, 0, null, element);
        }
        int precision = column == null ? -1 : column.precision();
        int scale = column == null ? -1 : column.scale();
        if (type.kind() == ValueKind.DECIMAL) {
            int p = precision < 0 ? DEFAULT_DECIMAL_PRECISION : precision;
            int s = scale >= 0 ? scale : precision < 0 ? DEFAULT_DECIMAL_SCALE : 0;
            if (p < 1 || p > MAX_DECIMAL_PRECISION || s < 0 || s > p) {
                analyzer.error(member, Messages.INVALID_DECIMAL, field, p, s);
                return null;
            }
            return new ValueType(ValueKind.DECIMAL, type.javaType(), p, s, null, null);
        }
        if (type.kind().isTime()) {
            if (scale >= 0) {
                analyzer.error(member, Messages.PRECISION_NOT_APPLICABLE, field, type.javaType(), "scale");
                return null;
            }
            int p = precision < 0 ? MILLIS : precision;
            if (p != MILLIS && p != MICROS) {
                String what = type.kind() == ValueKind.LOCAL_TIME ? "time" : "timestamp";
                analyzer.error(member, Messages.INVALID_TIME_PRECISION, field, p, what);
                return null;
            }
            return new ValueType(type.kind(), type.javaType(), p, 0, null, null);
        }
        if (precision >= 0 || scale >= 0) {
            String attribute = precision >= 0 ? "precision" : "scale";
            analyzer.error(member, Messages.PRECISION_NOT_APPLICABLE, field, type.javaType(), attribute);
            return null;
        }
        return type;
    }

    /** The JavaPoet name of a type, without the type annotations (such as {@code @NonNull}) it carries. */
    static TypeName typeName(TypeMirror type) {
        return switch (type.getKind()) {
            case BOOLEAN -> TypeName.BOOLEAN;
            case BYTE -> TypeName.BYTE;
            case SHORT -> TypeName.SHORT;
            case INT -> TypeName.INT;
            case LONG -> TypeName.LONG;
            case CHAR -> TypeName.CHAR;
            case FLOAT -> TypeName.FLOAT;
            case DOUBLE -> TypeName.DOUBLE;
            case ARRAY -> ArrayTypeName.of(typeName(((ArrayType) type).getComponentType()));
            case DECLARED -> {
                DeclaredType declared = (DeclaredType) type;
                ClassName raw = ClassName.get((TypeElement) declared.asElement());
                List<? extends TypeMirror> arguments = declared.getTypeArguments();
                if (arguments.isEmpty() || arguments.stream().anyMatch(a -> a.getKind() == TypeKind.WILDCARD)) {
                    yield raw;
                }
                yield ParameterizedTypeName.get(
                        raw, arguments.stream().map(TypeResolver::typeName).toArray(TypeName[]::new));
            }
            default -> TypeName.get(type);
        };
    }
}
