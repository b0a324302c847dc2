package io.ganlab.corpus;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.function.Consumer;

/**
 * Splits prose into sentences with ICU's sentence rules, with the standard English abbreviation
 * suppressions ("Mr.", "U.S." do not end a sentence). White space inside a sentence is collapsed to
 * single spaces, as a paragraph's line breaks carry no meaning.
 */
final class SentenceSplitter {
    private final BreakIterator it = BreakIterator.getSentenceInstance(new ULocale("en@ss=standard"));

    /** Calls {@code sink} with each non-blank sentence of {@code paragraph}. */
    void split(String paragraph, Consumer<String> sink) {
        it.setText(paragraph);
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String s = collapse(paragraph, start, end);
            if (!s.isEmpty()) {
                sink.accept(s);
            }
        }
    }

    static String collapse(CharSequence text, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        boolean space = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0') {
                space = sb.length() > 0;
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
