package io.ganlab.bench;

import io.ganlab.corpus.Symbols;
import io.ganlab.corpus.Vocabulary;
import io.ganlab.eval.Samples;
import java.util.SplittableRandom;

/**
 * A character Markov chain of order 2 over 74 symbols: each pair of previous symbols has 14 successors with Zipf
 * weights, so its text has the many distinct 6-grams of real sentences. 3 lines in 4 fill all positions (as most
 * benchmark sentences are cut at 32 symbols); the others end early and are padded.
 */
public final class MarkovChain {
    public static final String SYMBOLS = " etaoinshrdlcumwfgypbvkjxqzETAOINSHRDLCUMWFGYPBVKJXQZ0123456789.,'\"-;:!?()";
    /** The chain's symbols, unk and padding. */
    public static final int MIN_VOCAB = SYMBOLS.length() + 2;
    /** The reference's vocabulary cap. */
    public static final int MAX_VOCAB = 2048;
    /** Unused symbols that pad a larger vocabulary: CJK ideographs, outside the chain's alphabet. */
    private static final int EXTRA_CODES = 0x4E00;
    private static final int K = 14;
    private final int[][] next;   // context (a * S + b) -> successors (indices into SYMBOLS)
    private final double[] cdf;   // Zipf cumulative weights of the K successors, normalised

    public MarkovChain(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int s = SYMBOLS.length();
        next = new int[s * s][K];
        for (int[] succ : next) {
            for (int k = 0; k < K; k++) {
                // successors drawn with a bias to the frequent (early) symbols, as in text
                succ[k] = (int) Math.min(s - 1, Math.abs(rnd.nextGaussian()) * 14);
            }
        }
        cdf = new double[K];
        double sum = 0;
        for (int k = 0; k < K; k++) {
            sum += 1.0 / (k + 1);
            cdf[k] = sum;
        }
        for (int k = 0; k < K; k++) {
            cdf[k] /= sum;
        }
    }

    /** One line of symbol indices into {@code out}; returns its length before padding. */
    public int line(SplittableRandom rnd, int[] out) {
        int len = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(out.length - 1) : out.length;
        int s = SYMBOLS.length();
        int a = 0;
        int b = rnd.nextInt(s);
        for (int i = 0; i < len; i++) {
            double u = rnd.nextDouble();
            int k = 0;
            while (k < K - 1 && cdf[k] < u) {
                k++;
            }
            int c = next[a * s + b][k];
            out[i] = c;
            a = b;
            b = c;
        }
        return len;
    }

    /**
     * The chain's symbols (ids 1..74, as {@link #encode} writes them) after unk, then unused ones up to
     * {@code size}, padding last.
     */
    public static Vocabulary vocabulary(int size) {
        if (size < MIN_VOCAB || size > MAX_VOCAB) {
            throw new IllegalArgumentException("vocabulary size must lie in " + MIN_VOCAB + ".." + MAX_VOCAB
                    + ", got " + size);
        }
        int[] codes = new int[size];
        codes[0] = Vocabulary.UNK_CODE;
        for (int i = 0; i < SYMBOLS.length(); i++) {
            codes[i + 1] = SYMBOLS.charAt(i);
        }
        for (int i = SYMBOLS.length() + 1; i < size - 1; i++) {
            codes[i] = EXTRA_CODES + i;
        }
        codes[codes.length - 1] = Vocabulary.PAD_CODE;
        return new Vocabulary(Symbols.CODEPOINT, codes);
    }

    /** {@code count} lines of {@code seqLen} symbols, encoded with {@code v}. */
    public Samples samples(SplittableRandom rnd, int count, int seqLen, Vocabulary v) {
        short[] ids = new short[count * seqLen];
        int[] line = new int[seqLen];
        for (int i = 0; i < count; i++) {
            encode(line, line(rnd, line), v, ids, i * seqLen);
        }
        return Samples.of(ids, seqLen, v.size());
    }

    /** Writes the first {@code len} symbols of {@code line} as ids at {@code dst[off..]}, padding the rest. */
    public static void encode(int[] line, int len, Vocabulary v, short[] dst, int off) {
        for (int j = 0; j < line.length; j++) {
            dst[off + j] = (short) (j < len ? line[j] + 1 : v.padId());
        }
    }
}
