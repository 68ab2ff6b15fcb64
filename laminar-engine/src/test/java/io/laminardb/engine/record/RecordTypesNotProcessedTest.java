package io.laminardb.engine.record;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.laminardb.annotations.processor.RecordProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** {@link RecordTypes#of} on a {@code @Record} class whose {@code RecordType} was never generated. */
class RecordTypesNotProcessedTest {

    private static final JavaFileObject SOURCE = JavaFileObjects.forSourceLines(
            "test.Unprocessed",
            "package test;",
            "",
            "import io.laminardb.annotations.Record;",
            "",
            "@Record",
            "public record Unprocessed(String name, long count) {}");

    @Test
    void recordCompiledWithoutTheProcessorIsRejectedWithHowToEnableIt() throws ClassNotFoundException {
        Compilation compilation = Compiler.javac().withOptions("-proc:none").compile(SOURCE);
        assertThat(compilation).succeeded();
        Assertions.assertThat(compilation.generatedSourceFiles()).isEmpty();

        Class<?> unprocessed = new CompiledClasses(compilation).loadClass("test.Unprocessed");

        assertThatThrownBy(() -> RecordTypes.of(unprocessed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.Unprocessed is annotated with @Record, but"
                        + " test.Unprocessed_RecordType was not generated")
                .hasMessageContaining("the LaminarDB annotation processor did not run")
                .hasMessageContaining("-proc:full")
                .hasMessageContaining("annotationProcessorPaths");
    }

    @Test
    void sameRecordCompiledWithTheProcessorIsFound() throws ClassNotFoundException {
        // The control for the test above: the class loader is not what makes the lookup fail.
        Compilation compilation =
                Compiler.javac().withProcessors(new RecordProcessor()).compile(SOURCE);
        assertThat(compilation).succeeded();

        Class<?> processed = new CompiledClasses(compilation).loadClass("test.Unprocessed");

        Assertions.assertThat(RecordTypes.of(processed).recordClass()).isSameAs(processed);
    }

    /** Loads the class files of a compilation, and everything else from the test's class loader. */
    private static final class CompiledClasses extends ClassLoader {

        private static final String OUTPUT = "/CLASS_OUTPUT/";

        private final Map<String, byte[]> classes = new HashMap<>();

        CompiledClasses(Compilation compilation) {
            super(RecordTypesNotProcessedTest.class.getClassLoader());
            for (JavaFileObject file : compilation.generatedFiles()) {
                if (file.getKind() == JavaFileObject.Kind.CLASS) {
                    classes.put(binaryName(file), bytes(file));
                }
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }

        private static String binaryName(JavaFileObject file) {
            String path = file.toUri().getPath();
            int start = path.indexOf(OUTPUT);
            if (start < 0 || !path.endsWith(".class")) {
                throw new IllegalArgumentException("Not a class output file: " + path);
            }
            return path.substring(start + OUTPUT.length(), path.length() - ".class".length())
                    .replace('/', '.');
        }

        private static byte[] bytes(JavaFileObject file) {
            try (InputStream in = file.openInputStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
