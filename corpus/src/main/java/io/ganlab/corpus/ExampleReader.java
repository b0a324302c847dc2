package io.ganlab.corpus;

import io.ganlab.corpus.source.Role;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Predicate;

/**
 * Cuts one text stream into examples and hands them to the {@link ScratchLines}: lines, or prose sentences,
 * optionally normalised, blank ones skipped and counted (unless kept), each cut to {@code seqLen} symbols.
 *
 * <p>A UTF-8 byte-order mark at the start of the stream is no symbol; UTF-16 and UTF-32 (byte-order mark) and
 * binary data (a NUL byte in the first 8 KiB) are refused.
 */
final class ExampleReader {
    /** What happened to the lines read, for the manifest. */
    static final class Counts {
        long linesRead;
        long paragraphs;
        long sentences;
        long blank;
        long emptyAfterNormalisation;
        long invalidSkipped;
        long longLines;
    }

    private static final int HEAD = 1 << 16;
    private final PrepareOptions options;
    private final Normalizer normalizer;
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final ScratchLines scratch;
    private final Predicate<Role> wants;
    private final int[] symbols;
    final Counts counts = new Counts();

    /** @param wants whether more lines of a role are wanted (the example limits) */
    ExampleReader(PrepareOptions options, ScratchLines scratch, Predicate<Role> wants) {
        this.options = options;
        this.normalizer = Normalizer.parse(options.normalize());
        this.scratch = scratch;
        this.wants = wants;
        this.symbols = new int[options.seqLen()];
    }

    Normalizer normalizer() {
        return normalizer;
    }

    /** The result of reading one stream: how it was cut, and whether all of it was read. */
    record Outcome(TextLayout.Decision layout, boolean complete) {}

    /** Reads one text stream (not closed) named {@code label}; stops when its role wants no more lines. */
    Outcome read(InputStream in, String label, Role role, boolean benchmark) throws IOException {
        byte[] head = in.readNBytes(HEAD);
        if (head.length == 0) {
            return new Outcome(null, true); // an empty member or an empty .gz: nothing to read
        }
        refuseOtherEncodings(head, label);
        TextLayout.Decision layout = TextLayout.decide(options.format(), benchmark, head);
        boolean prose = layout.layout().prose();
        // byte mode iterates raw bytes like the Python 2 loader; UTF-8 is still checked when text must be decoded
        boolean validate = options.symbols() != Symbols.BYTE || prose || normalizer != null;
        LineScanner sc = new LineScanner(new SequenceInputStream(new ByteArrayInputStream(head), unclosable(in)),
                validate, options.maxLineBytes());
        Paragraphs paragraphs = new Paragraphs(layout.layout(), options.maxLineBytes(), p -> sentences(p, role));
        while (sc.next()) {
            if (!wants.test(role)) {
                return new Outcome(layout, false);
            }
            counts.linesRead++;
            if (sc.invalidAt() >= 0) {
                if (options.invalidUtf8() == PrepareOptions.OnInvalid.ERROR) {
                    throw new CorpusException(label + ": invalid UTF-8 in line " + sc.lineNumber() + " (byte offset "
                            + sc.invalidAt() + "); use --invalid-utf8 skip to skip such lines");
                }
                counts.invalidSkipped++;
                continue;
            }
            if (sc.truncated()) {
                counts.longLines++;
            }
            if (prose) {
                String text = text(sc);
                if (isBlank(text)) {
                    paragraphs.end();
                } else {
                    paragraphs.line(text);
                }
            } else if (normalizer == null) {
                acceptRaw(sc, role);
            } else {
                String text = text(sc);
                acceptText(text, role, sc.lineSymbols() - text.codePointCount(0, text.length()));
            }
        }
        paragraphs.end();
        return new Outcome(layout, true);
    }

    private static String text(LineScanner sc) {
        return new String(sc.bytes(), sc.start(), sc.end() - sc.start(), StandardCharsets.UTF_8);
    }

