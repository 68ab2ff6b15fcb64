package io.laminardb.engine.value;

/**
 * Stand-ins for group keys that have no value of their own. A grouping keeps its groups in a hash map by key; these
 * take the place of a key that is SQL {@code NULL} or absent. They are constants, rather than fresh objects, so that a
 * group key read back from a checkpoint is the very object the engine looks groups up by.
 */
public enum KeySentinel {
    /** The key of a group of one column whose value is null. */
    NULL_KEY("NULL"),
    /** The key of the one group of an aggregate whose groups differ only in what is hashed elsewhere (the window). */
    SINGLE_GROUP("ALL");

    private final String text;

    KeySentinel(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
