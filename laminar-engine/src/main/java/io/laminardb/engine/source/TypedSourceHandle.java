package io.laminardb.engine.source;

import io.laminardb.engine.Source;
import io.laminardb.engine.record.RecordType;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.types.pojo.Schema;

/** {@link Source} for a {@code @Record} type whose columns were matched to the source's when the handle was made. */
public final class TypedSourceHandle<T> extends SourceHandle implements Source<T> {

    private final RecordType<T> type;

    /**
     * Matches {@code type} to the source and registers how to read its events.
     *
     * @throws io.laminardb.engine.SchemaMismatchException naming every column that differs
     */
    public TypedSourceHandle(SourceRuntime runtime, RecordType<T> type) {
        super(runtime);
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
    public String toString() {
        return "Source<" + type.recordClass().getSimpleName() + ">(" + runtime.name() + ")";
    }
}
