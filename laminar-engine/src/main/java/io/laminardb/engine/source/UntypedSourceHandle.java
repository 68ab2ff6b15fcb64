package io.laminardb.engine.source;

import io.laminardb.engine.Row;
import io.laminardb.engine.SchemaMismatchException;
import io.laminardb.engine.UntypedSource;
import io.laminardb.engine.value.SqlValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;

/** {@link UntypedSource}: checks each row against the source's schema on the pushing thread. */
public final class UntypedSourceHandle extends SourceHandle implements UntypedSource {

    private final List<Field> fields;

    public UntypedSourceHandle(SourceRuntime runtime) {
        super(runtime);
        this.fields = runtime.definition().schema().getFields();
    }

    @Override
    public void push(Row row) {
        runtime.push(fromRow(row));
    }

    @Override
    public void push(Object... values) {
        runtime.push(checked(values));
    }

    @Override
    public void push(Map<String, ?> values) {
        runtime.push(fromMap(values));
    }

    @Override
    public boolean tryPush(Object... values) {
        return runtime.tryPush(checked(values));
    }

    /** Checks and converts {@code values} in place; they are the row the engine will see. */
    public Object[] checked(Object[] values) {
        if (values.length != fields.size()) {
            throw new SchemaMismatchException(
                    "The row for source '" + runtime.name() + "'",
                    List.of("it has " + values.length + " values but the source has " + fields.size() + " columns ("
                            + String.join(
                                    ", ", fields.stream().map(Field::getName).toList()) + ")"));
        }
        List<String> problems = null;
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = SqlValues.coerce(values[i], fields.get(i));
            } catch (IllegalArgumentException e) {
                if (problems == null) {
                    problems = new ArrayList<>();
                }
                problems.add(e.getMessage());
            }
        }
        if (problems != null) {
            throw new SchemaMismatchException("The row for source '" + runtime.name() + "'", problems);
        }
        return values;
    }

    private Object[] fromRow(Row row) {
        Object[] values = new Object[fields.size()];
        List<String> unknown = new ArrayList<>();
        for (Field field : row.schema().getFields()) {
            int at = SchemaMatcher.indexOf(runtime.definition().schema(), field.getName());
            if (at < 0) {
                unknown.add(field.getName());
            } else {
                values[at] = row.get(field.getName());
            }
        }
        rejectUnknown(unknown);
        return checked(values);
    }

    private Object[] fromMap(Map<String, ?> map) {
        Object[] values = new Object[fields.size()];
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            int at = SchemaMatcher.indexOf(runtime.definition().schema(), entry.getKey());
            if (at < 0) {
                unknown.add(entry.getKey());
            } else {
                values[at] = entry.getValue();
            }
        }
        rejectUnknown(unknown);
        return checked(values);
    }

    private void rejectUnknown(List<String> unknown) {
        if (!unknown.isEmpty()) {
            throw new SchemaMismatchException(
                    "The row for source '" + runtime.name() + "'",
                    List.of("unknown column(s) " + String.join(", ", unknown) + "; the source has "
                            + String.join(
                                    ", ", fields.stream().map(Field::getName).toList())));
        }
    }
}
