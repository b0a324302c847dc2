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
 * The scores of a set of images under a feature extractor — the inception-score formula on its softmax, FID and
 * KID on its features against the dataset's reference — keyed by the extractor's {@link Names}. Under the domain
 * classifier they are the classifier score, classifier FID and KID of {@link MetricKeys}. Used by
 * {@code gan eval images} and by image runs at every evaluation, so that both report the same numbers for the same
 * images.
 */
public final class ClassifierScores {
    /** Which scores to compute. */
    public enum Metric { IS, FID, KID }

    /**
     * What one kind of extractor calls its scores: the keys (each with {@code _std}, and KID with
     * {@code _subset_size}, beside it) and the labels printed for people. Scores of different kinds are different
     * measures, so they never share a key.
     */
    public record Names(String score, String fid, String kid, String scoreLabel, String fidLabel, String kidLabel) {
        /** The toolkit's own domain classifier: named so that nobody takes them for Inception numbers. */
        public static final Names CLASSIFIER = new Names(MetricKeys.CLASSIFIER_SCORE, MetricKeys.CLASSIFIER_FID,
                MetricKeys.CLASSIFIER_KID, "classifier score", "classifier FID", "classifier KID");
        /** The 2015-12-05 Inception network: the community's inception score, FID and KID. */
        public static final Names INCEPTION = new Names(MetricKeys.INCEPTION_SCORE, MetricKeys.FID, MetricKeys.KID,
                "inception score", "FID", "KID");
        /** A user's TorchScript model: its "model score" (the formula on its softmax) and FID/KID on its features. */
        public static final Names MODEL = new Names("model_score", "model_fid", "model_kid", "model score",
                "model FID", "model KID");
    }

    private ClassifierScores() {}

    /**
     * Scores of {@code f}; {@code reference} is needed for FID and KID.
     *
     * @param notes receives what the metrics say about their estimates (rank deficiency, subset sizes)
     */
    public static Map<String, Object> score(EnumSet<Metric> which, ReferenceFeatures.Features f,
                                            ReferenceFeatures.Reference reference, int splits, int kidSubsets,
                                            List<String> notes) {
        return score(Names.CLASSIFIER, which, f, reference, splits, kidSubsets, notes);
    }

    /** {@link #score(EnumSet, ReferenceFeatures.Features, ReferenceFeatures.Reference, int, int, List)} under {@code names}. */
    public static Map<String, Object> score(Names names, EnumSet<Metric> which, ReferenceFeatures.Features f,
                                            ReferenceFeatures.Reference reference, int splits, int kidSubsets,
                                            List<String> notes) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (which.contains(Metric.IS)) {
            InceptionScore.Result r = InceptionScore.fromLogits(f.logits(), Math.min(splits, f.count()),
                    InceptionScore.DEFAULT_SEED);
            m.put(names.score(), r.score());
            m.put(names.score() + "_std", r.std());
            m.put(names.score() + "_splits", r.splits());
            notes.addAll(r.notes());
        }
        if (which.contains(Metric.FID)) {
            FrechetDistance.Result r = FrechetDistance.between(FeatureStatistics.of(f.pool()), reference.statistics());
            m.put(names.fid(), r.score());
            notes.addAll(r.notes());
        }
        if (which.contains(Metric.KID)) {
            KernelDistance.Result r = KernelDistance.between(f.pool(), reference.pool(),
                    new KernelDistance.Options(kidSubsets, 0, KernelDistance.DEFAULT_SEED));
            m.put(names.kid(), r.score());
            m.put(names.kid() + "_std", r.std());
            m.put(names.kid() + "_subset_size", r.subsetSize());
            notes.addAll(r.notes());
        }
        return m;
    }

    /** Features of uint8 images (N × C × H × W) taken a chunk at a time. */
    public static ReferenceFeatures.Features extract(FeatureExtractor extractor, byte[] pixels, int count, int channels,
                                                     int height, int width) {
        float[][] logits = extractor.classes() > 0 ? new float[count][] : null;
        float[][] pool = extractor.featureDimension() > 0 ? new float[count][] : null;
        int bytes = channels * height * width;
        long t0 = System.nanoTime();
        for (int at = 0; at < count; at += ClassifierFeatures.CHUNK) {
            int n = Math.min(ClassifierFeatures.CHUNK, count - at);
            byte[] chunk = java.util.Arrays.copyOfRange(pixels, at * bytes, (at + n) * bytes);
            ExtractedFeatures e = extractor.extract(new ImageBatch(n, channels, height, width, chunk));
            if (logits != null) {
                System.arraycopy(e.logits(), 0, logits, at, n);
            }
            if (pool != null) {
                System.arraycopy(e.pool(), 0, pool, at, n);
            }
        }
        return new ReferenceFeatures.Features(logits, pool, (System.nanoTime() - t0) / 1e9);
    }

    /** A new list for the notes of {@link #score}. */
    public static List<String> notes() {
        return new ArrayList<>();
    }
}
