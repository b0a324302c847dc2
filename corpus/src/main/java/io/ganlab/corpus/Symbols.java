package io.ganlab.corpus;

/**
 * What one "character" of a line is.
 *
 * <p>{@link #CODEPOINT}: a Unicode code point of the UTF-8 decoded text (what later ports of the reference
 * loader do). {@link #BYTE}: one byte of the UTF-8 encoding, which is what the original Python 2 loader of
 * the WGAN-GP paper iterated over; use it for exact parity with that code.
 */
public enum Symbols {
    CODEPOINT,
    BYTE;

    /** Lower-case name as used on the command line and in JSON. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses "codepoint" or "byte" (case-insensitive). */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static Symbols parse(String s) {
        for (Symbols v : values()) {
            if (v.id().equalsIgnoreCase(s) || v.name().equalsIgnoreCase(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown symbol mode '" + s + "' (expected codepoint or byte)");
    }
}
