package io.laminardb.annotations.processor;

import static io.laminardb.annotations.processor.ArrowNames.LIST_VECTOR;
import static io.laminardb.annotations.processor.ArrowNames.RECORD_SUPPORT;
import static io.laminardb.annotations.processor.ArrowNames.STRUCT_VECTOR;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import javax.lang.model.element.Modifier;

/**
 * Writes the code that moves values between record fields and Arrow vectors.
 *
 * <p>Top-level columns are handled inline; nested records and lists get private static helper methods, collected here
 * while the main methods are written and added to the generated class afterwards. One writer serves one generated
 * class.
 */
final class VectorCodeWriter {

    private final Map<String, MethodSpec> helpers = new LinkedHashMap<>();
    private final Map<String, String> helperNames = new HashMap<>();

    /** The helper methods requested so far, in the order they were first requested. */
    List<MethodSpec> helpers() {
        return List.copyOf(helpers.values());
    }

    static ClassName vectorClass(ValueType type) {
        return switch (type.kind()) {
            case BOOLEAN -> ArrowNames.vector("BitVector");
            case BYTE -> ArrowNames.vector("TinyIntVector");
            case SHORT -> ArrowNames.vector("SmallIntVector");
            case INT -> ArrowNames.vector("IntVector");
            case LONG -> ArrowNames.vector("BigIntVector");
            case FLOAT -> ArrowNames.vector("Float4Vector");
            case DOUBLE -> ArrowNames.vector("Float8Vector");
            case STRING, ENUM -> ArrowNames.vector("VarCharVector");
            case BINARY -> ArrowNames.vector("VarBinaryVector");
            case DECIMAL -> ArrowNames.vector("DecimalVector");
            case INSTANT, LOCAL_DATE_TIME, OFFSET_DATE_TIME ->
                ArrowNames.vector(type.isMicros() ? "TimeStampMicroVector" : "TimeStampMilliVector");
            case LOCAL_DATE -> ArrowNames.vector("DateDayVector");
            case LOCAL_TIME -> ArrowNames.vector(type.isMicros() ? "TimeMicroVector" : "TimeMilliVector");
            case STRUCT -> STRUCT_VECTOR;
            case LIST -> LIST_VECTOR;
        };
    }

    /**
     * Declares {@code col<i>} for each column (from {@code vectorAt}) and writes each field of {@code target} into it
     * at {@code index}.
     */
    void writeFields(
            CodeBlock.Builder code,
            RecordDescriptor record,
            String target,
            IntFunction<CodeBlock> vectorAt,
            String index,
            String labelPrefix) {
        declareVectors(code, record, vectorAt);
        writeValues(code, record, target, index, labelPrefix);
    }

    /** Writes each field of {@code target} into the vectors {@code col<i>} already declared, at {@code index}. */
    void writeValues(CodeBlock.Builder code, RecordDescriptor record, String target, String index, String labelPrefix) {
        List<FieldDescriptor> fields = record.fields();
        for (int i = 0; i < fields.size(); i++) {
            FieldDescriptor field = fields.get(i);
            String value = "val" + i;
            code.addStatement("$T $L = $L.$L", field.type().javaType(), value, target, field.getter());
            code.add(write(
                    CodeBlock.of("col$L", i),
                    index,
                    value,
                    field.type(),
                    field.nullable(),
                    labelPrefix + field.columnName()));
        }
    }

    /** Declares {@code col<i>} for each column, reads each into {@code val<i>}, and returns a new record of them. */
    void readFields(
            CodeBlock.Builder code,
            RecordDescriptor record,
            IntFunction<CodeBlock> vectorAt,
            String index,
            String labelPrefix) {
        declareVectors(code, record, vectorAt);
        List<FieldDescriptor> fields = record.fields();
        for (int i = 0; i < fields.size(); i++) {
            FieldDescriptor field = fields.get(i);
            CodeBlock read = read(
                    CodeBlock.of("col$L", i), index, field.type(), field.nullable(), labelPrefix + field.columnName());
            code.addStatement("$T val$L = $L", field.type().javaType(), i, read);
        }
        returnNew(code, record, "val");
    }