    private static void refuseOtherEncodings(byte[] head, String label) {
        String bom = null;
        if (startsWith(head, 0xFF, 0xFE, 0, 0) || startsWith(head, 0, 0, 0xFE, 0xFF)) {
            bom = "UTF-32";
        } else if (startsWith(head, 0xFF, 0xFE) || startsWith(head, 0xFE, 0xFF)) {
            bom = "UTF-16";
        }
        if (bom != null) {
            int n = bom.equals("UTF-16") ? 2 : 4;
            throw new CorpusException(label + ": " + bom + " text (byte-order mark "
                    + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(head, 0, n) + "); convert it to UTF-8");
        }
        for (int i = 0; i < Math.min(head.length, 8192); i++) {
            if (head[i] == 0) {
                throw new CorpusException(label + ": binary file (NUL byte at offset " + i + "); expected UTF-8 text"
                        + (i < 2 ? " (UTF-16 is not supported: convert to UTF-8)" : ""));
            }
        }
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private void sentences(String paragraph, Role role) {
        counts.paragraphs++;
        splitter.split(paragraph, s -> {
            if (wants.test(role)) {
                counts.sentences++;
                acceptText(s, role, 0);
            }
        });
    }

    /** The fast path: no normalisation, one example per line, straight from the bytes. */
    private void acceptRaw(LineScanner sc, Role role) {
        byte[] b = sc.bytes();
        int n;
        if (options.symbols() == Symbols.BYTE) {
            n = Math.min(options.seqLen(), sc.end() - sc.start());
            for (int i = 0; i < n; i++) {
                symbols[i] = b[sc.start() + i] & 0xFF;
            }
        } else {
            n = Utf8.decode(b, sc.start(), sc.end(), symbols, options.seqLen());
        }
        if (!options.keepBlank() && rawBlank(sc, n)) {
            counts.blank++;
            return;
        }
        scratch.add(role, symbols, n, sc.lineSymbols());
    }

    /**
     * Whether the line is blank, decided on its first {@code n} symbols when that is all of it and they are
     * plain; else on its decoded text, so that byte mode and code point mode skip the same lines.
     */
    private boolean rawBlank(LineScanner sc, int n) {
        boolean decode = sc.lineSymbols() > n;
        for (int i = 0; i < n; i++) {
            int c = symbols[i];
            if (options.symbols() == Symbols.BYTE && c >= 0x80) {
                decode = true; // a byte of a multi-byte character: judge the character
            } else if (!isSpace(c)) {
                return false;
            }
        }
        return !decode || isBlank(text(sc));
    }

    /** Lines that need decoding: normalised lines and prose sentences. */
    private void acceptText(String text, Role role, long extraSymbols) {
        if (!options.keepBlank() && isBlank(text)) {
            counts.blank++;
            return;
        }
        String t = normalizer == null ? text : normalizer.apply(text);
        if (!options.keepBlank() && isBlank(t)) {
            counts.emptyAfterNormalisation++;
            return;
        }
        int seqLen = options.seqLen();
        int n = 0;
        long full;
        if (options.symbols() == Symbols.BYTE) {
            byte[] bytes = t.getBytes(StandardCharsets.UTF_8);
            for (; n < seqLen && n < bytes.length; n++) {
                symbols[n] = bytes[n] & 0xFF;
            }
            full = bytes.length + Math.max(0, extraSymbols);
        } else {
            for (int i = 0; n < seqLen && i < t.length(); n++) {
                int cp = t.codePointAt(i);
                symbols[n] = cp;
                i += Character.charCount(cp);
            }
            full = t.codePointCount(0, t.length()) + Math.max(0, extraSymbols);
        }
        scratch.add(role, symbols, n, full);
    }

    /**
     * White space in the Unicode sense (Java's white space plus the no-break spaces it leaves out), and invisible
     * format characters such as the zero-width space U+200B and the byte-order mark U+FEFF.
     */
    static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.getType(cp) == Character.FORMAT;
    }

    /** Empty or only {@link #isSpace} characters: such lines are skipped and counted (unless kept). */
    static boolean isBlank(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (!isSpace(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** SequenceInputStream closes what it has read to the end: the file and the archive must stay open. */
    private static InputStream unclosable(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {}
        };
    }
}
