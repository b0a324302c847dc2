package io.ganlab.imagegan.classifier;

import io.ganlab.common.MetricKeys;
import io.ganlab.eval.image.ExtractedFeatures;
import io.ganlab.eval.image.FeatureExtractor;
import io.ganlab.eval.image.FeatureStatistics;
import io.ganlab.eval.image.FrechetDistance;
import io.ganlab.eval.image.ImageBatch;
import io.ganlab.eval.image.InceptionScore;
import io.ganlab.eval.image.KernelDistance;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scores of a set of images under the domain classifier — its classifier score (the inception-score formula on
 * its softmax), FID and KID on its penultimate features against the dataset's reference — keyed by
 * {@link MetricKeys}. Used by {@code gan eval images} and by image runs at every evaluation, so that both report the
 * same numbers for the same images.
 */
public final class ClassifierScores {
    /** Which scores to compute. */
    public enum Metric { IS, FID, KID }

    private ClassifierScores() {}

    /**
     * Scores of {@code f}; {@code reference} is needed for FID and KID.
     *
     * @param notes receives what the metrics say about their estimates (rank deficiency, subset sizes)
     */
    public static Map<String, Object> score(EnumSet<Metric> which, ReferenceFeatures.Features f,
                                            ReferenceFeatures.Reference reference, int splits, int kidSubsets,
                                            List<String> notes) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (which.contains(Metric.IS)) {
            InceptionScore.Result r = InceptionScore.fromLogits(f.logits(), Math.min(splits, f.count()),
                    InceptionScore.DEFAULT_SEED);
            m.put(MetricKeys.CLASSIFIER_SCORE, r.score());
            m.put(MetricKeys.CLASSIFIER_SCORE + "_std", r.std());
            m.put(MetricKeys.CLASSIFIER_SCORE + "_splits", r.splits());
            notes.addAll(r.notes());
        }
        if (which.contains(Metric.FID)) {
            FrechetDistance.Result r = FrechetDistance.between(FeatureStatistics.of(f.pool()), reference.statistics());
            m.put(MetricKeys.CLASSIFIER_FID, r.score());
            notes.addAll(r.notes());
        }
        if (which.contains(Metric.KID)) {
            KernelDistance.Result r = KernelDistance.between(f.pool(), reference.pool(),
                    new KernelDistance.Options(kidSubsets, 0, KernelDistance.DEFAULT_SEED));
            m.put(MetricKeys.CLASSIFIER_KID, r.score());
            m.put(MetricKeys.CLASSIFIER_KID + "_std", r.std());
            m.put(MetricKeys.CLASSIFIER_KID + "_subset_size", r.subsetSize());
            notes.addAll(r.notes());
        }
        return m;
    }

    /** Features of uint8 images (N × C × H × W) taken a chunk at a time. */
    public static ReferenceFeatures.Features extract(FeatureExtractor extractor, byte[] pixels, int count, int channels,
                                                     int height, int width) {
        float[][] logits = new float[count][];
        float[][] pool = new float[count][];
        int bytes = channels * height * width;
        long t0 = System.nanoTime();
        for (int at = 0; at < count; at += ClassifierFeatures.CHUNK) {
            int n = Math.min(ClassifierFeatures.CHUNK, count - at);
            byte[] chunk = java.util.Arrays.copyOfRange(pixels, at * bytes, (at + n) * bytes);
            ExtractedFeatures e = extractor.extract(new ImageBatch(n, channels, height, width, chunk));
            System.arraycopy(e.logits(), 0, logits, at, n);
            System.arraycopy(e.pool(), 0, pool, at, n);
        }
        return new ReferenceFeatures.Features(logits, pool, (System.nanoTime() - t0) / 1e9);
    }

    /** A new list for the notes of {@link #score}. */
    public static List<String> notes() {
        return new ArrayList<>();
    }
}
