package io.laminardb.engine.stream;

import io.laminardb.engine.LaminarConfig;
import io.laminardb.engine.LaminarDB;

/** Every case of {@link ChangelogQueryTest} on one engine thread, where keyed operators run without an exchange. */
class ChangelogQuerySingleCoreTest extends ChangelogQueryTest {

    @Override
    LaminarDB newDatabase() {
        return LaminarDB.open(LaminarConfig.builder().cores(1).build());
    }
}
