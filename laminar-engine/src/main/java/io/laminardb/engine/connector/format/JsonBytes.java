package io.laminardb.engine.connector.format;

import java.nio.charset.StandardCharsets;

/**
 * Looks at the bytes of a JSON document without tokenizing it, to step over a large part a reader does not need (the
 * {@code schema} of a Debezium envelope). Nothing here checks that the bytes are valid JSON: a caller either has the
 * part read by a parser afterwards or knows it equal to bytes that were. Stateless.
 */
final class JsonBytes {

    private JsonBytes() {}

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The first index from {@code from} that is not JSON whitespace; {@code bytes.length} if none. */
    static int skipSpace(byte[] bytes, int from) {
        int i = from;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** Whether {@code bytes[at]} is {@code c}. */
    static boolean at(byte[] bytes, int at, char c) {
        return at < bytes.length && bytes[at] == c;
    }

    /** Whether {@code bytes} holds {@code prefix} at {@code at}. */
    static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        if (at + prefix.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The index of the bracket that closes the object or array opening at {@code open}, skipping strings (with their
     * escapes); -1 when it is not closed. Brackets are counted, not matched by kind.
     */
    static int closing(byte[] bytes, int open) {
        int depth = 0;
        boolean string = false;
        for (int i = open; i < bytes.length; i++) {
            byte b = bytes[i];
            if (string) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    string = false;
                }
            } else if (b == '"') {
                string = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if ((b == '}' || b == ']') && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Whether everything from {@code from} on is one {@code '}'} with whitespace around it. */
    static boolean onlyClosingBrace(byte[] bytes, int from) {
        int at = skipSpace(bytes, from);
        return at(bytes, at, '}') && skipSpace(bytes, at + 1) == bytes.length;
    }
}
