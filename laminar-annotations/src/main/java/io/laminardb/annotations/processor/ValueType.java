package io.laminardb.annotations.processor;

import com.palantir.javapoet.TypeName;

/**
 * The resolved type of a column (or of a list element): its kind, its Java type, and what the kind needs besides.
 *
 * @param kind what the value is
 * @param javaType the declared Java type ({@code long}, {@code Long}, {@code List<String>}, ...)
 * @param precision decimal digits, or fractional-second digits (3 or 6) of a time; 0 where it does not apply
 * @param scale decimal digits after the point; 0 where it does not apply
 * @param struct the nested record of a {@link ValueKind#STRUCT}, else null
 * @param element the element type of a {@link ValueKind#LIST}, else null
 */
record ValueType(
        ValueKind kind, TypeName javaType, int precision, int scale, RecordDescriptor struct, ValueType element) {

    static ValueType of(ValueKind kind, TypeName javaType) {
        return new ValueType(kind, javaType, 0, 0, null, null);
    }

    boolean isPrimitive() {
        return javaType.isPrimitive();
    }

    /** Whether a time column counts in microseconds rather than milliseconds. */
    boolean isMicros() {
        return kind.isTime() && precision == 6;
    }

    /** Identifies the conversion: two values with the same key are written and read by the same code. */
    String key() {
        return switch (kind) {
            case STRUCT -> struct.className().canonicalName();
            case LIST -> "List<" + element.key() + ">";
            case DECIMAL -> "Decimal(" + precision + "," + scale + ")";
            default -> javaType.box() + (isMicros() ? "(6)" : "");
        };
    }

    /** A readable name for the conversion, used to name generated helper methods. */
    String signature() {
        return switch (kind) {
            case STRUCT -> struct.generatedSimpleName().replace("_RecordType", "");
            case LIST -> "ListOf" + element.signature();
            case DECIMAL -> "Decimal" + precision + "x" + scale;
            default -> {
                String name = javaType.box().toString();
                String simple = name.substring(name.lastIndexOf('.') + 1).replace("[]", "Array");
                yield isMicros() ? simple + "Micros" : simple;
            }
        };
    }
}
