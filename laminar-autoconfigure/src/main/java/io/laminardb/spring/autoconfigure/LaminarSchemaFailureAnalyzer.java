package io.laminardb.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a broken schema script into Spring Boot's start-up failure report: what is wrong, and what to do. */
final class LaminarSchemaFailureAnalyzer extends AbstractFailureAnalyzer<LaminarSchemaException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LaminarSchemaException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Fix the statement in " + cause.location() + ", or point laminar.schema-locations at other scripts.",
                cause);
    }
}
