package io.laminardb.annotations.processor;

import static io.laminardb.annotations.processor.ArrowNames.ARROW_TYPE;
import static io.laminardb.annotations.processor.ArrowNames.DATE_UNIT;
import static io.laminardb.annotations.processor.ArrowNames.FIELD;
import static io.laminardb.annotations.processor.ArrowNames.FIELD_TYPE;
import static io.laminardb.annotations.processor.ArrowNames.FLOATING_POINT_PRECISION;
import static io.laminardb.annotations.processor.ArrowNames.TIME_UNIT;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;

/** Writes the expressions that build a record's Arrow {@code Field}s. */
final class ArrowSchemaWriter {

    /** Name of a list's element field, as Arrow's C++ and Python libraries name it. */
    static final String LIST_ELEMENT_NAME = "item";

    private static final ClassName LIST = ClassName.get(java.util.List.class);

    private ArrowSchemaWriter() {}

    /** {@code List.of(field, ...)} for the columns of {@code record}. */
    static CodeBlock fields(RecordDescriptor record) {
        List<CodeBlock> fields = new ArrayList<>();
        for (FieldDescriptor field : record.fields()) {
            fields.add(field(field.columnName(), field.type(), field.nullable()));
        }
        return CodeBlock.builder()
                .add("$T.of(\n", LIST)
                .indent()
                .add(CodeBlock.join(fields, ",\n"))
                .unindent()
                .add(")")
                .build();
    }

    static CodeBlock field(String name, ValueType type, boolean nullable) {
        CodeBlock children = switch (type.kind()) {
            case STRUCT -> fields(type.struct());
            case LIST -> CodeBlock.of("$T.of($L)", LIST, field(LIST_ELEMENT_NAME, type.element(), true));
            default -> CodeBlock.of("null");
        };
        return CodeBlock.of(
                "new $T($S, new $T($L, $L, null), $L)", FIELD, name, FIELD_TYPE, nullable, arrowType(type), children);
    }

    static CodeBlock arrowType(ValueType type) {
        return switch (type.kind()) {
            case BOOLEAN -> CodeBlock.of("$T.Bool.INSTANCE", ARROW_TYPE);
            case BYTE -> CodeBlock.of("new $T.Int(8, true)", ARROW_TYPE);
            case SHORT -> CodeBlock.of("new $T.Int(16, true)", ARROW_TYPE);
            case INT -> CodeBlock.of("new $T.Int(32, true)", ARROW_TYPE);
            case LONG -> CodeBlock.of("new $T.Int(64, true)", ARROW_TYPE);
            case FLOAT -> CodeBlock.of("new $T.FloatingPoint($T.SINGLE)", ARROW_TYPE, FLOATING_POINT_PRECISION);
            case DOUBLE -> CodeBlock.of("new $T.FloatingPoint($T.DOUBLE)", ARROW_TYPE, FLOATING_POINT_PRECISION);
            case STRING, ENUM -> CodeBlock.of("$T.Utf8.INSTANCE", ARROW_TYPE);
            case BINARY -> CodeBlock.of("$T.Binary.INSTANCE", ARROW_TYPE);
            case DECIMAL -> CodeBlock.of("new $T.Decimal($L, $L, 128)", ARROW_TYPE, type.precision(), type.scale());
            case INSTANT, LOCAL_DATE_TIME, OFFSET_DATE_TIME ->
                CodeBlock.of("new $T.Timestamp($T.$L, null)", ARROW_TYPE, TIME_UNIT, unit(type));
            case LOCAL_DATE -> CodeBlock.of("new $T.Date($T.DAY)", ARROW_TYPE, DATE_UNIT);
            case LOCAL_TIME ->
                CodeBlock.of("new $T.Time($T.$L, $L)", ARROW_TYPE, TIME_UNIT, unit(type), type.isMicros() ? 64 : 32);
            case STRUCT -> CodeBlock.of("$T.Struct.INSTANCE", ARROW_TYPE);
            case LIST -> CodeBlock.of("$T.List.INSTANCE", ARROW_TYPE);
        };
    }

    private static String unit(ValueType type) {
        return type.isMicros() ? "MICROSECOND" : "MILLISECOND";
    }
}
