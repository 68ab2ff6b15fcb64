package io.laminardb.engine.plan.codegen;

import java.lang.reflect.Type;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.rel.type.RelDataType;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Tells Calcite's translator how generated code reads input field {@code i}: {@code row[i]}, cast to the Java class
 * Calcite keeps that SQL type in ({@code Long} for a nullable TIMESTAMP, {@code long} for a NOT NULL one, and so on).
 */
final class RowInputGetter implements RexToLixTranslator.InputGetter {

    /** The parameter of every generated method: the input row. */
    static final ParameterExpression ROW = Expressions.parameter(Object[].class, "row");

    private final RelDataType inputRowType;
    private final JavaTypeFactory typeFactory;

    RowInputGetter(RelDataType inputRowType, JavaTypeFactory typeFactory) {
        this.inputRowType = inputRowType;
        this.typeFactory = typeFactory;
    }

    @Override
    public Expression field(BlockBuilder list, int index, @Nullable Type storageType) {
        Type type = storageType;
        if (type == null) {
            type = typeFactory.getJavaClass(
                    inputRowType.getFieldList().get(index).getType());
        }
        return EnumUtils.convert(Expressions.arrayIndex(ROW, Expressions.constant(index)), type);
    }
}
