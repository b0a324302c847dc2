package io.ganlab.textgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.ganlab.core.Evaluation;
import io.ganlab.core.RunDirectory;
import io.ganlab.corpus.SampleFiles;
import io.ganlab.corpus.Vocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Every K iterations: draw samples, decode them by argmax, save them as {@code samples/iter-N.ids} (the symbol ids
 * scored, which re-score exactly) and {@code samples/iter-N.txt} (their text, see {@link SampleFiles}), and score
 * them with a scorer (the n-gram JSD, supplied by the caller so that this module does not depend on eval).
 */
public final class TextEvaluation implements Evaluation {
    private final Vocabulary vocabulary;
    private final int count;
    private final Function<int[][], Map<String, Object>> scorer;

    public TextEvaluation(Vocabulary vocabulary, int count, Function<int[][], Map<String, Object>> scorer) {
        this.vocabulary = vocabulary;
        this.count = count;
        this.scorer = scorer;
    }

    @Override
    public Map<String, Object> evaluate(long iteration, Sampler sampler, RunDirectory run) {
        int[][] ids;
        try (NDManager m = NDManager.newBaseManager()) {
            ids = argmax(sampler.sample(m, count));
        }
        int seqLen = ids[0].length;
        short[] flat = new short[ids.length * seqLen];
        for (int i = 0; i < ids.length; i++) {
            for (int t = 0; t < seqLen; t++) {
                flat[i * seqLen + t] = (short) ids[i][t];
            }
        }
        Path text = run.samplesAt(iteration, SampleFiles.TEXT_EXTENSION);
        try {
            SampleFiles.write(text, vocabulary, flat, seqLen);
        } catch (IOException e) {
            throw new UncheckedIOException(text + ": cannot write samples", e);
        }
        return new LinkedHashMap<>(scorer.apply(ids));
    }

    /** Symbol ids {@code (N, T)} of soft one-hot rows {@code (N, T, V)}: the most probable symbol at each position. */
    public static int[][] argmax(NDArray soft) {
        long n = soft.getShape().get(0);
        int t = (int) soft.getShape().get(1);
        int[] flat = soft.argMax(2).toType(DataType.INT32, false).toIntArray();
        int[][] out = new int[(int) n][t];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * t, out[i], 0, t);
        }
        return out;
    }

    /** Text of one sample, trailing padding stripped. */
    public static String decode(Vocabulary v, int[] ids) {
        short[] s = new short[ids.length];
        for (int i = 0; i < ids.length; i++) {
            s[i] = (short) ids[i];
        }
        return v.decode(s, true);
    }
}
