/**
 * The Kafka connector.
 *
 * <p><b>Exactly-once sinks.</b> A sink writes each checkpoint interval's rows in one Kafka transaction, {@link
 * io.laminardb.connector.kafka.ResumableTransactionalProducer#prepare() prepares} it when the checkpoint is taken and
 * commits it once the checkpoint is on disk. If the process dies in between, the next run must commit that
 * transaction, which it did not begin: Kafka's public producer API cannot, so {@link
 * io.laminardb.connector.kafka.TransactionManagerAccess} reaches into the producer as Flink's Kafka sink does.
 * KIP-939 (two-phase commit: {@code keepPreparedTxn}, transactions prepared without a timeout) would make that
 * public, but neither kafka-clients 4.4.0 nor a 4.3.1 broker implements the part that keeps a prepared transaction
 * across producers; the tests keep a tripwire that says when one does.
 */
package io.laminardb.connector.kafka;
