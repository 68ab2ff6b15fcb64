package io.laminardb.engine;

/**
 * {@link Subscription#take()} on a subscription that was closed, or whose stream ended (its source was closed or
 * dropped, or the database shut down), with nothing left to read.
 */
public class SubscriptionClosedException extends LaminarException {

    public SubscriptionClosedException(String name) {
        super("The subscription to '" + name + "' is closed and has no more rows.");
    }
}
