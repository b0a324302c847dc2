package io.ganlab.eval;

import io.ganlab.corpus.CorpusException;
import io.ganlab.corpus.EncodedLines;
import io.ganlab.corpus.SampleFiles;
import io.ganlab.corpus.Vocabulary;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Samples to score: {@code count} lines of {@code seqLen} symbol ids, from a text file, a saved ids file or memory.
 * Immutable; the ids are checked against the vocabulary size once, here.
 */
public final class Samples {
    private final short[] ids;
    private final int count;
    private final int seqLen;
    private final int vocabSize;

    private Samples(short[] ids, int count, int seqLen, int vocabSize) {
        this.ids = ids;
        this.count = count;
        this.seqLen = seqLen;
        this.vocabSize = vocabSize;
    }

    /** Samples as rows of ids, all of the same length (what a generator's argmax gives). */
    public static Samples of(int[][] rows, int vocabSize) {
        if (rows.length == 0) {
            throw new EvalException("no samples");
        }
        int seqLen = rows[0].length;
        int[] flat = new int[rows.length * seqLen];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != seqLen) {
                throw new IllegalArgumentException("sample " + i + " has " + rows[i].length + " ids, sample 0 has "
                        + seqLen);
            }
            System.arraycopy(rows[i], 0, flat, i * seqLen, seqLen);
        }
        return of(flat, seqLen, vocabSize);
    }

    /** Samples as one row-major array of {@code count × seqLen} ids. */
    public static Samples of(int[] flat, int seqLen, int vocabSize) {
        checkShape(flat.length, seqLen, vocabSize);
        short[] ids = new short[flat.length];
        for (int i = 0; i < flat.length; i++) {
            checkId(flat[i], i, seqLen, vocabSize);
            ids[i] = (short) flat[i];
        }
        return new Samples(ids, flat.length / seqLen, seqLen, vocabSize);
    }

    /** Samples as one row-major array of {@code count × seqLen} ids stored as unsigned 16-bit values. */
    public static Samples of(short[] flat, int seqLen, int vocabSize) {
        checkShape(flat.length, seqLen, vocabSize);
        for (int i = 0; i < flat.length; i++) {
            checkId(flat[i] & 0xFFFF, i, seqLen, vocabSize);
        }
        return new Samples(flat.clone(), flat.length / seqLen, seqLen, vocabSize);
    }

    /** Chosen lines of a dataset split (for the floor). */
    static Samples lines(EncodedLines lines, long[] which, int vocabSize) {
        int seqLen = lines.seqLen();
        short[] ids = new short[which.length * seqLen];
        for (int i = 0; i < which.length; i++) {
            lines.copy(which[i], ids, i * seqLen);
        }
        return new Samples(ids, which.length, seqLen, vocabSize);
    }

    private static void checkShape(int length, int seqLen, int vocabSize) {
        if (seqLen < 1) {
            throw new IllegalArgumentException("seqLen must be >= 1, got " + seqLen);
        }
        if (length == 0) {
            throw new EvalException("no samples");
        }
        if (length % seqLen != 0) {
            throw new IllegalArgumentException(length + " ids are not a whole number of samples of " + seqLen);
        }
        if (vocabSize < 1 || vocabSize > 65536) {
            throw new IllegalArgumentException("vocabulary size must be 1..65536, got " + vocabSize);
        }
    }

    private static void checkId(int id, int i, int seqLen, int vocabSize) {
        if (id < 0 || id >= vocabSize) {
            throw new IllegalArgumentException("sample " + i / seqLen + ", position " + i % seqLen + ": id " + id
                    + " is outside the vocabulary of " + vocabSize);
        }
    }

    /**
     * Reads a sample file to score. A {@code NAME.ids} file (see {@link SampleFiles}) gives its ids. A text file with
     * a {@code NAME.ids} beside it, as training saves its samples, gives those ids when the text is exactly their
     * decoding under {@code vocab}: they are what the run scored, while the text may not encode back to them (unk is
     * written U+FFFD, and so are bytes that are not UTF-8 in byte mode). Otherwise the text is read as
     * {@link #read} reads it. {@code note} is told which was scored and why.
     */
    public static Samples readFile(Path file, Vocabulary vocab, int seqLen, boolean truncate,
                                   java.util.function.Consumer<String> note) {
        if (SampleFiles.isIdsFile(file)) {
            return ofIds(file, vocab, seqLen);
        }
        Path ids = SampleFiles.idsBeside(file);
        if (!Files.isRegularFile(ids) || !Files.isRegularFile(file)) {
            return read(file, vocab, seqLen, truncate);
        }
        Samples saved;
        try {
            saved = ofIds(ids, vocab, seqLen);
            if (SampleFiles.matches(file, vocab, saved.ids, seqLen)) {
                note.accept("scoring the symbol ids saved in " + ids.getFileName() + " beside " + file.getFileName()
                        + " (exact; the text is their lossy decoding)");
                return saved;
            }
        } catch (CorpusException | EvalException e) {
            note.accept(ids + ": not usable (" + e.getMessage() + "); scoring the text of " + file.getFileName());
            return read(file, vocab, seqLen, truncate);
        } catch (IOException e) {
            throw new EvalException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        note.accept(file.getFileName() + " is not the text of the ids in " + ids.getFileName() + " under this dataset's"
                + " vocabulary (edited, or saved with another dataset): scoring the text");
        return read(file, vocab, seqLen, truncate);
    }

    private static Samples ofIds(Path file, Vocabulary vocab, int seqLen) {
        short[] ids = SampleFiles.readIds(file, seqLen, vocab.size());
        return new Samples(ids, ids.length / seqLen, seqLen, vocab.size());
    }

    /**
     * Reads one sample per line of a UTF-8 text file and encodes it like the corpus: the line's symbols
     * (code points or bytes, as the vocabulary says), unknown ones to unk, padded on the right with the
     * backtick. A line ends at {@code \n}; a {@code \r} before it is dropped, as the corpus does. A sample
     * longer than {@code seqLen} is an error unless {@code truncate}, which cuts it like the corpus does.
     */
    public static Samples read(Path file, Vocabulary vocab, int seqLen, boolean truncate) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new EvalException(file + ": no such sample file");
        } catch (IOException e) {
            throw new EvalException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (bytes.length == 0) {
            throw new EvalException(file + ": empty sample file (expected one sample per line)");
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0; // a byte-order mark is not part of the first sample
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        it.unimi.dsi.fastutil.shorts.ShortArrayList ids = new it.unimi.dsi.fastutil.shorts.ShortArrayList();
        int count = 0;
        int pos = start;
        while (pos < bytes.length) {
            int end = pos;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int next = end + 1;
            if (end > pos && bytes[end - 1] == '\r') {
                end--;
            }
            String line;
            try {
                line = decoder.decode(ByteBuffer.wrap(bytes, pos, end - pos)).toString();
            } catch (CharacterCodingException e) {
                throw new EvalException(file + ":" + (count + 1) + ": not valid UTF-8");
            }
            int len = vocab.symbolLength(line);
            if (len > seqLen && !truncate) {
                throw new EvalException(file + ":" + (count + 1) + ": sample of " + len + " symbols is longer than the"
                        + " dataset's sequence length " + seqLen + " (use --truncate to cut samples like the corpus)");
            }
            ids.addElements(ids.size(), vocab.encode(line, seqLen));
            count++;
            pos = next;
        }
        if (count == 0) {
            throw new EvalException(file + ": no samples (the file holds only a byte-order mark)");
        }
        return new Samples(ids.toShortArray(), count, seqLen, vocab.size());
    }

    public int count() {
        return count;
    }

    public int seqLen() {
        return seqLen;
    }

    public int vocabSize() {
        return vocabSize;
    }

    /** Id at position {@code pos} of sample {@code sample}. */
    public int id(int sample, int pos) {
        return ids[sample * seqLen + pos] & 0xFFFF;
    }

    /** Copies sample {@code sample} into {@code dst[0..seqLen)}. */
    void copy(int sample, short[] dst) {
        System.arraycopy(ids, sample * seqLen, dst, 0, seqLen);
    }

    LineSource source() {
        return new LineSource() {
            @Override
            public long lines() {
                return count;
            }

            @Override
            public int seqLen() {
                return seqLen;
            }

            @Override
            public void read(long line, short[] dst) {
                System.arraycopy(ids, (int) line * seqLen, dst, 0, seqLen);
            }
        };
    }
}
