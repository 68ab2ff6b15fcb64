package io.laminardb.engine.plan;

import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A source, stream or view as the SQL validator sees it: a name and a row type. Continuous queries never scan it
 * through Calcite; the translator wires the query to the object's runtime instead.
 */
public class CatalogTable extends AbstractTable {

    private final String name;
    private final Schema schema;
    private final String eventTimeColumn;

    public CatalogTable(String name, Schema schema) {
        this(name, schema, null);
    }

    /** @param eventTimeColumn the column its {@code WATERMARK FOR} names, or null */
    public CatalogTable(String name, Schema schema, String eventTimeColumn) {
        this.name = name;
        this.schema = schema;
        this.eventTimeColumn = eventTimeColumn;
    }

    /** The column its {@code WATERMARK FOR} names, which versions its rows for {@code FOR SYSTEM_TIME AS OF}; or null. */
    public String eventTimeColumn() {
        return eventTimeColumn;
    }

    public String name() {
        return name;
    }

    public Schema schema() {
        return schema;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return TypeMapping.rowType(schema, typeFactory);
    }
}
