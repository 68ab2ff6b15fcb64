package io.laminardb.annotations.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaFileObject;

/** Builds the test sources that the processor tests compile, and compiles them with the processor. */
final class RecordSources {

    /** Put before every source by {@link #source}: the package and the imports the test sources use. */
    private static final List<String> HEADER = List.of(
            "package test;",
            "",
            "import io.laminardb.annotations.Column;",
            "import io.laminardb.annotations.EventTime;",
            "import io.laminardb.annotations.Record;",
            "import java.math.BigDecimal;",
            "import java.time.Instant;",
            "import java.util.List;",
            "import java.util.Map;",
            "");

    private RecordSources() {}

    /** A source file of type {@code test.<simpleName>}: the package and imports above, then {@code lines}. */
    static JavaFileObject source(String simpleName, String... lines) {
        List<String> all = new ArrayList<>(HEADER);
        all.addAll(List.of(lines));
        return JavaFileObjects.forSourceLines("test." + simpleName, all);
    }

    /** Compiles {@code files} with the record processor and the test JVM's class path. */
    static Compilation compile(JavaFileObject... files) {
        return Compiler.javac().withProcessors(new RecordProcessor()).compile(files);
    }

    /** The messages of the warnings that mention {@code @Record}, that is, the ones our processor would report. */
    static List<String> recordWarnings(Compilation compilation) {
        return compilation.warnings().stream()
                .map(warning -> warning.getMessage(Locale.ROOT))
                .filter(message -> message.contains("@Record"))
                .toList();
    }
}
