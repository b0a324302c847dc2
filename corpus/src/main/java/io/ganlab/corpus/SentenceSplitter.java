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
    private static final java.util.regex.Pattern LINE_BREAKS = java.util.regex.Pattern.compile("[\\n\\r\\u0085\\u2028\\u2029]");
    private final BreakIterator it = BreakIterator.getSentenceInstance(new ULocale("en@ss=standard"));

    /** Calls {@code sink} with each non-blank sentence of {@code paragraph}. */
    void split(String paragraph, Consumer<String> sink) {
        // ICU ends a sentence at every line break (UAX #29 rule SB4); in a paragraph they are mere spaces
        paragraph = LINE_BREAKS.matcher(paragraph).replaceAll(" ");
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
