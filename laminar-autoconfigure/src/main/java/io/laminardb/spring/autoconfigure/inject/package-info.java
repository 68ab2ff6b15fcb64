/**
 * {@code @Autowired Source<Trade> trades}: one prototype bean definition per source that the schema scripts create,
 * named after the source, so that Spring's usual rules pick it: the field or parameter name, or a
 * {@code @Qualifier}. The record type comes from the injection point's generic type, so one source can be injected as
 * different record types; a record that does not match the source's columns fails start-up with each column named.
 *
 * <p>Bean definitions must exist before any bean is made, but sources are created by SQL: {@link
 * io.laminardb.spring.autoconfigure.inject.SourceBeanRegistrar} learns their names by running the scripts once on a
 * scratch database that never starts, which also reports a broken script before anything else is built.
 */
package io.laminardb.spring.autoconfigure.inject;
