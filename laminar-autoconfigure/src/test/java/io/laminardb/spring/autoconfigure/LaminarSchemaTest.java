package io.laminardb.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.laminardb.engine.LaminarDB;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Schema scripts that are missing or broken stop start-up with a message that says where and what. */
class LaminarSchemaTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LaminarAutoConfiguration.class))
            .withPropertyValues("laminar.cores=1");

    @Test
    void aSyntaxErrorFailsStartUpWithTheScriptLineAndColumn() {
        runner.withPropertyValues("laminar.schema-locations=classpath:laminar/broken.sql")
                .run(context -> assertThat(context)
                        .getFailure()
                        .extracting(LaminarSchemaTest::schemaError)
                        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                        .hasMessageContaining("class path resource [laminar/broken.sql]")
                        .hasMessageContaining("line 4"));
    }

    @Test
    void aStatementThatDoesNotValidateFailsStartUpNamingTheStatement() {
        runner.withPropertyValues("laminar.schema-locations=classpath:laminar/invalid.sql")
                .run(context -> assertThat(context)
                        .getFailure()
                        .extracting(LaminarSchemaTest::schemaError)
                        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                        .hasMessageContaining("class path resource [laminar/invalid.sql]")
                        .hasMessageContaining("Statement at line 3 (CREATE STREAM")
                        .hasMessageContaining("cost"));
    }

    @Test
    void aMissingScriptFailsStartUpUnlessOptional() {
        runner.withPropertyValues("laminar.schema-locations=classpath:laminar/absent.sql")
                .run(context -> assertThat(context)
                        .getFailure()
                        .extracting(LaminarSchemaTest::schemaError)
                        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                        .hasMessageContaining("classpath:laminar/absent.sql does not exist")
                        .hasMessageContaining("optional:"));
        runner.withPropertyValues("laminar.schema-locations=optional:classpath:laminar/absent.sql")
                .run(context ->
                        assertThat(context.getBean(LaminarDB.class).sources()).isEmpty());
    }

    /** The schema error in a start-up failure's chain of causes. */
    static Throwable schemaError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LaminarSchemaException) {
                return t;
            }
        }
        throw new AssertionError("no LaminarSchemaException in the failure", failure);
    }

    @Test
    void aScriptOfOnlyCommentsIsSkipped() {
        assertThat(LaminarSchema.isBlank("-- nothing yet\n/* later */\n;\n")).isTrue();
        assertThat(LaminarSchema.isBlank("-- a source\nCREATE SOURCE s (a INT);"))
                .isFalse();
    }
}
