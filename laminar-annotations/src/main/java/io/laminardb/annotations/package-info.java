/**
 * Annotations that turn plain Java records and classes into LaminarDB row types, and Spring bean methods into
 * producers and consumers of streams.
 *
 * <p>This jar also carries the annotation processor ({@code io.laminardb.annotations.processor}), registered through
 * {@code META-INF/services}, so having the jar on the compile class path is enough on JDK 17 to 22. From JDK 23 on,
 * javac runs processors found on the class path only with {@code -proc:full}; alternatively list this artifact under
 * the compiler's {@code annotationProcessorPaths}. See {@code docs/records.md}.
 */
package io.laminardb.annotations;
