package io.laminardb.annotations.processor;

import com.palantir.javapoet.ClassName;

/** Names of the Arrow and engine classes that generated code refers to. */
final class ArrowNames {
    private static final String POJO = "org.apache.arrow.vector.types.pojo";
    private static final String TYPES = "org.apache.arrow.vector.types";
    private static final String VECTOR = "org.apache.arrow.vector";
    private static final String COMPLEX = "org.apache.arrow.vector.complex";
    private static final String RECORD = "io.laminardb.engine.record";

    static final ClassName SCHEMA = ClassName.get(POJO, "Schema");
    static final ClassName FIELD = ClassName.get(POJO, "Field");
    static final ClassName FIELD_TYPE = ClassName.get(POJO, "FieldType");
    static final ClassName ARROW_TYPE = ClassName.get(POJO, "ArrowType");
    static final ClassName FLOATING_POINT_PRECISION = ClassName.get(TYPES, "FloatingPointPrecision");
    static final ClassName TIME_UNIT = ClassName.get(TYPES, "TimeUnit");
    static final ClassName DATE_UNIT = ClassName.get(TYPES, "DateUnit");
    static final ClassName VECTOR_SCHEMA_ROOT = ClassName.get(VECTOR, "VectorSchemaRoot");
    static final ClassName STRUCT_VECTOR = ClassName.get(COMPLEX, "StructVector");
    static final ClassName LIST_VECTOR = ClassName.get(COMPLEX, "ListVector");

    static final ClassName RECORD_TYPE = ClassName.get(RECORD, "RecordType");
    static final ClassName RECORD_SUPPORT = ClassName.get(RECORD, "RecordSupport");
    /** Checked for at the start of processing: its absence means laminar-engine is not on the class path. */
    static final String RECORD_TYPE_NAME = RECORD + ".RecordType";

    private ArrowNames() {}

    static ClassName vector(String simpleName) {
        return ClassName.get(VECTOR, simpleName);
    }
}
