package io.laminardb.engine.source;

import io.laminardb.engine.Source;
import io.laminardb.engine.record.RecordType;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** {@link Source} for a {@code @Record} type whose columns were matched to the source's when the handle was made. */
public final class TypedSourceHandle<T> implements Source<T> {

    private final SourceRuntime runtime;
    /** The schema of the last Arrow batch that matched; batches usually share one schema instance. */
    private volatile Schema acceptedSchema;

    private final RecordType<T> type;

    /**
     * Matches {@code type} to the source and registers how to read its events.
     *
     * @throws io.laminardb.engine.SchemaMismatchException naming every column that differs
     */
    public TypedSourceHandle(SourceRuntime runtime, RecordType<T> type) {
        this.runtime = runtime;
        this.type = type;
        Schema source = runtime.definition().schema();
        int[] recordColumn =
                SchemaMatcher.feeding(type.schema(), type.recordClass().getSimpleName(), source, runtime.name());
        runtime.registerAccessor(
                type.recordClass(),
                new RecordAccessor(
                        type,
                        recordColumn,
                        source.getFields(),
                        runtime.definition().watermarkColumn()));
    }

    @Override
    public void push(T record) {
        runtime.push(Objects.requireNonNull(record, "record"));
    }

    @Override
    public boolean tryPush(T record) {
        return runtime.tryPush(Objects.requireNonNull(record, "record"));
    }

    @Override
    public void pushBatch(List<? extends T> records) {
        runtime.pushBatch(records);
    }

    @Override
    public void pushArrow(VectorSchemaRoot batch) {
        Schema schema = batch.getSchema();
        if (schema != acceptedSchema) {
            SchemaMatcher.sameColumns(schema, runtime.definition().schema(), runtime.name());
            acceptedSchema = schema;
        }
        runtime.pushArrow(batch);
    }

    @Override
    public void watermark(long epochMillis) {
        runtime.watermark(epochMillis);
    }

    @Override
    public long currentWatermark() {
        return runtime.currentWatermark();
    }

    @Override
    public boolean hasCapacity() {
        return runtime.hasCapacity();
    }

    @Override
    public String name() {
        return runtime.name();
    }

    @Override
    public Schema schema() {
        return runtime.definition().schema();
    }

    @Override
    public int producerCount() {
        return runtime.producerCount();
    }

    @Override
    public boolean isMpsc() {
        return runtime.isMpsc();
    }

    @Override
    public void close() {
        runtime.close();
    }

    @Override
    public String toString() {
        return "Source<" + type.recordClass().getSimpleName() + ">(" + runtime.name() + ")";
    }
}
