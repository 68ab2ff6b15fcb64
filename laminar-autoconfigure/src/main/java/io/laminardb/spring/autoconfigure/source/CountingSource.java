package io.laminardb.spring.autoconfigure.source;

import io.laminardb.engine.Source;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A {@link Source} that counts the events taken: the handle a source method pushes through, whether the starter pushes
 * what the method returns or the method pushes itself. Any thread may push, as into the handle it wraps.
 */
final class CountingSource<T> implements Source<T> {

    private final Source<T> source;
    private final LongAdder events;

    CountingSource(Source<T> source, LongAdder events) {
        this.source = source;
        this.events = events;
    }

    @Override
    public void push(T record) {
        source.push(record);
        events.increment();
    }

    @Override
    public boolean tryPush(T record) {
        boolean taken = source.tryPush(record);
        if (taken) {
            events.increment();
        }
        return taken;
    }

    @Override
    public void pushBatch(List<? extends T> records) {
        source.pushBatch(records);
        events.add(records.size());
    }

    @Override
    public void pushArrow(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        source.pushArrow(batch);
        events.add(rows);
    }

    @Override
    public void watermark(long epochMillis) {
        source.watermark(epochMillis);
    }

    @Override
    public long currentWatermark() {
        return source.currentWatermark();
    }

    @Override
    public boolean hasCapacity() {
        return source.hasCapacity();
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public Schema schema() {
        return source.schema();
    }

    @Override
    public int producerCount() {
        return source.producerCount();
    }

    @Override
    public boolean isMpsc() {
        return source.isMpsc();
    }

    @Override
    public void close() {
        source.close();
    }

    @Override
    public String toString() {
        return source.toString();
    }
}
