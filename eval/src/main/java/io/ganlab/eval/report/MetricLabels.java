package io.ganlab.eval.report;

import static io.ganlab.common.MetricKeys.COPIED;
import static io.ganlab.common.MetricKeys.CRITIC_LOSS;
import static io.ganlab.common.MetricKeys.CRITIC_TRAIN;
import static io.ganlab.common.MetricKeys.CRITIC_VALID;
import static io.ganlab.common.MetricKeys.DISTINCT;
import static io.ganlab.common.MetricKeys.FLOOR;
import static io.ganlab.common.MetricKeys.GENERATOR_LOSS;
import static io.ganlab.common.MetricKeys.GRAD_NORM;
import static io.ganlab.common.MetricKeys.HIGH_QUALITY;
import static io.ganlab.common.MetricKeys.JSD;
import static io.ganlab.common.MetricKeys.LR_CRITIC;
import static io.ganlab.common.MetricKeys.LR_GENERATOR;
import static io.ganlab.common.MetricKeys.MODES;
import static io.ganlab.common.MetricKeys.MODES_COVERED;
import static io.ganlab.common.MetricKeys.PENALTY;
import static io.ganlab.common.MetricKeys.WASSERSTEIN;

import io.ganlab.common.MetricKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How the report names, orders and ranks the metrics of {@code metrics.jsonl}: one table. A key not in it is still
 * charted, under its own name (underscores as spaces), after the known ones and without a best value; a modality
 * that logs a new metric adds a row here to give it a name and a direction.
 */
final class MetricLabels {
    /** Which values are better, for the best-score tables; {@code NEITHER} has no best. */
    enum Better { LOWER, HIGHER, NEITHER }

    /**
     * One metric.
     *
     * @param key       its key in {@code metrics.jsonl}
     * @param name      short name for table headers ("JSD", "modes covered")
     * @param perN      title of one n of a per-n metric, with {@code %d} for n ({@code null} for a number)
     * @param axis      y-axis title, with {@code %d} for n in a per-n metric's
     * @param better    which values are better
     * @param reference key of the eval value that is this metric's yardstick (drawn as a dashed line), or null
     * @param referenceName that yardstick's name in legends and tables
     * @param referenceNote what the dashed line is, for a chart's caption
     */
    record Metric(String key, String name, String perN, String axis, Better better, String reference,
                  String referenceName, String referenceNote) {
        Metric(String key, String name, String perN, String axis, Better better) {
            this(key, name, perN, axis, better, null, null, null);
        }

        /** The y-axis title of n (ignored for a number). */
        String axis(Integer n) {
            return n != null && axis.contains("%d") ? String.format(Locale.ROOT, axis, n) : axis;
        }

        /** "4-gram JSD" for n = 4 of a per-n metric; the name for a number. */
        String title(Integer n) {
            if (n == null) {
                return name;
            }
            return perN != null ? String.format(Locale.ROOT, perN, n) : name + " (n=" + n + ")";
        }
    }

    /** Eval metrics, in page order. */
    private static final List<Metric> EVAL = List.of(
            new Metric(JSD, "JSD", "%d-gram JSD", "%d-gram JSD (bits)", Better.LOWER, FLOOR, "real-data floor",
                    "real data against real data at the same sample size"),
            new Metric(MODES_COVERED, "modes covered", null, "modes covered", Better.HIGHER, MODES, "all modes",
                    "the number of modes of the set"),
            new Metric(HIGH_QUALITY, "high-quality samples", null, "share of samples near a mode", Better.HIGHER),
            new Metric(io.ganlab.common.MetricKeys.CLASSIFIER_SCORE, "classifier score", null,
                    "classifier score (inception-score formula, domain classifier)", Better.HIGHER,
                    io.ganlab.common.MetricKeys.CLASSIFIER_SCORE_FLOOR, "real images",
                    "held-out real images at the same sample size"),
            new Metric(io.ganlab.common.MetricKeys.CLASSIFIER_FID, "classifier FID", null,
                    "Fréchet distance (domain classifier features)", Better.LOWER,
                    io.ganlab.common.MetricKeys.CLASSIFIER_FID_FLOOR, "real-data floor",
                    "held-out real images against the training images at the same sample size"),
            new Metric(io.ganlab.common.MetricKeys.CLASSIFIER_KID, "classifier KID", null,
                    "kernel distance (domain classifier features)", Better.LOWER,
                    io.ganlab.common.MetricKeys.CLASSIFIER_KID_FLOOR, "real-data floor",
                    "held-out real images against the training images at the same sample size"),
            new Metric(io.ganlab.common.MetricKeys.INCEPTION_SCORE, "inception score", null, "inception score",
                    Better.HIGHER, io.ganlab.common.MetricKeys.INCEPTION_SCORE_FLOOR, "real images",
                    "held-out real images at the same sample size"),
            new Metric(io.ganlab.common.MetricKeys.FID, "FID", null, "Fréchet distance (Inception features)",
                    Better.LOWER, io.ganlab.common.MetricKeys.FID_FLOOR, "real-data floor",
                    "held-out real images against the training images at the same sample size"),
            new Metric(io.ganlab.common.MetricKeys.KID, "KID", null, "kernel distance (MMD², Inception features)",
                    Better.LOWER, io.ganlab.common.MetricKeys.KID_FLOOR, "real-data floor",
                    "held-out real images against the training images at the same sample size"),
            new Metric(DISTINCT, "distinct n-grams", "distinct %d-grams", "share of distinct %d-grams",
                    Better.NEITHER),
            new Metric(COPIED, "copied samples", null, "share of samples that are training lines", Better.NEITHER),
            new Metric(CRITIC_TRAIN, "negative critic loss (training batch)", null, "negative critic loss",
                    Better.NEITHER),
            new Metric(CRITIC_VALID, "negative critic loss (held-out batch)", null, "negative critic loss",
                    Better.NEITHER));

