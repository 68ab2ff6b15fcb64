package io.laminardb.engine.plan;

import io.laminardb.engine.stream.StreamRuntime;
import java.util.List;
import java.util.function.Supplier;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.schema.ScannableTable;

/**
 * A materialized view or a table as a one-shot query reads it: a copy of its rows (in query form) taken when the scan
 * starts.
 */
public final class MaterializedTable extends CatalogTable implements ScannableTable {

    private final Supplier<List<Object[]>> rows;

    public MaterializedTable(StreamRuntime view) {
        this(view.name(), view.schema(), view::snapshot);
    }

    /** @param rows takes a copy of the current rows, in query form */
    public MaterializedTable(String name, Schema schema, Supplier<List<Object[]>> rows) {
        super(name, schema);
        this.rows = rows;
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
        return Linq4j.asEnumerable(rows.get());
    }
}
