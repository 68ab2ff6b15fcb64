/**
 * Spring Boot auto-configuration for LaminarDB: the {@code LaminarDB} bean, {@code laminar.*} properties, {@code
 * Source<T>} injection, {@code @LaminarSink} / {@code @LaminarSource} methods and Actuator support.
 *
 * <p>Empty in this release: the module exists so that the starter's dependency graph is final from the start. The
 * auto-configuration itself is tracked as its own piece of work (see CHANGELOG.md).
 */
package io.laminardb.spring.autoconfigure;
