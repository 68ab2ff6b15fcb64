package io.laminardb.engine.stream;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;

/** Every case of {@link WindowQueryTest} on one engine thread, where keyed operators run without an exchange. */
class WindowQuerySingleCoreTest extends WindowQueryTest {

    @Override
    LaminarDB newDatabase() {
        return LaminarDB.open(LaminarConfig.builder().cores(1).build());
    }
}
