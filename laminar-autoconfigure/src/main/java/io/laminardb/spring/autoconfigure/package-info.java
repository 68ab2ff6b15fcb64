/**
 * Spring Boot auto-configuration for LaminarDB: the {@code LaminarDB} bean built from {@code laminar.*} ({@link
 * io.laminardb.spring.autoconfigure.LaminarProperties}), the schema scripts, the pipeline's life cycle ({@link
 * io.laminardb.spring.autoconfigure.LaminarLifecycle}) and the extension points. {@code Source<T>} injection, sink and
 * source methods and Actuator support live in sub-packages by feature.
 */
package io.laminardb.spring.autoconfigure;
