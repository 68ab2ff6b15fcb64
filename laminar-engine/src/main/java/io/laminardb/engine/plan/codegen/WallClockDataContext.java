package io.laminardb.engine.plan.codegen;

import java.util.Locale;
import java.util.TimeZone;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@link DataContext} compiled expressions read the time from: Calcite's {@code CURRENT_TIMESTAMP}, {@code
 * LOCALTIMESTAMP}, {@code CURRENT_DATE} and friends ask it for a variable on every evaluation, and it answers with the
 * wall clock at that moment, in UTC.
 *
 * <p>A batch query would freeze the clock for the statement; a continuous query runs for days, so each evaluation reads
 * the clock afresh. Stateless, so one instance serves every thread.
 */
final class WallClockDataContext implements DataContext {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final JavaTypeFactory typeFactory;

    WallClockDataContext(JavaTypeFactory typeFactory) {
        this.typeFactory = typeFactory;
    }

    @Override
    public @Nullable SchemaPlus getRootSchema() {
        return null;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
        return typeFactory;
    }

    @Override
    public QueryProvider getQueryProvider() {
        throw new UnsupportedOperationException("compiled row expressions run no queries");
    }

    @Override
    public @Nullable Object get(String name) {
        // In UTC the local and the UTC timestamp are the same number of milliseconds.
        if (name.equals(Variable.CURRENT_TIMESTAMP.camelName)
                || name.equals(Variable.LOCAL_TIMESTAMP.camelName)
                || name.equals(Variable.UTC_TIMESTAMP.camelName)) {
            return System.currentTimeMillis();
        }
        if (name.equals(Variable.TIME_ZONE.camelName)) {
            return UTC;
        }
        if (name.equals(Variable.LOCALE.camelName)) {
            return Locale.ROOT;
        }
        return null;
    }
}
