/**
 * {@code @LaminarSink} methods: found on beans by {@link
 * io.laminardb.spring.autoconfigure.sink.LaminarSinkAnnotationBeanPostProcessor}, checked at start-up, and each run by
 * a {@link io.laminardb.spring.autoconfigure.sink.SinkRunner} on a thread of its own that reads a subscription to the
 * stream.
 *
 * <p>Why a thread and a subscription per method: a sink method is user code that may be slow or block (a database
 * write, an HTTP call). The subscription's bounded buffer, with {@code BLOCK} backpressure, turns a slow method into a
 * slower stream instead of a blocked engine thread or an unbounded queue; other sinks and queries on other streams go
 * on at their own pace.
 */
package io.laminardb.spring.autoconfigure.sink;
