package io.laminardb.benchmarks.nexmark;

/**
 * One generated event: exactly one of {@code person}, {@code auction} and {@code bid} is set.
 *
 * @param number the event's position in the stream, from 0
 */
public record NexmarkEvent(long number, Person person, Auction auction, Bid bid) {

    /** Which of the three the event is. */
    public enum Kind {
        PERSON,
        AUCTION,
        BID
    }

    public Kind kind() {
        if (person != null) {
            return Kind.PERSON;
        }
        return auction != null ? Kind.AUCTION : Kind.BID;
    }

    /** The event time of whichever record the event holds, in epoch milliseconds. */
    public long dateTimeMillis() {
        if (person != null) {
            return person.dateTime().toEpochMilli();
        }
        return auction != null
                ? auction.dateTime().toEpochMilli()
                : bid.dateTime().toEpochMilli();
    }
}
