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
 * {@code VARBINARY}; the message key is not read. Every message is one row, an empty one an empty string or byte
 * array; a tombstone (no value) is none. Written: the column's bytes, whatever the row's operation; a NULL writes
 * nothing. Any other schema is refused when the decoder or encoder is made.
 */
public final class RawFormat implements FormatFactory {

    @Override
    public String name() {
        return "raw";
    }

    /** Whether the one column is text; refuses any other schema. */
    private static boolean isText(FormatSpec spec) {
        int count = spec.schema().getFields().size();
        if (count != 1) {
            throw new ConnectorException("'" + spec.object() + "': format 'raw' needs exactly one column, VARCHAR or"
                    + " VARBINARY, that holds the whole message; it has " + count + ".");
        }
        Field field = spec.schema().getFields().get(0);
        ArrowType.ArrowTypeID type = field.getType().getTypeID();
        if (type != ArrowType.ArrowTypeID.Utf8 && type != ArrowType.ArrowTypeID.Binary) {
            throw new ConnectorException("'" + spec.object() + "': format 'raw' needs its column '" + field.getName()
                    + "' to be VARCHAR or VARBINARY, not " + io.laminardb.engine.value.SqlTypes.sqlName(field) + ".");
        }
        return type == ArrowType.ArrowTypeID.Utf8;
    }

    @Override
    public RowDecoder decoder(FormatSpec spec) {
        boolean text = isText(spec);
        return (key, value, out) -> {
            if (value != null) {
                out.row(new Object[] {text ? new String(value, StandardCharsets.UTF_8) : value}, ChangeEvent.Op.INSERT);
            }
        };
    }

    @Override
    public RowEncoder encoder(FormatSpec spec) {
        boolean text = isText(spec);
        return (row, op) -> {
            Object value = row.get(0);
            if (value == null) {
                return null;
            }
            return text ? ((String) value).getBytes(StandardCharsets.UTF_8) : (byte[]) value;
        };
    }
}
