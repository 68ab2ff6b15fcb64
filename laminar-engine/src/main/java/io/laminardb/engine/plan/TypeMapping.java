package io.laminardb.engine.plan;

import io.laminardb.engine.SqlValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Between the catalog's Arrow schemas and Calcite's row types, and between a column's value in SQL form (what {@code
 * Row} and records hold: {@code Instant}, {@code LocalDate}) and its form inside queries (Calcite's internal
 * representation: epoch milliseconds as {@code Long}, days as {@code Integer}), which is what compiled expressions and
 * operators work on.
 */
public final class TypeMapping {

    private TypeMapping() {}

    /** The Calcite row type of an Arrow schema. */
    public static RelDataType rowType(Schema schema, RelDataTypeFactory types) {
        RelDataTypeFactory.Builder builder = types.builder();
        for (Field field : schema.getFields()) {
            builder.add(field.getName(), types.createTypeWithNullability(relType(field, types), field.isNullable()));
        }
        return builder.build();
    }

    private static RelDataType relType(Field field, RelDataTypeFactory types) {
        ArrowType type = field.getType();
        return switch (type.getTypeID()) {
            case Bool -> types.createSqlType(SqlTypeName.BOOLEAN);
            case Int ->
                types.createSqlType(
                        switch (((ArrowType.Int) type).getBitWidth()) {
                            case 8 -> SqlTypeName.TINYINT;
                            case 16 -> SqlTypeName.SMALLINT;
                            case 32 -> SqlTypeName.INTEGER;
                            default -> SqlTypeName.BIGINT;
                        });
            case FloatingPoint ->
                types.createSqlType(
                        ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.SINGLE
                                ? SqlTypeName.REAL
                                : SqlTypeName.DOUBLE);
            case Decimal -> {
                ArrowType.Decimal decimal = (ArrowType.Decimal) type;
                yield types.createSqlType(SqlTypeName.DECIMAL, decimal.getPrecision(), decimal.getScale());
            }
            case Utf8 -> types.createSqlType(SqlTypeName.VARCHAR);
            case Binary -> types.createSqlType(SqlTypeName.VARBINARY);
            case Date -> types.createSqlType(SqlTypeName.DATE);
            case Time -> types.createSqlType(SqlTypeName.TIME, 3);
            // Inside queries timestamps are milliseconds, Calcite's own representation.
            case Timestamp -> types.createSqlType(SqlTypeName.TIMESTAMP, 3);
            default -> types.createSqlType(SqlTypeName.ANY);
        };
    }

    /**
     * The Arrow schema of a query's result row type.
     *
     * @throws SqlValidationException naming a column whose type a stream cannot carry
     */
    public static Schema schema(RelDataType rowType) {
        List<Field> fields = new ArrayList<>();
        for (RelDataTypeField field : rowType.getFieldList()) {
            fields.add(new Field(
                    field.getName(), new FieldType(field.getType().isNullable(), arrowType(field), null), null));
        }
        return new Schema(fields);
    }

    private static ArrowType arrowType(RelDataTypeField field) {
        RelDataType type = field.getType();
        return switch (type.getSqlTypeName()) {
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case TINYINT -> new ArrowType.Int(8, true);
            case SMALLINT -> new ArrowType.Int(16, true);
            case INTEGER -> new ArrowType.Int(32, true);
            case BIGINT -> new ArrowType.Int(64, true);
            case REAL, FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case DECIMAL -> new ArrowType.Decimal(Math.min(38, type.getPrecision()), type.getScale(), 128);
            case CHAR, VARCHAR -> ArrowType.Utf8.INSTANCE;
            case BINARY, VARBINARY -> ArrowType.Binary.INSTANCE;
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case TIME -> new ArrowType.Time(TimeUnit.MILLISECOND, 32);
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);
            default ->
                throw new SqlValidationException("Column '" + field.getName() + "' of the query is of type "
                        + type.getFullTypeString() + ", which a stream cannot carry. CAST it to a column type"
                        + " (see docs/sql.md).");
        };
    }

    /** The value of a column of type {@code field} in the form queries work on. */
    public static Object toInternal(Object value, Field field) {
        if (value == null) {
            return null;
        }
        return switch (field.getType().getTypeID()) {
            case Timestamp -> value instanceof Instant instant ? instant.toEpochMilli() : value;
            case Date -> value instanceof LocalDate date ? (int) date.toEpochDay() : value;
            case Time -> value instanceof LocalTime time ? (int) (time.toNanoOfDay() / 1_000_000) : value;
            case Utf8 -> value instanceof String ? value : value.toString();
            default -> value;
        };
    }

    /** The value of a column of type {@code field} in SQL form, from the form queries work on. */
    public static Object toExternal(Object value, Field field) {
        if (value == null) {
            return null;
        }
        return switch (field.getType().getTypeID()) {
            case Timestamp -> value instanceof Long millis ? Instant.ofEpochMilli(millis) : value;
            case Date -> value instanceof Integer days ? LocalDate.ofEpochDay(days) : value;
            case Time -> value instanceof Integer millis ? LocalTime.ofNanoOfDay(millis * 1_000_000L) : value;
            case Decimal ->
                value instanceof BigDecimal d
                        ? d.setScale(((ArrowType.Decimal) field.getType()).getScale(), java.math.RoundingMode.HALF_UP)
                        : value;
            default -> value;
        };
    }
}
