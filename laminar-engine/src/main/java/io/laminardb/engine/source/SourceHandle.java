package io.laminardb.engine.source;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** What typed and untyped source handles share: everything but the shape of a pushed row. */
abstract class SourceHandle {

    final SourceRuntime runtime;

    /** The schema of the last Arrow batch that matched; batches usually share one schema instance. */
    private volatile Schema acceptedSchema;

    SourceHandle(SourceRuntime runtime) {
        this.runtime = runtime;
    }

    public void pushArrow(VectorSchemaRoot batch) {
        Schema schema = batch.getSchema();
        if (schema != acceptedSchema) {
            SchemaMatcher.sameColumns(schema, runtime.definition().schema(), runtime.name());
            acceptedSchema = schema;
        }
        runtime.pushArrow(batch);
    }

    public void watermark(long epochMillis) {
        runtime.watermark(epochMillis);
    }

    public long currentWatermark() {
        return runtime.currentWatermark();
    }

    public boolean hasCapacity() {
        return runtime.hasCapacity();
    }

    public String name() {
        return runtime.name();
    }

    public Schema schema() {
        return runtime.definition().schema();
    }

    public int producerCount() {
        return runtime.producerCount();
    }

    public boolean isMpsc() {
        return runtime.isMpsc();
    }

    public void close() {
        runtime.close();
    }
}
