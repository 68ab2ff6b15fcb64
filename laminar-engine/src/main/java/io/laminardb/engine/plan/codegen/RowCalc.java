package io.laminardb.engine.plan.codegen;
// STUB: replaced by the codegen branch
@FunctionalInterface
public interface RowCalc { Object[] apply(Object[] row); }
