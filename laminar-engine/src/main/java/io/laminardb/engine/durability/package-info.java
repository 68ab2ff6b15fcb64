/**
 * What makes a database with a data directory survive a crash: the records its sources and tables write to the
 * write-ahead log, the data directory's layout and lock, and recovery at start.
 *
 * <p>A source logs each pushed element (an event, a batch) with its own sequence number before the push returns, and
 * its engine thread logs each watermark it forwards with the sequence number of the last element it had handed on.
 * Replaying a source's records in sequence order, forwarding each watermark after the element it followed, hands the
 * queries the same elements and watermarks in the same order as the run that wrote them: windows close at the same
 * places and late rows are late again, so recovered results equal uninterrupted ones.
 */
package io.laminardb.engine.durability;
