package io.laminardb.engine.connector;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.Row;

/** Turns rows of a sink into message bodies. */
public interface RowEncoder {

    /**
     * Encodes one row.
     *
     * @param op what the row is: an insert, or a retraction of a changelog; formats without a way to say so write
     *     retractions as they are (see the format's documentation)
     * @return the message body, or null to write nothing for this row
     */
    byte[] encode(Row row, ChangeEvent.Op op);
}
