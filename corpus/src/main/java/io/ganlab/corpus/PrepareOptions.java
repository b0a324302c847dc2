package io.ganlab.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Options of {@link Preparer}; defaults are the reference's (WGAN-GP language model on One Billion Word).
 *
 * @param inputs       files, directories or the benchmark archive, read in the order given
 * @param output       dataset directory to create
 * @param seqLen       symbols per line; longer lines are truncated, shorter ones padded with '`' (32)
 * @param maxExamples  training lines to keep, counted in reading order before the shuffle (10,000,000)
 * @param vocabSize    ids including unk (2048)
 * @param seed         seed of the shuffle
 * @param validLines   size of the held-out validation split
 * @param validSource  where validation lines come from
 * @param symbols      code points or bytes
 * @param format       lines or prose, or detect
 * @param normalize    normalisation steps (see {@link Normalizer}); empty for none
 * @param maxLineBytes bytes of a line kept for processing; longer lines are counted, not held in memory
 * @param invalidUtf8  stop at the first invalid UTF-8 line, or skip such lines and count them
 * @param force        replace an existing dataset at {@code output}
 */
public record PrepareOptions(
        List<Path> inputs,
        Path output,
        int seqLen,
        long maxExamples,
        int vocabSize,
        long seed,
        long validLines,
        ValidSource validSource,
        Symbols symbols,
        TextFormat format,
        List<String> normalize,
        int maxLineBytes,
        OnInvalid invalidUtf8,
        boolean force) {

    public static final int DEFAULT_SEQ_LEN = 32;
    public static final long DEFAULT_MAX_EXAMPLES = 10_000_000L;
    public static final int DEFAULT_VOCAB_SIZE = 2048;
    public static final long DEFAULT_VALID_LINES = 10_000L;
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    /** Where the validation split comes from. */
    public enum ValidSource {
        /** The benchmark's held-out folder when an input has it, else a split of the training lines. */
        AUTO,
        /** Only the held-out folder; an error if there is none. */
        HELDOUT,
        /** Lines set aside from the shuffled training lines. */
        SPLIT
    }

    /**
     * Options that make no sense, alone, together or with the inputs given: a usage error (the CLI exits
     * with 2 and points to --help), not a problem of the input's content.
     */
    public static final class Conflict extends CorpusException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** What to do with a line that is not valid UTF-8. */
    public enum OnInvalid { ERROR, SKIP }

    /** Defaults for the given inputs and output. */
    public static PrepareOptions defaults(List<Path> inputs, Path output) {
        return new PrepareOptions(inputs, output, DEFAULT_SEQ_LEN, DEFAULT_MAX_EXAMPLES, DEFAULT_VOCAB_SIZE, 1L,
                DEFAULT_VALID_LINES, ValidSource.AUTO, Symbols.CODEPOINT, TextFormat.AUTO, List.of(),
                DEFAULT_MAX_LINE_BYTES, OnInvalid.ERROR, false);
    }

    public PrepareOptions withInputs(List<Path> v) {
        return new PrepareOptions(v, output, seqLen, maxExamples, vocabSize, seed, validLines, validSource, symbols,
                format, normalize, maxLineBytes, invalidUtf8, force);
    }

    public PrepareOptions withOutput(Path v) {
        return new PrepareOptions(inputs, v, seqLen, maxExamples, vocabSize, seed, validLines, validSource, symbols,
                format, normalize, maxLineBytes, invalidUtf8, force);
    }

    public PrepareOptions withMaxExamples(long v) {
        return new PrepareOptions(inputs, output, seqLen, v, vocabSize, seed, validLines, validSource, symbols,
                format, normalize, maxLineBytes, invalidUtf8, force);
    }

    public PrepareOptions withValid(long lines, ValidSource source) {
        return new PrepareOptions(inputs, output, seqLen, maxExamples, vocabSize, seed, lines, source, symbols,
                format, normalize, maxLineBytes, invalidUtf8, force);
    }

    public PrepareOptions withFormat(TextFormat v, List<String> norm) {
        return new PrepareOptions(inputs, output, seqLen, maxExamples, vocabSize, seed, validLines, validSource,
                symbols, v, norm, maxLineBytes, invalidUtf8, force);
    }

    public PrepareOptions withSymbols(Symbols v) {
        return new PrepareOptions(inputs, output, seqLen, maxExamples, vocabSize, seed, validLines, validSource, v,
                format, normalize, maxLineBytes, invalidUtf8, force);
    }

    public PrepareOptions withShape(int seq, int vocab, long seedValue) {
        return new PrepareOptions(inputs, output, seq, maxExamples, vocab, seedValue, validLines, validSource,
                symbols, format, normalize, maxLineBytes, invalidUtf8, force);
    }

    public PrepareOptions withLimits(int lineBytes, OnInvalid onInvalid) {
        return new PrepareOptions(inputs, output, seqLen, maxExamples, vocabSize, seed, validLines, validSource,
                symbols, format, normalize, lineBytes, onInvalid, force);
    }

    public PrepareOptions withForce(boolean v) {
        return new PrepareOptions(inputs, output, seqLen, maxExamples, vocabSize, seed, validLines, validSource,
                symbols, format, normalize, maxLineBytes, invalidUtf8, v);
    }

    /** Rejects values and combinations that make no sense, with a message naming the options. */
    public void validate() {
        if (inputs == null || inputs.isEmpty()) {
            throw new Conflict("no input given (--input PATH...)");
        }
        if (output == null) {
            throw new Conflict("no output directory given (--output DIR)");
        }
        if (seqLen < 1 || seqLen > 4096) {
            throw new Conflict("--seq-len must be between 1 and 4096, got " + seqLen);
        }
        if (maxExamples < 1 || maxExamples > 1_000_000_000L) {
            throw new Conflict("--max-examples must be between 1 and 1,000,000,000, got " + maxExamples);
        }
        if (vocabSize < 2 || vocabSize > 65536) {
            throw new Conflict("--vocab-size must be between 2 and 65536 (ids are uint16), got " + vocabSize);
        }
        if (validLines < 0) {
            throw new Conflict("--valid must be >= 0, got " + validLines);
        }
        if (validSource == ValidSource.SPLIT && validLines >= maxExamples) {
            throw new Conflict("--valid " + validLines + " leaves no training lines out of --max-examples "
                    + maxExamples + "; lower --valid or raise --max-examples");
        }
        if (validSource == ValidSource.HELDOUT && validLines == 0) {
            throw new Conflict("--valid-source heldout with --valid 0 makes no validation split; drop one of them");
        }
        if (maxLineBytes < seqLen * 4 || maxLineBytes > (64 << 20)) {
            throw new Conflict("--max-line-bytes must be between 4 x --seq-len (" + seqLen * 4
                    + ") and 67108864, got " + maxLineBytes);
        }
        Path out = output.toAbsolutePath().normalize();
        for (Path in : inputs) {
            Path abs = in.toAbsolutePath().normalize();
            if (abs.equals(out) || abs.startsWith(out) && Files.exists(out)) {
                throw new Conflict("--output " + output + " is (or contains) the input " + in
                        + "; choose another output directory");
            }
            if (out.startsWith(abs) && Files.isDirectory(abs)) {
                throw new Conflict("--output " + output + " lies inside the input directory " + in
                        + "; it would be read as input next time; choose a directory outside it");
            }
        }
        try {
            Normalizer.parse(normalize); // fails fast on unknown steps
        } catch (CorpusException e) {
            throw new Conflict(e.getMessage());
        }
    }
}
