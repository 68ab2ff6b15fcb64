package io.laminardb.engine.plan.codegen;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.calcite.config.CalciteSystemProperty;
import org.apache.calcite.runtime.Utilities;
import org.apache.calcite.util.Util;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.ClassBodyEvaluator;
import org.codehaus.janino.Scanner;

/**
 * Compiles generated class bodies with Janino and keeps the most recently used classes, keyed by what they were
 * generated from (the expressions' digests and the row types), so planning the same query again loads no new class.
 *
 * <p>Safe for concurrent use. A compilation runs outside the lock: two threads that miss on the same key at once both
 * compile and the later one's class is kept, which costs time but is correct, since the classes are interchangeable.
 */
final class GeneratedClassCache {

    /** The simple name of every generated class; each lives in its own class loader, so they do not clash. */
    static final String CLASS_NAME = "LaminarRowCode";

    private final int capacity;
    private final Map<String, Class<?>> classes;
    private long compilations;

    GeneratedClassCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.classes = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Class<?>> eldest) {
                return size() > GeneratedClassCache.this.capacity;
            }
        };
    }

    /**
     * Returns the class cached under {@code key}, or compiles the class body {@code source} supplies, implementing
     * {@code implemented}, and caches it.
     */
    Class<?> get(String key, Class<?> implemented, Supplier<String> source) {
        Class<?> cached = lookUp(key);
        if (cached != null) {
            return cached;
        }
        Class<?> compiled = compile(source.get(), implemented);
        synchronized (classes) {
            compilations++;
            classes.put(key, compiled);
        }
        return compiled;
    }

    /** How many classes this cache has compiled since it was created; tests read it to see a hit. */
    long compilations() {
        synchronized (classes) {
            return compilations;
        }
    }

    private @Nullable Class<?> lookUp(String key) {
        synchronized (classes) {
            return classes.get(key);
        }
    }

    private static Class<?> compile(String source, Class<?> implemented) {
        if (CalciteSystemProperty.DEBUG.value()) {
            // Calcite's switch for printing the code it generates (-Dcalcite.debug) prints ours too.
            Util.debugCode(System.out, source);
        }
        ClassBodyEvaluator evaluator = new ClassBodyEvaluator();
        evaluator.setClassName(CLASS_NAME);
        // As Calcite's own generated classes do: some runtime helpers are reached through this base class.
        evaluator.setExtendedClass(Utilities.class);
        evaluator.setImplementedInterfaces(new Class<?>[] {implemented});
        evaluator.setParentClassLoader(GeneratedClassCache.class.getClassLoader());
        try {
            evaluator.cook(new Scanner(null, new StringReader(source)));
        } catch (CompileException | IOException e) {
            // The source comes from Calcite's translator and this package, never from the user: a bug of ours.
            throw new IllegalStateException("generated code does not compile:\n" + source, e);
        }
        return evaluator.getClazz();
    }
}
