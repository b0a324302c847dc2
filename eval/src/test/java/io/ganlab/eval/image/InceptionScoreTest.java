package io.ganlab.eval.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ganlab.common.Json;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The inception score against hand-worked cases and an independent re-computation of the protocol. */
class InceptionScoreTest {

    private static float[] oneHot(int k, int classes) {
        float[] r = new float[classes];
        r[k] = 1;
        return r;
    }

    /** {@code perClass} one-hot rows of each class, sorted by class. */
    private static float[][] sortedOneHot(int classes, int perClass) {
        float[][] rows = new float[classes * perClass][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = oneHot(i / perClass, classes);
        }
        return rows;
    }

    // identical predictions: p(y|x) = p(y), every KL is 0, the score 1 in every split
    @Test
    void identicalPredictionsScoreOne() {
        float[][] rows = new float[100][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new float[] {0.2f, 0.3f, 0.5f};
        }
        InceptionScore.Result r = InceptionScore.fromProbabilities(rows);
        assertEquals(1.0, r.score(), 1e-12);
        assertEquals(0.0, r.std(), 1e-12);
        assertEquals(100, r.samples());
        assertEquals(10, r.splits());
        assertEquals(3, r.classes());
        assertTrue(r.notes().isEmpty(), r.notes().toString());
    }

    // confident predictions spread evenly over K classes: KL = log K for each sample, score K
    @Test
    void oneHotSpreadEvenlyScoresK() {
        for (int k : new int[] {2, 5, 10}) {
            InceptionScore.Result r = InceptionScore.fromProbabilities(sortedOneHot(k, 30), 1, 7);
            assertEquals(k, r.score(), 1e-12, "K=" + k);
            assertEquals(0.0, r.std(), 0.0);
            assertTrue(r.notes().get(0).contains("one split"), r.notes().toString());
        }
    }

    // class-sorted input: without the shuffle each of 10 splits would hold one class and score 1; with it the
    // score is that of a shuffled input (both close to K, the splits' marginals nearly uniform)
    @Test
    void shuffleMakesClassOrderIrrelevant() {
        int classes = 10;
        float[][] sorted = sortedOneHot(classes, 1000);
        float[][] shuffled = sorted.clone();
        Random rnd = new Random(99);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            float[] t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        double a = InceptionScore.fromProbabilities(sorted).score();
        double b = InceptionScore.fromProbabilities(shuffled).score();
        // a split of 1000 multinomial draws over 10 classes loses about (K-1)/(2*1000) nats of entropy: ~9.955
        assertTrue(a > 9.9 && a <= 10, "sorted input scored " + a);
        assertTrue(b > 9.9 && b <= 10, "shuffled input scored " + b);
        assertEquals(a, b, 0.02);
    }

    // the split containing the one class-1 sample scores 2, the other 1, whatever the shuffle: mean 1.5 and the
    // population standard deviation 0.5 (the sample standard deviation would be sqrt(0.5) = 0.707)
    @Test
    void populationStandardDeviationOverSplits() {
        float[][] rows = {oneHot(0, 2), oneHot(1, 2), oneHot(0, 2), oneHot(0, 2)};
        for (long seed = 0; seed < 5; seed++) {
            InceptionScore.Result r = InceptionScore.fromProbabilities(rows, 2, seed);
            assertEquals(1.5, r.score(), 1e-12, "seed " + seed);
            assertEquals(0.5, r.std(), 1e-12, "seed " + seed);
        }
    }

