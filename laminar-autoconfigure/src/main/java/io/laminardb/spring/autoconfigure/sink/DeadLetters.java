package io.laminardb.spring.autoconfigure.sink;

import io.laminardb.engine.LaminarDB;
import io.laminardb.engine.UntypedSource;
import java.time.Instant;

/**
 * The source {@code laminar_dead_letters}, where the {@code dead-letter} error policy puts the rows a sink method threw
 * on, with the error: nothing a sink fails on is lost, and the failures can be queried, subscribed to or sent on like
 * any other events.
 */
final class DeadLetters {

    /** The source's name. */
    static final String SOURCE = "laminar_dead_letters";

    /** Its columns; created by the starter when a sink asks for it and no script did. */
    static final String DDL = "CREATE SOURCE IF NOT EXISTS " + SOURCE + " (sink VARCHAR NOT NULL, stream_name VARCHAR"
            + " NOT NULL, row_text VARCHAR, error VARCHAR, failed_at TIMESTAMP(3) NOT NULL)";

    private final UntypedSource source;

    private DeadLetters(UntypedSource source) {
        this.source = source;
    }

    /** Creates the source if it does not exist and opens it. */
    static DeadLetters open(LaminarDB db) {
        db.execute(DDL);
        return new DeadLetters(db.source(SOURCE));
    }

    /** Pushes one failed row. */
    void add(String sink, String stream, String rowText, Throwable error) {
        source.push(sink, stream, rowText, String.valueOf(error), Instant.now());
    }
}
