package io.laminardb.engine;

import io.laminardb.engine.value.ArrowValues;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The result of {@link LaminarDB#query(String)}: the rows of a one-shot query over materialized views, as they were
 * when it ran.
 */
public final class QueryResult {

    private final Schema schema;
    private final List<Row> rows;
    private final BufferAllocator allocator;

    /** For the engine; applications get results from {@link LaminarDB#query(String)}. */
    public QueryResult(Schema schema, List<Row> rows, BufferAllocator allocator) {
        this.schema = schema;
        this.rows = List.copyOf(rows);
        this.allocator = allocator;
    }

    /** The columns. */
    public Schema schema() {
        return schema;
    }

    /** The rows, in the query's order (unordered without {@code ORDER BY}). */
    public List<Row> rows() {
        return rows;
    }

    public int size() {
        return rows.size();
    }

    /** The rows as one Arrow batch, which the caller closes. */
    public VectorSchemaRoot toArrow() {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        try {
            root.allocateNew();
            for (int column = 0; column < schema.getFields().size(); column++) {
                for (int row = 0; row < rows.size(); row++) {
                    ArrowValues.write(root.getVector(column), row, rows.get(row).get(column));
                }
            }
            root.setRowCount(rows.size());
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "QueryResult" + rows;
    }
}
