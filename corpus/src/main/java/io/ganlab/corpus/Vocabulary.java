package io.ganlab.corpus;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Symbol ids of a dataset: id 0 is {@code unk}, then symbols by descending frequency.
 *
 * <p>A symbol is a code point or a byte value (see {@link Symbols}); {@link #code(int)} gives it back.
 * Encoding follows the reference loader exactly: take the first {@code seqLen} symbols, map unknown ones to
 * {@code unk}, pad on the right with the backtick.
 */
public final class Vocabulary {
    /** Id of the unknown symbol, always 0. */
    public static final int UNK = 0;
    /** Code stored for {@code unk} in {@link #codes()}. */
    public static final int UNK_CODE = -1;
    /** The padding symbol of the reference: the backtick. */
    public static final int PAD_CODE = '`';

    private final Symbols symbols;
    private final int[] codes;
    private final Int2IntOpenHashMap ids;
    private final int padId;

    @JsonCreator
    public Vocabulary(@JsonProperty("symbols") Symbols symbols, @JsonProperty("codes") int[] codes) {
        this.symbols = Objects.requireNonNull(symbols, "symbols");
        this.codes = codes.clone();
        if (codes.length < 1 || codes[0] != UNK_CODE) {
            throw new CorpusException("vocabulary must start with unk (code -1), got " + Arrays.toString(
                    Arrays.copyOf(codes, Math.min(3, codes.length))));
        }
        if (codes.length > 65536) {
            throw new CorpusException("vocabulary has " + codes.length + " entries; at most 65536 fit uint16 ids");
        }
        ids = new Int2IntOpenHashMap(codes.length * 2);
        ids.defaultReturnValue(UNK);
        for (int i = 1; i < codes.length; i++) {
            if (ids.put(codes[i], i) != UNK) {
                throw new CorpusException("vocabulary lists symbol " + codes[i] + " twice");
            }
        }
        padId = ids.get(PAD_CODE);
    }

    /**
     * The vocabulary of a corpus: unk, then the symbols counted in training lines (padding included) by descending
     * count, ties by ascending code, up to {@code vocabSize} ids; symbols never counted are left out.
     */
    static Vocabulary mostFrequent(Symbols symbols, ProvisionalIds counted, int vocabSize) {
        Integer[] order = new Integer[counted.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Long.compare(counted.count(b), counted.count(a));
            return c != 0 ? c : Integer.compare(counted.code(a), counted.code(b));
        });
        it.unimi.dsi.fastutil.ints.IntArrayList codes = new it.unimi.dsi.fastutil.ints.IntArrayList();
        codes.add(UNK_CODE);
        for (int id : order) {
            if (codes.size() >= vocabSize) {
                break;
            }
            if (counted.count(id) > 0) {
                codes.add(counted.code(id));
            }
        }
        return new Vocabulary(symbols, codes.toIntArray());
    }

    @JsonProperty("symbols")
    public Symbols symbols() {
        return symbols;
    }

    /** Codes by id: code points or byte values; {@code codes()[0] == UNK_CODE}. */
    @JsonProperty("codes")
    public int[] codes() {
        return codes.clone();
    }

    /** Human-readable symbols by id, for people reading vocab.json. */
    @JsonProperty(value = "display", access = JsonProperty.Access.READ_ONLY)
    public List<String> display() {
        String[] out = new String[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = displayOf(i);
        }
        return List.of(out);
    }

    public int size() {
        return codes.length;
    }

    /** Code of an id (a code point or a byte value), or {@link #UNK_CODE}. */
    public int code(int id) {
        return codes[id];
    }

    /** Id of a code, {@link #UNK} if it is not in the vocabulary. */
    public int id(int code) {
        return ids.get(code);
    }

    /** Id of the padding backtick; {@link #UNK} if the corpus never padded (every line was full length). */
    public int padId() {
        return padId;
    }

    /**
     * Encodes one line exactly like the corpus: first {@code seqLen} symbols, unknowns to unk, padded with
     * the backtick. No normalisation is applied.
     */
    public short[] encode(String line, int seqLen) {
        short[] out = new short[seqLen];
        int n = 0;
        if (symbols == Symbols.BYTE) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            for (; n < seqLen && n < bytes.length; n++) {
                out[n] = (short) id(bytes[n] & 0xFF);
            }
        } else {
            for (int i = 0; n < seqLen && i < line.length(); n++) {
                int cp = line.codePointAt(i);
                out[n] = (short) id(cp);
                i += Character.charCount(cp);
            }
        }
        Arrays.fill(out, n, seqLen, (short) padId);
        return out;
    }

    /** Number of symbols of a line before truncation (code points or UTF-8 bytes). */
    public int symbolLength(String line) {
        return symbols == Symbols.BYTE
                ? line.getBytes(StandardCharsets.UTF_8).length
                : line.codePointCount(0, line.length());
    }

    /**
     * Decodes ids back to text. Unknown ids become U+FFFD; with {@code stripPadding} trailing backticks
     * are removed, as the reference does for display. In byte mode invalid UTF-8 sequences become U+FFFD.
     */
    public String decode(short[] ids, boolean stripPadding) {
        int end = ids.length;
        if (stripPadding) {
            while (end > 0 && (ids[end - 1] & 0xFFFF) == padId && padId != UNK) {
                end--;
            }
        }
        if (symbols == Symbols.BYTE) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(end);
            for (int i = 0; i < end; i++) {
                int c = codes[ids[i] & 0xFFFF];
                if (c == UNK_CODE) {
                    bytes.writeBytes("\uFFFD".getBytes(StandardCharsets.UTF_8));
                } else {
                    bytes.write(c);
                }
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            int c = codes[ids[i] & 0xFFFF];
            sb.appendCodePoint(c == UNK_CODE ? 0xFFFD : c);
        }
        return sb.toString();
    }

    /** A printable form of one symbol: "unk", the character, or an escape for controls and raw bytes. */
    public String displayOf(int id) {
        int c = codes[id];
        if (c == UNK_CODE) {
            return "unk";
        }
        if (symbols == Symbols.BYTE && c >= 0x80) {
            return String.format("\\x%02x", c);
        }
        if (Character.isISOControl(c) || Character.isWhitespace(c) && c != ' ') {
            return String.format("\\u%04x", c);
        }
        return new String(Character.toChars(c));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.symbols == symbols && Arrays.equals(v.codes, codes);
    }

    @Override
    public int hashCode() {
        return 31 * symbols.hashCode() + Arrays.hashCode(codes);
    }

    @Override
    public String toString() {
        return "Vocabulary(" + symbols.id() + ", " + codes.length + " symbols)";
    }
}
