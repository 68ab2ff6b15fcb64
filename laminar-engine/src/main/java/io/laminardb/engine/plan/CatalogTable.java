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

    public CatalogTable(String name, Schema schema) {
        this.name = name;
        this.schema = schema;
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
