package io.laminardb.engine;

import io.laminardb.engine.runtime.DatabaseRuntime;

/** Reaches into a {@link LaminarDB} for tests in other packages. */
public final class Internals {

    private Internals() {}

    public static DatabaseRuntime runtime(LaminarDB db) {
        return db.runtime();
    }
}
