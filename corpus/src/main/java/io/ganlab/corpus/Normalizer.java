package io.ganlab.corpus;

import com.ibm.icu.text.Normalizer2;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * An optional text normalisation chain made of Lucene analysis components, applied to each line.
 *
 * <p>Steps are named: character filters ({@code html-strip}, {@code nfkc}, {@code nfc},
 * {@code ascii-punct}, {@code collapse-space}) run first, in the order given, then the whole line is one
 * token ({@link KeywordTokenizer}) for the token filters ({@code lowercase}, {@code ascii-fold}). The alias
 * {@code ascii} stands for {@code nfkc,ascii-punct,ascii-fold}. {@link #toString()} prints the chain.
 */
public final class Normalizer {
    /** What each step does, for help texts and errors. */
    public static final Map<String, String> STEPS = stepDescriptions();

    private static Map<String, String> stepDescriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("html-strip", "remove HTML tags and decode entities (Lucene HTMLStripCharFilter)");
        m.put("nfkc", "Unicode NFKC normalisation (Lucene ICUNormalizer2CharFilter)");
        m.put("nfc", "Unicode NFC normalisation (Lucene ICUNormalizer2CharFilter)");
        m.put("ascii-punct", "typographic quotes, dashes, ellipsis and spaces to ASCII (Lucene MappingCharFilter)");
        m.put("collapse-space", "runs of white space to one space, none at either end (Lucene PatternReplaceCharFilter)");
        m.put("lowercase", "lower-case (Lucene LowerCaseFilter)");
        m.put("ascii-fold", "letters with accents to ASCII where possible (Lucene ASCIIFoldingFilter)");
        m.put("ascii", "alias for nfkc,ascii-punct,ascii-fold");
        return java.util.Collections.unmodifiableMap(m);
    }

    private static final List<String> CHAR_FILTERS = List.of("html-strip", "nfkc", "nfc", "ascii-punct", "collapse-space");
    private static final List<String> TOKEN_FILTERS = List.of("lowercase", "ascii-fold");
    private static final NormalizeCharMap ASCII_PUNCT = asciiPunct();
    // Unicode classes: no-break and other Unicode spaces are white space too
    private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private static final Pattern LINE_BREAKS = Pattern.compile("\\R");
    private static final Pattern SPACES_AT_ENDS = Pattern.compile("^\\s+|\\s+$", Pattern.UNICODE_CHARACTER_CLASS);

    private final List<String> steps;
    private final Analyzer analyzer;
    private final boolean trim;

    private Normalizer(List<String> steps) {
        this.steps = steps;
        this.trim = steps.contains("collapse-space");
        List<String> chars = steps.stream().filter(CHAR_FILTERS::contains).toList();
        List<String> tokens = steps.stream().filter(TOKEN_FILTERS::contains).toList();
        this.analyzer = new Analyzer() {
            @Override
            protected Reader initReader(String field, Reader reader) {
                Reader r = reader;
                for (String s : chars) {
                    r = charFilter(s, r);
                }
                return r;
            }

            @Override
            protected TokenStreamComponents createComponents(String field) {
                // the whole line is a single token: we normalise text, we do not tokenise it
                Tokenizer source = new KeywordTokenizer(KeywordTokenizer.DEFAULT_BUFFER_SIZE);
                TokenStream ts = source;
                for (String s : tokens) {
                    ts = s.equals("lowercase") ? new LowerCaseFilter(ts) : new ASCIIFoldingFilter(ts);
                }
                return new TokenStreamComponents(source, ts);
            }
        };
    }

    private static Reader charFilter(String step, Reader r) {
        return switch (step) {
            case "html-strip" -> new HTMLStripCharFilter(r);
            case "nfkc" -> new ICUNormalizer2CharFilter(r, Normalizer2.getNFKCInstance());
            case "nfc" -> new ICUNormalizer2CharFilter(r, Normalizer2.getNFCInstance());
            case "ascii-punct" -> new MappingCharFilter(ASCII_PUNCT, r);
            case "collapse-space" -> new PatternReplaceCharFilter(SPACES, " ", r);
            default -> throw new IllegalStateException(step);
        };
    }

    private static NormalizeCharMap asciiPunct() {
        NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
        for (String q : List.of("\u2018", "\u2019", "\u201A", "\u201B", "\u2032", "\u00B4")) {
            b.add(q, "'");
        }
        for (String q : List.of("\u201C", "\u201D", "\u201E", "\u201F", "\u2033", "\u00AB", "\u00BB")) {
            b.add(q, "\"");
        }
        for (String d : List.of("\u2010", "\u2011", "\u2012", "\u2013", "\u2212")) {
            b.add(d, "-");
        }
        b.add("\u2014", "--"); // em dash: the typewriter convention
        b.add("\u2015", "--");
        b.add("\u2026", "...");
        b.add("\u2022", "*");
        for (String s : List.of("\u00A0", "\u2007", "\u2009", "\u200A", "\u202F", "\u2002", "\u2003")) {
            b.add(s, " ");
        }
        b.add("\u00AD", ""); // soft hyphen
        b.add("\u200B", ""); // zero-width space
        return b.build();
    }

    /**
     * Parses a chain such as {@code "html-strip,nfkc,lowercase"}. Empty or {@code "none"} gives null (no
     * normalisation). Character filters must come before token filters, as in Lucene.
     */
    public static Normalizer parse(List<String> names) {
        List<String> steps = new ArrayList<>();
        for (String raw : names) {
            for (String part : raw.split(",")) {
                String s = part.trim().toLowerCase(Locale.ROOT);
                if (s.isEmpty() || s.equals("none")) {
                    continue;
                }
                if (s.equals("ascii")) {
                    steps.addAll(List.of("nfkc", "ascii-punct", "ascii-fold"));
                } else if (CHAR_FILTERS.contains(s) || TOKEN_FILTERS.contains(s)) {
                    steps.add(s);
                } else {
                    throw new CorpusException("unknown normalisation step '" + part.trim() + "'; known steps: "
                            + String.join(", ", STEPS.keySet()));
                }
            }
        }
        if (steps.isEmpty()) {
            return null;
        }
        boolean seenToken = false;
        for (String s : steps) {
            if (TOKEN_FILTERS.contains(s)) {
                seenToken = true;
            } else if (seenToken) {
                String tf = steps.stream().filter(TOKEN_FILTERS::contains).findFirst().orElseThrow();
                throw new CorpusException("normalisation step '" + s + "' works on characters and must come before '"
                        + tf + "', which works on the whole line");
            }
        }
        if (steps.stream().distinct().count() != steps.size()) {
            throw new CorpusException("normalisation chain names a step twice: " + String.join(",", steps));
        }
        return new Normalizer(List.copyOf(steps));
    }

    /** The steps, expanded, in order. */
    public List<String> steps() {
        return steps;
    }

    /**
     * Normalises one line of text. The result holds no line break (html-strip turns block tags into them; they
     * become spaces, since an example is one line), and with {@code collapse-space} no space at either end. Not
     * thread-safe.
     */
    public String apply(String line) {
        String out;
        try (TokenStream ts = analyzer.tokenStream("", new StringReader(line))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            out = ts.incrementToken() ? term.toString() : "";
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out = LINE_BREAKS.matcher(out).replaceAll(" ");
        return trim ? SPACES_AT_ENDS.matcher(out).replaceAll("") : out;
    }

    @Override
    public String toString() {
        return steps.stream().collect(Collectors.joining(" -> ", "Normalizer(", ")"));
    }
}
