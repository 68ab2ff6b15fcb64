package io.laminardb.engine.plan.codegen;
// STUB: replaced by the codegen branch
public final class ExpressionCompiler {
    public ExpressionCompiler(org.apache.calcite.adapter.java.JavaTypeFactory t) {}
    public RowCalc compileCalc(org.apache.calcite.rex.RexProgram program) { throw new UnsupportedOperationException(); }
}
