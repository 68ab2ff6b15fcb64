/**
 * The annotation processor that turns each {@code @Record} type into a generated {@code RecordType}.
 *
 * <p>It works in three steps, each in its own classes: {@link io.laminardb.annotations.processor.RecordAnalyzer} and
 * {@code TypeResolver} read the declaration into descriptors ({@code RecordDescriptor}, {@code FieldDescriptor},
 * {@code ValueType}) and report every error on the element that causes it; {@code ArrowSchemaWriter} and {@code
 * VectorCodeWriter} turn descriptors into code; {@code RecordTypeWriter} assembles the class. Error texts live in
 * {@code Messages}.
 *
 * <p>The generated code depends on laminar-engine and Arrow at compile time, the processor on neither: it refers to
 * their classes by name. JavaPoet is shaded into this jar so that it never reaches the user's class path. The
 * processor's tests live in laminar-engine, because compiling generated code needs the engine, and the engine's tests
 * need this processor; a test dependency the other way would make a cycle.
 */
package io.laminardb.annotations.processor;
