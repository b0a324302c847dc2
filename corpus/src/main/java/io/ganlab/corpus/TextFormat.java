package io.ganlab.corpus;

/** How a plain text input is cut into lines. */
public enum TextFormat {
    /** Decide per file: benchmark shards are {@link #LINES}; other files are sniffed (see {@link InputFiles}). */
    AUTO,
    /** One sentence (one example) per line, as in the One Billion Word benchmark. */
    LINES,
    /** Paragraphs (separated by blank lines, or one per line) split into sentences. */
    PROSE;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
