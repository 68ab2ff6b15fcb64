package io.laminardb.annotations.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.laminardb.annotations.processor.RecordSources.compile;
import static io.laminardb.annotations.processor.RecordSources.recordWarnings;
import static io.laminardb.annotations.processor.RecordSources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.laminardb.annotations.Record;
import java.io.File;
import java.net.URISyntaxException;
import java.util.List;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Errors about a {@code @Record} declaration as a whole: its kind, visibility, nesting, type parameters, columns,
 * accessors and constructors, and the class path it is compiled against. Field-level errors are in {@link
 * RecordProcessorFieldErrorsTest}.
 */
class RecordProcessorErrorsTest {

    @Test
    void recordOnAnInterfaceIsReportedOnTheInterface() {
        JavaFileObject file = source("Shape", "@Record", "public interface Shape {", "    double area();", "}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("@Record applies to a Java record or a concrete class, not to interface Shape.")
                .inFile(file)
                .onLineContaining("public interface Shape");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void recordOnAnAbstractClassIsReportedOnTheClass() {
        JavaFileObject file =
                source("Shape", "@Record", "public abstract class Shape {", "    public double area;", "}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("not to abstract class Shape. Move @Record to a record or a non-abstract class.")
                .inFile(file)
                .onLineContaining("public abstract class Shape");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void packagePrivateRecordIsReportedAsNotPublic() {
        JavaFileObject file = source("Hidden", "@Record", "record Hidden(int value) {}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("@Record type Hidden must be public, and so must every type it is nested in"
                        + " (Hidden is not), because the generated Hidden_RecordType")
                .inFile(file)
                .onLineContaining("record Hidden(int value)");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void publicRecordNestedInAPackagePrivateClassIsReportedAsNotPublic() {
        JavaFileObject file =
                source("Outer", "class Outer {", "    @Record", "    public record Inner(int value) {}", "}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("@Record type Inner must be public, and so must every type it is nested in"
                        + " (Outer is not), because the generated Outer_Inner_RecordType and the engine must reach"
                        + " it. Make Outer public.")
                .inFile(file)
                .onLineContaining("public record Inner(int value)");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void innerClassIsReportedAsNotStatic() {
        JavaFileObject file = source(
                "Outer",
                "public class Outer {",
                "    @Record",
                "    public class Inner {",
                "        public int value;",
                "    }",
                "}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("@Record class Inner is an inner class; declare it static")
                .inFile(file)
                .onLineContaining("public class Inner");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void typeParametersAreReportedOnTheType() {
        JavaFileObject file = source("Box", "@Record", "public record Box<T>(String label) {}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("@Record type Box declares type parameters")
                .inFile(file)
                .onLineContaining("public record Box<T>");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void recordWithoutComponentsIsReportedAsHavingNoColumns() {
        JavaFileObject file = source("Empty", "@Record", "public record Empty() {}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("@Record type Empty has no columns")
                .inFile(file)
                .onLineContaining("public record Empty()");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void privateFieldWithoutGetterIsReportedOnTheField() {
        JavaFileObject file = source(
                "Sensor",
                "@Record",
                "public class Sensor {",
                "    private final String id;",
                "",
                "    public Sensor(String id) {",
                "        this.id = id;",
                "    }",
                "}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("Field 'id' of class Sensor cannot be read: add a public getter getId() or make"
                        + " the field public.")
                .inFile(file)
                .onLineContaining("private final String id;");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void classWithOnlyAPrivateConstructorIsReportedOnTheClass() {
        JavaFileObject file = source(
                "Reading",
                "@Record",
                "public class Reading {",
                "    public final double value;",
                "",
                "    private Reading(double value) {",
                "        this.value = value;",
                "    }",
                "}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("Class Reading has no usable constructor. Add a public constructor that takes"
                        + " every column field in declaration order (double value)")
                .inFile(file)
                .onLineContaining("public class Reading");
        assertThat(compilation).hadErrorContaining("(missing for: value)");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void constructorWithTheFieldsInAnotherOrderIsNotUsable() {
        JavaFileObject file = source(
                "Pair",
                "@Record",
                "public class Pair {",
                "    private final String left;",
                "    private final int right;",
                "",
                "    public Pair(int right, String left) {",
                "        this.left = left;",
                "        this.right = right;",
                "    }",
                "",
                "    public String getLeft() {",
                "        return left;",
                "    }",
                "",
                "    public int getRight() {",
                "        return right;",
                "    }",
                "}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("Class Pair has no usable constructor. Add a public constructor that takes every"
                        + " column field in declaration order (java.lang.String left, int right)")
                .inFile(file)
                .onLineContaining("public class Pair");
        assertThat(compilation).hadErrorContaining("(missing for: left, right)");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void missingEngineIsReportedOnTheFirstRecord() throws URISyntaxException {
        File annotationsOnly = new File(
                Record.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaFileObject file = source("Trade", "@Record", "public record Trade(String symbol, double price) {}");

        Compilation compilation = Compiler.javac()
                .withProcessors(new RecordProcessor())
                .withClasspath(List.of(annotationsOnly))
                .compile(file);

        assertThat(compilation)
                .hadErrorContaining("laminar-engine is not on the compile class path, so the RecordType generated for"
                        + " Trade cannot compile. Add the dependency io.laminardb:laminar-engine")
                .inFile(file)
                .onLineContaining("public record Trade(");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void fieldTypeThatNeverAppearsIsLeftToJavac() {
        JavaFileObject file = source("Holder", "@Record", "public record Holder(String name, Missing missing) {}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining("cannot find symbol")
                .inFile(file)
                .onLineContaining("Missing missing");
        Assertions.assertThat(compilation.errors())
                .allSatisfy(
                        error -> Assertions.assertThat(error.getMessage(null)).doesNotContain("@Record"));
    }

    @Test
    void everyErrorOfATypeIsReportedInOneCompilation() {
        // A class, so that the errors land on its fields; for record components see RecordProcessorFieldErrorsTest.
        JavaFileObject broken = source(
                "Broken",
                "@Record",
                "public class Broken {",
                "    public char initial;",
                "    @EventTime public String when;",
                "    @Column(precision = 2) public int count;",
                "}");

        Compilation compilation = compile(broken);

        assertThat(compilation)
                .hadErrorContaining("Field 'initial' has type char")
                .inFile(broken)
                .onLineContaining("char initial");
        assertThat(compilation)
                .hadErrorContaining("@EventTime field 'when' has type java.lang.String")
                .inFile(broken)
                .onLineContaining("String when");
        assertThat(compilation)
                .hadErrorContaining("Field 'count' of type int sets @Column(precision)")
                .inFile(broken)
                .onLineContaining("int count");
        assertThat(compilation).hadErrorCount(3);
    }

    @Test
    void errorInADeferredTypeIsReportedOnce() {
        // Holder is deferred to the next round because Later does not exist yet; its char field must not be reported
        // once per round.
        JavaFileObject holder = source(
                "Holder",
                "@Record",
                "public class Holder {",
                "    public char initial;",
                "    public Later later;",
                "}");

        Compilation compilation = Compiler.javac()
                .withProcessors(new RecordProcessor(), new RecordProcessorGeneratedSourceTest.LaterRecordGenerator())
                .compile(holder);

        assertThat(compilation)
                .hadErrorContaining("Field 'initial' has type char")
                .inFile(holder)
                .onLineContaining("char initial");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void validRecordCompilesWithoutWarningsFromTheProcessor() {
        JavaFileObject file = source(
                "Trade",
                "@Record",
                "public record Trade(String symbol, double price, long qty, @EventTime Instant ts) {}");

        Compilation compilation = compile(file);

        assertThat(compilation).succeeded();
        assertThat(compilation).generatedSourceFile("test.Trade_RecordType");
        Assertions.assertThat(recordWarnings(compilation)).isEmpty();
    }
}
