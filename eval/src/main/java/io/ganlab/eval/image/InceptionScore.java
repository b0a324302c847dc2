package io.ganlab.eval.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The inception score (Salimans et al. 2016): {@code IS = exp(E_x KL(p(y|x) || p(y)))}, a pure function of the
 * class probabilities {@code p(y|x)} a classifier gave the generated images (the classifier itself is a
 * {@link FeatureExtractor}, not part of this class).
 *
 * <p>Protocol, as in the paper's code: the samples are cut into {@code splits} parts (default 10); in each part
 * {@code p(y)} is the part's mean of {@code p(y|x)} and the part's score is {@code exp} of the mean KL divergence
 * (natural logarithm); the result is the mean of the parts' scores and their <em>population</em> standard
 * deviation (divided by the number of splits, as {@code numpy.std}). Part {@code i} holds the shuffled samples
 * {@code [i*n/splits, (i+1)*n/splits)}, so there are always exactly {@code splits} parts whose sizes differ by at
 * most one. Before splitting, the samples are shuffled with a seeded {@link Random} (whose algorithm Java
 * specifies, so a seed gives the same split on every JVM): samples ordered by class (a generator sampled class by
 * class, a dataset sorted by label) would otherwise give each part few classes and a low score.
 *
 * <p>Everything is computed in double precision: logits go through a log-softmax in double, probabilities are
 * widened and renormalised in double, and the KL terms are summed in double. Terms with {@code p(y|x) = 0} count
 * 0 ({@code 0 log 0 = 0}).
 *
 * <p>The score lies in {@code [1, classes]}: 1 when every sample gets the same prediction, the number of classes
 * when predictions are confident (one-hot) and spread evenly over the classes.
 */
public final class InceptionScore {
    /** Key of the score in metric records. */
    public static final String KEY = io.ganlab.common.MetricKeys.INCEPTION_SCORE;
    /** Key of its standard deviation over splits. */
    public static final String KEY_STD = "inception_score_std";
    /** Parts the samples are cut into: the paper's 10. */
    public static final int DEFAULT_SPLITS = 10;
    /** Seed of the shuffle before splitting. */
    public static final long DEFAULT_SEED = 0L;
    /**
     * Largest {@code |sum - 1|} of a row of class probabilities that is accepted (and then renormalised): a float
     * softmax is off by about 1e-7, so anything further off is not a probability vector (logits passed by mistake).
     */
    public static final double SUM_TOLERANCE = 1e-3;

    /**
     * An inception score.
     *
     * @param score   mean over splits of {@code exp(mean KL)}
     * @param std     population standard deviation of the splits' scores (0 for one split)
     * @param samples how many samples were scored
     * @param splits  how many parts they were cut into
     * @param classes number of classes of the classifier
     * @param notes   what a reader of the number should know (uneven splits, ...); empty when nothing
     */
    public record Result(double score, double std, int samples, int splits, int classes, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    private InceptionScore() {}

    /** {@link #fromProbabilities(float[][], int, long)} with 10 splits and the default seed. */
    public static Result fromProbabilities(float[][] probabilities) {
        return fromProbabilities(probabilities, DEFAULT_SPLITS, DEFAULT_SEED);
    }

    /**
     * The score of class probabilities, one row per sample (each row non-negative, summing to 1 within
     * {@link #SUM_TOLERANCE}).
     */
    public static Result fromProbabilities(float[][] probabilities, int splits, long seed) {
        int classes = FeatureRows.checkShape(probabilities, "class probabilities", 1);
        for (int i = 0; i < probabilities.length; i++) {
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                float p = probabilities[i][j];
                if (!(p >= 0) || !Float.isFinite(p)) {
                    throw new ImageMetricException("class probabilities: value " + p + " at row " + i + ", column " + j
                            + " (probabilities must be finite and non-negative; pass logits to fromLogits)");
                }
                sum += p;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                throw new ImageMetricException("class probabilities: row " + i + " sums to " + sum
                        + ", not 1 (pass logits to fromLogits)");
            }
        }
        return score(probabilities, false, splits, seed);
    }

