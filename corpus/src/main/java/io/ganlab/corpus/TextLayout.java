package io.ganlab.corpus;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How one text stream is cut into examples, decided per file from its first bytes; when in doubt, lines.
 *
 * <p>{@link TextFormat#AUTO} takes a benchmark shard as lines, and another file as prose when one of these holds
 * for its first 64 KiB, else as lines:
 * <ol>
 *   <li>several sentences per line: more than half of the non-blank lines hold two or more sentences (ICU
 *       sentence rules, abbreviations such as "Mr." suppressed);</li>
 *   <li>long lines: the median non-blank line has {@value #LONG_LINE} characters or more;</li>
 *   <li>wrapped lines: there are blank lines, at least {@value #MIN_WRAPS} line breaks inside paragraphs, fewer
 *       than a quarter of them end a sentence, and the median line before them is at least {@value #WRAP_WIDTH}
 *       columns wide (East Asian wide characters count two).</li>
 * </ol>
 * Prose has paragraphs between blank lines when its first 64 KiB hold a blank line between two others, else a
 * paragraph per line; see {@link Paragraphs} for how lines are joined.
 */
enum TextLayout {
    LINES("lines"),
    PROSE_PARAGRAPH_PER_LINE("prose, a paragraph per line"),
    PROSE_BLANK_LINE_PARAGRAPHS("prose, paragraphs between blank lines");

    static final int LONG_LINE = 400;
    static final int WRAP_WIDTH = 30;
    static final int MIN_WRAPS = 3;

    final String id;

    TextLayout(String id) {
        this.id = id;
    }

    boolean prose() {
        return this != LINES;
    }

    /** What was decided for a file, and why, for stderr and the manifest. */
    record Decision(TextLayout layout, String reason) {
        String describe() {
            return layout.id + " (" + reason + ")";
        }
    }

    static Decision decide(TextFormat requested, boolean benchmark, byte[] head) {
        if (requested == TextFormat.LINES) {
            return new Decision(LINES, "--format lines");
        }
        if (requested == TextFormat.AUTO && benchmark) {
            return new Decision(LINES, "benchmark shard");
        }
        Head h = new Head(head);
        TextLayout prose = h.blankInside ? PROSE_BLANK_LINE_PARAGRAPHS : PROSE_PARAGRAPH_PER_LINE;
        if (requested == TextFormat.PROSE) {
            return new Decision(prose, "--format prose");
        }
        if (h.lines.isEmpty()) {
            return new Decision(LINES, "detected: no text in the first bytes");
        }
        if (h.severalSentences * 2 > h.lines.size()) {
            return new Decision(prose, "detected: " + h.severalSentences + " of " + h.lines.size()
                    + " lines hold several sentences");
        }
        int median = h.medianLength();
        if (median >= LONG_LINE) {
            return new Decision(prose, "detected: median line of " + median + " characters");
        }
        if (h.blankInside && h.wraps >= MIN_WRAPS && h.wrapsEndingSentence * 4 < h.wraps
                && h.medianWrapWidth() >= WRAP_WIDTH) {
            return new Decision(prose, "detected: wrapped lines, " + h.wrapsEndingSentence + " of " + h.wraps
                    + " line breaks inside paragraphs end a sentence");
        }
        return new Decision(LINES, "detected: " + h.severalSentences + " of " + h.lines.size()
                + " lines hold several sentences, median line of " + median + " characters, not wrapped");
    }

    /** The measures of the first bytes of a file. */
    private static final class Head {
        final List<String> lines = new ArrayList<>(); // non-blank lines
        int severalSentences;
        boolean blankInside;                          // a blank line between two non-blank ones
        int wraps;                                    // non-blank lines followed by a non-blank line
        int wrapsEndingSentence;
        final List<Integer> wrapWidths = new ArrayList<>();

        Head(byte[] head) {
            String text = new String(head, StandardCharsets.UTF_8);
            String[] pieces = text.split("\n", -1);
            // the piece after the last newline is no line of its own: empty at the end of a file
            int count = pieces[pieces.length - 1].isEmpty() ? pieces.length - 1 : pieces.length;
            BreakIterator sentences = BreakIterator.getSentenceInstance(new ULocale("en@ss=standard"));
            boolean blankPending = false;
            String previous = null; // the last non-blank line, if no blank line followed it
            for (int k = 0; k < count; k++) {
                String line = pieces[k].endsWith("\r") ? pieces[k].substring(0, pieces[k].length() - 1) : pieces[k];
                if (ExampleReader.isBlank(line)) {
                    blankPending = !lines.isEmpty();
                    previous = null;
                    continue;
                }
                if (blankPending) {
                    blankInside = true;
                    blankPending = false;
                }
                if (previous != null) {
                    wraps++;
                    wrapWidths.add(width(previous));
                    if (Paragraphs.endsSentence(previous)) {
                        wrapsEndingSentence++;
                    }
                }
                lines.add(line);
                if (sentenceCount(sentences, line) >= 2) {
                    severalSentences++;
                }
                previous = line;
            }
        }

        int medianLength() {
            int[] lengths = lines.stream().mapToInt(l -> l.codePointCount(0, l.length())).sorted().toArray();
            return lengths[lengths.length / 2];
        }

        int medianWrapWidth() {
            int[] widths = wrapWidths.stream().mapToInt(Integer::intValue).sorted().toArray();
            return widths.length == 0 ? 0 : widths[widths.length / 2];
        }

        private static int sentenceCount(BreakIterator it, String line) {
            it.setText(line);
            int n = 0;
            int start = it.first();
            for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
                if (!ExampleReader.isBlank(line.substring(start, end))) {
                    n++;
                }
            }
            return n;
        }

        /** Display columns: East Asian wide and fullwidth characters take two. */
        private static int width(String line) {
            return line.codePoints().map(cp -> {
                int w = UCharacter.getIntPropertyValue(cp, UProperty.EAST_ASIAN_WIDTH);
                return w == UCharacter.EastAsianWidth.WIDE || w == UCharacter.EastAsianWidth.FULLWIDTH ? 2 : 1;
            }).sum();
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
