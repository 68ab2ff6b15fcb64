package io.laminardb.format.avro;

import io.laminardb.engine.connector.DecodeException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;

/** Between the columns of a source or sink and Avro: the record schema of a set of columns, and values both ways. */
final class AvroSchemas {

    private AvroSchemas() {}

    /** An Avro record schema for {@code fields}: nullable columns as unions with null (null first, default null). */
    static Schema recordOf(String name, List<Field> fields) {
        SchemaBuilder.FieldAssembler<Schema> assembler =
                SchemaBuilder.record(avroName(name)).namespace("io.laminardb").fields();
        for (Field field : fields) {
            Schema type = typeOf(field);
            if (field.isNullable()) {
                assembler = assembler
                        .name(avroName(field.getName()))
                        .type(Schema.createUnion(Schema.create(Schema.Type.NULL), type))
                        .withDefault(null);
            } else {
                assembler = assembler.name(avroName(field.getName())).type(type).noDefault();
            }
        }
        return assembler.endRecord();
    }

    private static String avroName(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9_]", "_");
        return Character.isDigit(cleaned.charAt(0)) ? "_" + cleaned : cleaned;
    }

    private static Schema typeOf(Field field) {
        ArrowType type = field.getType();
        switch (type.getTypeID()) {
            case Bool:
                return Schema.create(Schema.Type.BOOLEAN);
            case Int:
                return Schema.create(((ArrowType.Int) type).getBitWidth() == 64 ? Schema.Type.LONG : Schema.Type.INT);
            case FloatingPoint:
                return Schema.create(
                        ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.SINGLE
                                ? Schema.Type.FLOAT
                                : Schema.Type.DOUBLE);
            case Decimal:
                ArrowType.Decimal d = (ArrowType.Decimal) type;
                return LogicalTypes.decimal(d.getPrecision(), d.getScale())
                        .addToSchema(Schema.create(Schema.Type.BYTES));
            case Utf8:
                return Schema.create(Schema.Type.STRING);
            case Binary:
                return Schema.create(Schema.Type.BYTES);
            case Timestamp:
                return ((ArrowType.Timestamp) type).getUnit() == TimeUnit.MICROSECOND
                        ? LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG))
                        : LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
            case Date:
                return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case Time:
                return LogicalTypes.timeMillis().addToSchema(Schema.create(Schema.Type.INT));
            default:
                throw new IllegalArgumentException(
                        "column '" + field.getName() + "' of type " + type + " has no Avro form in this release");
        }
    }

    /** A column value (SQL form) as the Avro value of {@code schema}. */
    static Object toAvro(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        Schema s = nonNull(schema);
        LogicalType logical = s.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal decimal) {
            BigDecimal d = ((BigDecimal) value).setScale(decimal.getScale(), java.math.RoundingMode.UNNECESSARY);
            return ByteBuffer.wrap(d.unscaledValue().toByteArray());
        }
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return ((Instant) value).toEpochMilli();
        }
        if (logical instanceof LogicalTypes.TimestampMicros) {
            Instant i = (Instant) value;
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
        }
        if (logical instanceof LogicalTypes.Date) {
            return (int) ((LocalDate) value).toEpochDay();
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
            return (int) (((LocalTime) value).toNanoOfDay() / 1_000_000);
        }
        switch (s.getType()) {
            case INT:
                return ((Number) value).intValue();
            case LONG:
                return ((Number) value).longValue();
            case BYTES:
                return ByteBuffer.wrap((byte[]) value);
            case STRING:
                return value.toString();
            default:
                return value;
        }
    }

    /** An Avro value as the SQL form of column {@code field}. */
    static Object fromAvro(Object value, Schema schema, Field field) throws DecodeException {
        if (value == null) {
            if (!field.isNullable()) {
                throw new DecodeException("column '" + field.getName() + "' is NOT NULL but the record has null");
            }
            return null;
        }
        Schema s = nonNull(schema);
        LogicalType logical = s.getLogicalType();
        ArrowType type = field.getType();
        try {
            if (logical instanceof LogicalTypes.Decimal decimal) {
                byte[] bytes = value instanceof ByteBuffer b ? bytes(b) : ((GenericData.Fixed) value).bytes();
                BigDecimal d = new BigDecimal(new BigInteger(bytes), decimal.getScale());
                return type instanceof ArrowType.Decimal target
                        ? d.setScale(target.getScale(), java.math.RoundingMode.UNNECESSARY)
                        : convertNumber(d, type, field);
            }
            if (logical instanceof LogicalTypes.TimestampMillis) {
                return Instant.ofEpochMilli((Long) value);
            }
            if (logical instanceof LogicalTypes.TimestampMicros) {
                long micros = (Long) value;
                return Instant.ofEpochSecond(
                        Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
            }
            if (logical instanceof LogicalTypes.Date) {
                return LocalDate.ofEpochDay((Integer) value);
            }
            if (logical instanceof LogicalTypes.TimeMillis) {
                return LocalTime.ofNanoOfDay(((Integer) value) * 1_000_000L);
            }
            if (logical instanceof LogicalTypes.TimeMicros) {
                return LocalTime.ofNanoOfDay(((Long) value) * 1_000L);
            }
            switch (type.getTypeID()) {
                case Utf8:
                    return value.toString();
                case Binary:
                    return value instanceof ByteBuffer b ? bytes(b) : ((GenericData.Fixed) value).bytes();
                case Bool:
                    return (Boolean) value;
                case Timestamp:
                    return Instant.ofEpochMilli(((Number) value).longValue());
                default:
                    if (value instanceof Number n) {
                        return convertNumber(n, type, field);
                    }
            }
        } catch (ClassCastException | ArithmeticException e) {
            // below
        }
        throw new DecodeException(
                "column '" + field.getName() + "' is " + io.laminardb.engine.value.SqlTypes.sqlName(field)
                        + " but the record's field is Avro " + s.getType().getName() + " (" + value + ")");
    }

    private static Object convertNumber(Number n, ArrowType type, Field field) throws DecodeException {
        switch (type.getTypeID()) {
            case Int:
                long v = n instanceof BigDecimal d ? d.longValueExact() : n.longValue();
                int bits = ((ArrowType.Int) type).getBitWidth();
                return switch (bits) {
                    case 8 -> (byte) v;
                    case 16 -> (short) v;
                    case 32 -> Math.toIntExact(v);
                    default -> v;
                };
            case FloatingPoint:
                return ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.SINGLE
                        ? (Object) n.floatValue()
                        : (Object) n.doubleValue();
            case Decimal:
                return new BigDecimal(n.toString())
                        .setScale(((ArrowType.Decimal) type).getScale(), java.math.RoundingMode.UNNECESSARY);
            default:
                throw new DecodeException("column '" + field.getName() + "' cannot take the number " + n);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    /** The non-null branch of a {@code [null, T]} union, or the schema itself. */
    static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> types = new ArrayList<>(schema.getTypes());
        types.removeIf(t -> t.getType() == Schema.Type.NULL);
        return types.size() == 1 ? types.get(0) : schema;
    }
}
