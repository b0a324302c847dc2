package io.ganlab.corpus;

/** How a plain text input is cut into lines. */
public enum TextFormat {
    /** Decide per file: benchmark shards are {@link #LINES}; other files are looked at (see {@link TextLayout}). */
    AUTO,
    /** One sentence (one example) per line, as in the One Billion Word benchmark. */
    LINES,
    /** Paragraphs (between blank lines, or one per line) split into sentences; see {@link Paragraphs}. */
    PROSE;

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses "auto", "lines" or "prose" (case-insensitive). */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static TextFormat parse(String s) {
        return PrepareOptions.named(TextFormat.class, s, "format");
    }
}