    /** Train metrics, in page order. */
    private static final List<Metric> TRAIN = List.of(
            new Metric(CRITIC_LOSS, "critic loss", null, "critic loss", Better.NEITHER),
            new Metric(GENERATOR_LOSS, "generator loss", null, "generator loss", Better.NEITHER),
            new Metric(WASSERSTEIN, "Wasserstein estimate", null, "mean D(real) − mean D(fake)", Better.NEITHER),
            new Metric(PENALTY, "penalty", null, "penalty term", Better.NEITHER),
            new Metric(GRAD_NORM, "critic gradient norm", null, "mean ‖∇D‖ at the penalised points",
                    Better.NEITHER),
            new Metric(MetricKeys.CLASS_LOSS, "critic class loss", null,
                    "cross-entropy of the critic's class head on real images (AC-GAN)", Better.NEITHER),
            new Metric(MetricKeys.GENERATOR_CLASS_LOSS, "generator class loss", null,
                    "cross-entropy of the critic's class head on generated images", Better.NEITHER),
            new Metric(MetricKeys.CLASS_ACCURACY_REAL, "class accuracy, real", null,
                    "class-head accuracy on real images", Better.NEITHER),
            new Metric(MetricKeys.CLASS_ACCURACY_FAKE, "class accuracy, generated", null,
                    "class-head accuracy on generated images (their intended classes)", Better.NEITHER),
            new Metric(LR_CRITIC, "critic learning rate", null, "learning rate", Better.NEITHER),
            new Metric(LR_GENERATOR, "generator learning rate", null, "learning rate", Better.NEITHER));

    private MetricLabels() {}

    /** The metric of a key: its row, or a row made from the key for one not in the table. */
    static Metric of(String key) {
        for (List<Metric> table : List.of(EVAL, TRAIN)) {
            for (Metric m : table) {
                if (m.key().equals(key)) {
                    return m;
                }
            }
        }
        String name = key.replace('_', ' ');
        return new Metric(key, name, null, name, Better.NEITHER);
    }

    /** True for keys that are a yardstick of another metric (drawn on its chart) or bookkeeping, not charted. */
    static boolean notCharted(String key) {
        return MetricKeys.BOOKKEEPING.contains(key) || MetricKeys.isCompanion(key)
                || EVAL.stream().anyMatch(m -> key.equals(m.reference()));
    }

    /** The eval keys in page order: those of the table first, in its order, then the others by name. */
    static List<String> orderEval(Collection<String> keys) {
        return order(keys, EVAL);
    }

    /** The train keys in page order, likewise. */
    static List<String> orderTrain(Collection<String> keys) {
        return order(keys, TRAIN);
    }

    private static List<String> order(Collection<String> keys, List<Metric> table) {
        List<String> out = new ArrayList<>(keys.stream().distinct().toList());
        List<String> known = table.stream().map(Metric::key).toList();
        out.sort(Comparator.<String>comparingInt(k -> known.contains(k) ? known.indexOf(k) : known.size())
                .thenComparing(Comparator.naturalOrder()));
        return out;
    }
}
