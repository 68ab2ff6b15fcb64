package io.laminardb.engine.exchange;

import io.laminardb.engine.ChangeEvent;

/** What travels through the queues of an exchange besides plain inserted rows. */
final class Messages {

    private Messages() {}

    /** A row that is not a plain insert, or whose timestamp matters. */
    record Change(Object[] row, ChangeEvent.Op op, long timestamp) {}

    /** A late row for the side output. */
    record Late(Object[] row, ChangeEvent.Op op, long timestamp) {}

    /** A watermark after the rows before it. */
    record Watermark(long value) {}

    /** The end of input. */
    static final Object END = new Object() {
        @Override
        public String toString() {
            return "END";
        }
    };
}
