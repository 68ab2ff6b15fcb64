package io.laminardb.engine.connector.format;

import io.laminardb.engine.ChangeEvent;
import io.laminardb.engine.ConnectorException;
import io.laminardb.engine.connector.FormatFactory;
import io.laminardb.engine.connector.FormatSpec;
import io.laminardb.engine.connector.RowDecoder;
import io.laminardb.engine.connector.RowEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * {@code format = 'raw'}: the whole message is the value of the object's one column, a {@code VARCHAR} (UTF-8) or a
 * {@code VARBINARY}.
 */
public final class RawFormat implements FormatFactory {

    @Override
    public String name() {
        return "raw";
    }

    private static boolean text(FormatSpec spec) {
        if (spec.schema().getFields().size() != 1) {
            throw new ConnectorException("'" + spec.object() + "': format 'raw' needs exactly one column (VARCHAR or"
                    + " VARBINARY), it has " + spec.schema().getFields().size() + ".");
        }
        Field field = spec.schema().getFields().get(0);
        ArrowType.ArrowTypeID type = field.getType().getTypeID();
        if (type != ArrowType.ArrowTypeID.Utf8 && type != ArrowType.ArrowTypeID.Binary) {
            throw new ConnectorException("'" + spec.object() + "': format 'raw' needs its column '" + field.getName()
                    + "' to be VARCHAR or VARBINARY.");
        }
        return type == ArrowType.ArrowTypeID.Utf8;
    }

    @Override
    public RowDecoder decoder(FormatSpec spec) {
        boolean text = text(spec);
        return (key, value, out) -> {
            if (value != null) {
                out.row(new Object[] {text ? new String(value, StandardCharsets.UTF_8) : value}, ChangeEvent.Op.INSERT);
            }
        };
    }

    @Override
    public RowEncoder encoder(FormatSpec spec) {
        boolean text = text(spec);
        return (row, op) -> {
            Object value = row.get(0);
            if (value == null) {
                return null;
            }
            return text ? value.toString().getBytes(StandardCharsets.UTF_8) : (byte[]) value;
        };
    }
}