    /** Returns a new record built from the locals {@code <prefix>0 .. <prefix>n-1}. */
    static void returnNew(CodeBlock.Builder code, RecordDescriptor record, String prefix) {
        int count = record.fields().size();
        if (record.viaConstructor()) {
            List<CodeBlock> arguments = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                arguments.add(CodeBlock.of("$L$L", prefix, i));
            }
            code.addStatement("return new $T($L)", record.className(), CodeBlock.join(arguments, ", "));
            return;
        }
        code.addStatement("$T instance = new $T()", record.className(), record.className());
        for (int i = 0; i < count; i++) {
            String setter = record.fields().get(i).setter();
            if (setter.endsWith("()")) {
                code.addStatement("instance.$L($L$L)", setter.substring(0, setter.length() - 2), prefix, i);
            } else {
                code.addStatement("instance.$L = $L$L", setter, prefix, i);
            }
        }
        code.addStatement("return instance");
    }

    static void declareVectors(CodeBlock.Builder code, RecordDescriptor record, IntFunction<CodeBlock> at) {
        List<FieldDescriptor> fields = record.fields();
        for (int i = 0; i < fields.size(); i++) {
            ClassName vector = vectorClass(fields.get(i).type());
            code.addStatement("$T col$L = ($T) $L", vector, i, vector, at.apply(i));
        }
    }

    /** Statements that write local {@code value} into {@code vector} at {@code index}, nulls included. */
    private CodeBlock write(
            CodeBlock vector, String index, String value, ValueType type, boolean nullable, String label) {
        CodeBlock set = set(vector, index, value, type, label);
        CodeBlock.Builder code = CodeBlock.builder();
        if (type.isPrimitive()) {
            return code.addStatement(set).build();
        }
        if (nullable) {
            return code.beginControlFlow("if ($L == null)", value)
                    .addStatement("$L.setNull($L)", vector, index)
                    .nextControlFlow("else")
                    .addStatement(set)
                    .endControlFlow()
                    .build();
        }
        return code.beginControlFlow("if ($L == null)", value)
                .addStatement("throw $T.nullInNotNullColumn($S)", RECORD_SUPPORT, label)
                .endControlFlow()
                .addStatement(set)
                .build();
    }

    private CodeBlock set(CodeBlock vector, String index, String value, ValueType type, String label) {
        return switch (type.kind()) {
            case BOOLEAN -> CodeBlock.of("$L.setSafe($L, $L ? 1 : 0)", vector, index, value);
            case BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, BINARY ->
                CodeBlock.of("$L.setSafe($L, $L)", vector, index, value);
            case STRING ->
                CodeBlock.of("$L.setSafe($L, $L.getBytes($T.UTF_8))", vector, index, value, StandardCharsets.class);
            case ENUM ->
                CodeBlock.of(
                        "$L.setSafe($L, $L.name().getBytes($T.UTF_8))", vector, index, value, StandardCharsets.class);
            case DECIMAL ->
                CodeBlock.of(
                        "$L.setSafe($L, $T.decimal($L, $L, $L, $S))",
                        vector,
                        index,
                        RECORD_SUPPORT,
                        value,
                        type.precision(),
                        type.scale(),
                        label);
            case INSTANT, LOCAL_DATE_TIME, OFFSET_DATE_TIME ->
                CodeBlock.of(
                        "$L.setSafe($L, $T.$L($L))",
                        vector,
                        index,
                        RECORD_SUPPORT,
                        type.isMicros() ? "epochMicros" : "epochMillis",
                        value);
            case LOCAL_DATE ->
                CodeBlock.of("$L.setSafe($L, $T.toIntExact($L.toEpochDay()))", vector, index, Math.class, value);
            case LOCAL_TIME ->
                CodeBlock.of(
                        "$L.setSafe($L, $T.$L($L))",
                        vector,
                        index,
                        RECORD_SUPPORT,
                        type.isMicros() ? "microsOfDay" : "millisOfDay",
                        value);
            case STRUCT -> CodeBlock.of("$N($L, $L, $L)", structWriter(type.struct()), vector, index, value);
            case LIST -> CodeBlock.of("$N($L, $L, $L)", listWriter(type, label), vector, index, value);
        };
    }

    /** An expression that reads {@code vector} at {@code index}, null when the slot is null and the column nullable. */
    private CodeBlock read(CodeBlock vector, String index, ValueType type, boolean nullable, String label) {
        CodeBlock get = get(vector, index, type, label);
        return nullable ? CodeBlock.of("$L.isNull($L) ? null : $L", vector, index, get) : get;
    }

    private CodeBlock get(CodeBlock vector, String index, ValueType type, String label) {
        String micros = type.isMicros() ? "Micros" : "Millis";
        return switch (type.kind()) {
            case BOOLEAN -> CodeBlock.of("$L.get($L) != 0", vector, index);
            case BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, BINARY -> CodeBlock.of("$L.get($L)", vector, index);
            case STRING ->
                CodeBlock.of("new $T($L.get($L), $T.UTF_8)", String.class, vector, index, StandardCharsets.class);
            case ENUM ->
                CodeBlock.of(
                        "$T.enumValue($T.class, new $T($L.get($L), $T.UTF_8), $S)",
                        RECORD_SUPPORT,
                        type.javaType(),
                        String.class,
                        vector,
                        index,
                        StandardCharsets.class,
                        label);
            case DECIMAL -> CodeBlock.of("$L.getObject($L)", vector, index);
            case INSTANT -> CodeBlock.of("$T.instantOf$L($L.get($L))", RECORD_SUPPORT, micros, vector, index);
            case LOCAL_DATE_TIME ->
                CodeBlock.of("$T.localDateTimeOf$L($L.get($L))", RECORD_SUPPORT, micros, vector, index);
            case OFFSET_DATE_TIME ->
                CodeBlock.of("$T.offsetDateTimeOf$L($L.get($L))", RECORD_SUPPORT, micros, vector, index);
            case LOCAL_DATE -> CodeBlock.of("$T.ofEpochDay($L.get($L))", LocalDate.class, vector, index);
            case LOCAL_TIME -> CodeBlock.of("$T.localTimeOf$L($L.get($L))", RECORD_SUPPORT, micros, vector, index);
            case STRUCT -> CodeBlock.of("$N($L, $L)", structReader(type.struct()), vector, index);
            case LIST -> CodeBlock.of("$N($L, $L)", listReader(type, label), vector, index);
        };
    }

    // ---- helpers for nested records -----------------------------------------------------------------------------

    private String structWriter(RecordDescriptor nested) {
        String key = "write " + nested.className().canonicalName();
        String name = helperName(key, "write" + readable(nested));
        if (!helpers.containsKey(name)) {
            helpers.put(name, null); // reserve the slot (and the order) before building, which may add helpers
            CodeBlock.Builder code = CodeBlock.builder().addStatement("vector.setIndexDefined(index)");
            writeFields(
                    code,
                    nested,
                    "value",
                    i -> CodeBlock.of("vector.getChildByOrdinal($L)", i),
                    "index",
                    readable(nested) + ".");
            helpers.put(
                    name,
                    MethodSpec.methodBuilder(name)
                            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                            .addParameter(STRUCT_VECTOR, "vector")
                            .addParameter(TypeName.INT, "index")
                            .addParameter(nested.className(), "value")
                            .addCode(code.build())
                            .build());
        }
        return name;
    }

    private String structReader(RecordDescriptor nested) {
        String key = "read " + nested.className().canonicalName();
        String name = helperName(key, "read" + readable(nested));
        if (!helpers.containsKey(name)) {
            helpers.put(name, null);
            CodeBlock.Builder code = CodeBlock.builder();
            readFields(
                    code,
                    nested,
                    i -> CodeBlock.of("vector.getChildByOrdinal($L)", i),
                    "index",
                    readable(nested) + ".");
            helpers.put(
                    name,
                    MethodSpec.methodBuilder(name)
                            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                            .returns(nested.className())
                            .addParameter(STRUCT_VECTOR, "vector")
                            .addParameter(TypeName.INT, "index")
                            .addCode(code.build())
                            .build());
        }
        return name;
    }

    // ---- helpers for lists --------------------------------------------------------------------------------------

    private String listWriter(ValueType list, String label) {
        String name = helperName("write " + label + " " + list.key(), "write" + list.signature());
        if (!helpers.containsKey(name)) {
            helpers.put(name, null);
            ValueType element = list.element();
            ClassName data = vectorClass(element);
            CodeBlock.Builder code = CodeBlock.builder()
                    .addStatement("$T data = ($T) vector.getDataVector()", data, data)
                    .addStatement("int offset = vector.startNewValue(index)")
                    .addStatement("int count = 0")
                    .beginControlFlow("for ($T element : value)", element.javaType())
                    .addStatement("int at = offset + count++")
                    .add(write(CodeBlock.of("data"), "at", "element", element, true, label + "[]"))
                    .endControlFlow()
                    .addStatement("vector.endValue(index, count)");
            helpers.put(
                    name,
                    MethodSpec.methodBuilder(name)
                            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                            .addParameter(LIST_VECTOR, "vector")
                            .addParameter(TypeName.INT, "index")
                            .addParameter(list.javaType(), "value")
                            .addCode(code.build())
                            .build());
        }
        return name;
    }

    private String listReader(ValueType list, String label) {
        String name = helperName("read " + label + " " + list.key(), "read" + list.signature());
        if (!helpers.containsKey(name)) {
            helpers.put(name, null);
            ValueType element = list.element();
            ClassName data = vectorClass(element);
            CodeBlock.Builder code = CodeBlock.builder()
                    .addStatement("$T data = ($T) vector.getDataVector()", data, data)
                    .addStatement("int start = vector.getElementStartIndex(index)")
                    .addStatement("int end = vector.getElementEndIndex(index)")
                    .addStatement("$T out = new $T<>(end - start)", list.javaType(), ArrayList.class)
                    .beginControlFlow("for (int at = start; at < end; at++)")
                    .addStatement("out.add($L)", read(CodeBlock.of("data"), "at", element, true, label + "[]"))
                    .endControlFlow()
                    .addStatement("return out");
            helpers.put(
                    name,
                    MethodSpec.methodBuilder(name)
                            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                            .returns(list.javaType())
                            .addParameter(LIST_VECTOR, "vector")
                            .addParameter(TypeName.INT, "index")
                            .addCode(code.build())
                            .build());
        }
        return name;
    }

    /** A method name for {@code key}, {@code preferred} unless another key already took it. */
    private String helperName(String key, String preferred) {
        return helperNames.computeIfAbsent(key, k -> {
            String name = preferred;
            for (int n = 2; helperNames.containsValue(name); n++) {
                name = preferred + n;
            }
            return name;
        });
    }

    private static String readable(RecordDescriptor nested) {
        return String.join("", nested.className().simpleNames());
    }
}