    // the documented protocol, recomputed here: Fisher-Yates with java.util.Random(seed), part i the samples
    // [i*n/splits, (i+1)*n/splits), KL in nats against the part's mean, exp, mean and population std
    @Test
    void matchesIndependentComputationOnSoftPredictions() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 4; trial++) {
            int n = 37 + rnd.nextInt(50);
            int classes = 2 + rnd.nextInt(8);
            int splits = 1 + rnd.nextInt(6);
            long seed = rnd.nextLong();
            float[][] logits = new float[n][classes];
            double[][] p = new double[n][classes];
            for (int i = 0; i < n; i++) {
                double z = 0;
                for (int j = 0; j < classes; j++) {
                    logits[i][j] = (float) (3 * rnd.nextDouble() - 1.5);
                    z += Math.exp(logits[i][j]);
                }
                for (int j = 0; j < classes; j++) {
                    p[i][j] = Math.exp(logits[i][j]) / z;
                }
            }
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Random perm = new Random(seed);
            for (int i = n - 1; i > 0; i--) {
                int j = perm.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double[] scores = new double[splits];
            for (int s = 0; s < splits; s++) {
                int from = s * n / splits;
                int to = (s + 1) * n / splits;
                double[] py = new double[classes];
                for (int k = from; k < to; k++) {
                    for (int j = 0; j < classes; j++) {
                        py[j] += p[order[k]][j] / (to - from);
                    }
                }
                double kl = 0;
                for (int k = from; k < to; k++) {
                    for (int j = 0; j < classes; j++) {
                        double q = p[order[k]][j];
                        kl += q * Math.log(q / py[j]);
                    }
                }
                scores[s] = Math.exp(kl / (to - from));
            }
            double mean = java.util.Arrays.stream(scores).average().orElseThrow();
            double var = java.util.Arrays.stream(scores).map(v -> (v - mean) * (v - mean)).sum() / splits;

            InceptionScore.Result r = InceptionScore.fromLogits(logits, splits, seed);
            assertEquals(mean, r.score(), 1e-12, "trial " + trial);
            assertEquals(Math.sqrt(var), r.std(), 1e-12, "trial " + trial);
            assertEquals(n, r.samples());
            assertEquals(n % splits != 0, !r.notes().isEmpty() && r.notes().get(0).startsWith("splits of"),
                    r.notes().toString());
        }
    }

    // logits of 1000 and 0 overflow a float softmax; in double they are one-hot: K classes spread evenly score K
    @Test
    void largeLogitsDoNotOverflow() {
        int classes = 4;
        float[][] logits = new float[40][classes];
        for (int i = 0; i < logits.length; i++) {
            logits[i][i % classes] = 1000f;
        }
        InceptionScore.Result r = InceptionScore.fromLogits(logits, 1, 0);
        assertEquals(classes, r.score(), 1e-9);
    }

    // 5 samples in 2 splits: parts of 2 and 3, said in the notes
    @Test
    void unevenSplitsAreNoted() {
        InceptionScore.Result r = InceptionScore.fromProbabilities(sortedOneHot(5, 1), 2, 0);
        assertEquals("splits of 2 and 3 samples (5 samples are not a multiple of 2 splits)", r.notes().get(0));
    }

    // bad input: one line naming the problem
    @Test
    void refusesBadInput() {
        float[][] three = sortedOneHot(3, 1);
        assertTrue(assertThrows(ImageMetricException.class, () -> InceptionScore.fromProbabilities(three, 4, 0))
                .getMessage().contains("3 samples cannot be cut into 4 splits"));
        assertTrue(assertThrows(ImageMetricException.class, () -> InceptionScore.fromProbabilities(three, 0, 0))
                .getMessage().contains("splits must be at least 1"));
        float[][] notSummingToOne = {{0.5f, 0.6f}, {0.5f, 0.5f}};
        assertTrue(assertThrows(ImageMetricException.class, () -> InceptionScore.fromProbabilities(notSummingToOne))
                .getMessage().contains("row 0 sums to"));
        float[][] negative = {{1.5f, -0.5f}};
        assertTrue(assertThrows(ImageMetricException.class, () -> InceptionScore.fromProbabilities(negative, 1, 0))
                .getMessage().contains("non-negative"));
        float[][] nan = {{0f, Float.NaN}};
        assertTrue(assertThrows(ImageMetricException.class, () -> InceptionScore.fromLogits(nan, 1, 0))
                .getMessage().contains("logits: value NaN at row 0, column 1"));
        float[][] ragged = {{0.5f, 0.5f}, {1f}};
        assertTrue(assertThrows(ImageMetricException.class, () -> InceptionScore.fromProbabilities(ragged, 1, 0))
                .getMessage().contains("row 1 has 1 values, row 0 has 2"));
        assertTrue(assertThrows(ImageMetricException.class, () -> InceptionScore.fromLogits(new float[0][], 1, 0))
                .getMessage().contains("0 rows"));
    }

    // the result serialises to JSON with its score, spread, counts and notes
    @Test
    void resultIsJsonFriendly() throws Exception {
        JsonNode node = Json.LINE.readTree(Json.LINE.writeValueAsString(
                InceptionScore.fromProbabilities(sortedOneHot(5, 1), 2, 0)));
        assertTrue(node.get("score").isNumber());
        assertTrue(node.get("std").isNumber());
        assertEquals(5, node.get("samples").asInt());
        assertEquals(2, node.get("splits").asInt());
        assertEquals(1, node.get("notes").size());
    }
}
