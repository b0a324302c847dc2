package io.ganlab.corpus;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import java.util.function.Consumer;

/**
 * Joins the lines of prose into paragraphs, as {@link TextLayout} decided for the file.
 *
 * <p>A paragraph per line: every line is a paragraph. Paragraphs between blank lines: a blank line ends a
 * paragraph, and so does a line that ends a sentence (its last character, before closing quotes and brackets,
 * has the Unicode Sentence_Terminal property: {@code . ! ?} as well as {@code 。 । ؟ ።} and the others), so
 * that a line break after a sentence end is never joined over; other line breaks are wraps, joined with a
 * space, or with nothing next to Chinese or Japanese characters and wide punctuation, which are written
 * without spaces. A paragraph that reaches {@code maxChars} is ended there, to bound memory.
 */
final class Paragraphs {
    private final StringBuilder text = new StringBuilder();
    private final boolean perLine;
    private final int maxChars;
    private final Consumer<String> sink;

    /** @param sink receives each paragraph */
    Paragraphs(TextLayout layout, int maxChars, Consumer<String> sink) {
        this.perLine = layout == TextLayout.PROSE_PARAGRAPH_PER_LINE;
        this.maxChars = maxChars;
        this.sink = sink;
    }

    /** A non-blank line of the file. */
    void line(String line) {
        if (text.length() > 0 && !spaceless(text.codePointBefore(text.length()))
                && !spaceless(line.codePointAt(0))) {
            text.append(' ');
        }
        text.append(line);
        if (perLine || endsSentence(line) || text.length() >= maxChars) {
            end();
        }
    }

    /** A blank line, or the end of the file. */
    void end() {
        if (text.length() > 0) {
            String paragraph = text.toString();
            text.setLength(0);
            sink.accept(paragraph);
        }
    }

    /** Whether a line ends a sentence, in any script: a Sentence_Terminal, then closing punctuation at most. */
    static boolean endsSentence(CharSequence line) {
        int i = line.length();
        while (i > 0) {
            int cp = Character.codePointBefore(line, i);
            int type = Character.getType(cp);
            boolean closing = type == Character.END_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                    || cp == '"' || cp == '\'';
            if (!closing && !ExampleReader.isSpace(cp)) {
                return UCharacter.hasBinaryProperty(cp, UProperty.S_TERM);
            }
            i -= Character.charCount(cp);
        }
        return false;
    }

    /** Characters written without spaces around them: Han, kana, and wide punctuation. */
    static boolean spaceless(int cp) {
        int script = UScript.getScript(cp);
        if (script == UScript.HAN || script == UScript.HIRAGANA || script == UScript.KATAKANA
                || script == UScript.BOPOMOFO) {
            return true;
        }
        int width = UCharacter.getIntPropertyValue(cp, UProperty.EAST_ASIAN_WIDTH);
        boolean wide = width == UCharacter.EastAsianWidth.WIDE || width == UCharacter.EastAsianWidth.FULLWIDTH;
        int type = Character.getType(cp);
        boolean punctuation = type >= Character.DASH_PUNCTUATION && type <= Character.OTHER_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION;
        return wide && punctuation;
    }
}
