package io.laminardb.engine.plan;

import io.laminardb.engine.stream.StreamRuntime;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.schema.ScannableTable;

/** A materialized view as a one-shot query reads it: a copy of its rows taken when the scan starts. */
public final class MaterializedTable extends CatalogTable implements ScannableTable {

    private final StreamRuntime view;

    public MaterializedTable(StreamRuntime view) {
        super(view.name(), view.schema());
        this.view = view;
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
        return Linq4j.asEnumerable(view.snapshot());
    }
}
