package io.laminardb.connector.kafka;

/** What {@link ResumableTransactionalProducer#recover} found and did. */
public enum RecoveryOutcome {

    /** The transaction of the handle was open on the broker and is now committed. */
    COMMITTED,

    /**
     * The transaction of the handle was committed before: the broker shows it committed, or shows later transactions
     * of the same producer, which the run that prepared it began only after committing it.
     */
    ALREADY_COMMITTED,

    /** There was no handle, or its transaction held no records. */
    NOTHING_TO_COMMIT,

    /**
     * The broker no longer knows the producer of the handle (its transactional id expired, or its producer id was
     * replaced when the epoch ran out): the transaction ended long ago, and whether it was committed cannot be told.
     */
    UNKNOWN
}