    /** {@link #fromLogits(float[][], int, long)} with 10 splits and the default seed. */
    public static Result fromLogits(float[][] logits) {
        return fromLogits(logits, DEFAULT_SPLITS, DEFAULT_SEED);
    }

    /** The score of classifier logits, one row per sample; the softmax is taken in double precision. */
    public static Result fromLogits(float[][] logits, int splits, long seed) {
        FeatureRows.checkFinite(logits, "logits", 1);
        return score(logits, true, splits, seed);
    }

    private static Result score(float[][] rows, boolean logits, int splits, long seed) {
        int n = rows.length;
        int classes = rows[0].length;
        if (splits < 1) {
            throw new ImageMetricException("inception score: splits must be at least 1, not " + splits);
        }
        if (n < splits) {
            throw new ImageMetricException("inception score: " + n + " samples cannot be cut into " + splits
                    + " splits; use more samples or fewer splits");
        }
        int[] order = shuffled(n, seed);
        double[] splitScores = new double[splits];
        for (int s = 0; s < splits; s++) {
            int from = (int) ((long) s * n / splits);
            int to = (int) ((long) (s + 1) * n / splits);
            double[][] logP = new double[to - from][];                    // (part size, classes), natural log
            for (int k = from; k < to; k++) {
                logP[k - from] = logits ? logSoftmax(rows[order[k]]) : logOfNormalised(rows[order[k]]);
            }
            splitScores[s] = Math.exp(meanKlToMarginal(logP, classes));
        }
        double mean = 0;
        for (double v : splitScores) {
            mean += v;
        }
        mean /= splits;
        double var = 0;
        for (double v : splitScores) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / splits);                              // population: divided by splits

        List<String> notes = new ArrayList<>();
        if (n % splits != 0) {
            notes.add("splits of " + n / splits + " and " + (n / splits + 1) + " samples (" + n
                    + " samples are not a multiple of " + splits + " splits)");
        }
        if (splits == 1) {
            notes.add("one split: the standard deviation is 0 by construction");
        }
        return new Result(mean, std, n, splits, classes, notes);
    }

    /** Mean over rows of {@code KL(p(y|x) || p(y))}, {@code p(y)} the rows' mean. */
    static double meanKlToMarginal(double[][] logP, int classes) {
        double[] marginal = new double[classes];
        for (double[] row : logP) {
            for (int j = 0; j < classes; j++) {
                marginal[j] += Math.exp(row[j]);
            }
        }
        double[] logMarginal = new double[classes];
        for (int j = 0; j < classes; j++) {
            logMarginal[j] = Math.log(marginal[j] / logP.length);
        }
        double klSum = 0;
        for (double[] row : logP) {
            double kl = 0;
            for (int j = 0; j < classes; j++) {
                if (row[j] != Double.NEGATIVE_INFINITY) {                 // 0 log 0 = 0; p > 0 implies p(y) > 0
                    kl += Math.exp(row[j]) * (row[j] - logMarginal[j]);
                }
            }
            klSum += kl;
        }
        return klSum / logP.length;
    }

    /** log softmax in double, shifted by the maximum so that nothing overflows. */
    static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        double logZ = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int j = 0; j < logits.length; j++) {
            out[j] = logits[j] - logZ;
        }
        return out;
    }

    /** log of the row renormalised to sum 1 in double; {@code -inf} for zeros. */
    private static double[] logOfNormalised(float[] p) {
        double sum = 0;
        for (float v : p) {
            sum += v;
        }
        double logSum = Math.log(sum);
        double[] out = new double[p.length];
        for (int j = 0; j < p.length; j++) {
            out[j] = p[j] == 0 ? Double.NEGATIVE_INFINITY : Math.log(p[j]) - logSum;
        }
        return out;
    }

    /** A seeded Fisher-Yates permutation of {@code 0..n-1}. */
    static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random rnd = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
