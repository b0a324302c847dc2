package io.ganlab.common;

import java.util.List;

/**
 * The keys of {@code metrics.jsonl}, shared by the writers (the trainer, each modality's evaluation), the report
 * and the tests. A line is a {@link #TRAIN} line per generator iteration or an {@link #EVAL} line per evaluation.
 * Values are numbers, or maps from n (as a string) to a number for the per-n text scores.
 */
public final class MetricKeys {
    /** {@code train} or {@code eval}. */
    public static final String KIND = "kind";
    public static final String TRAIN = "train";
    public static final String EVAL = "eval";

    public static final String ITERATION = "iteration";
    /** Seconds of training, continued across resumes. */
    public static final String TIME = "time";

    // train lines
    public static final String CRITIC_LOSS = "critic_loss";
    public static final String GENERATOR_LOSS = "generator_loss";
    /** Mean D(real) − mean D(fake). */
    public static final String WASSERSTEIN = "wasserstein";
    /** The objective's penalty term (0 where it has none). */
    public static final String PENALTY = "penalty";
    /** Mean per-example ‖∇D‖ at the penalised points. */
    public static final String GRAD_NORM = "grad_norm";
    public static final String LR_CRITIC = "lr_critic";
    public static final String LR_GENERATOR = "lr_generator";

    // eval lines, every modality
    /** Negative critic loss on training real batches (the overfitting signal of WGAN-GP §5.6). */
    public static final String CRITIC_TRAIN = "critic_train";
    /** The same on held-out real batches, with the same generated batches. */
    public static final String CRITIC_VALID = "critic_valid";
    /** How many samples the scores of the line used. */
    public static final String SAMPLES = "samples";

    // eval lines, text: maps from n to a value
    /** n-gram Jensen-Shannon divergence of the samples against the training lines, in bits. */
    public static final String JSD = "jsd";
    /** The same for held-out real lines: what real data scores. */
    public static final String FLOOR = "floor";
    /** Share of distinct n-grams among the samples' n-grams. */
    public static final String DISTINCT = "distinct";
    /** Share of samples that are training lines. */
    public static final String COPIED = "copied";

    // eval lines, toy sets
    public static final String MODES_COVERED = "modes_covered";
    public static final String MODES = "modes";
    /** Share of samples within the quality radius of a mode. */
    public static final String HIGH_QUALITY = "high_quality";

    // train lines of a conditional (AC-GAN) run: the critic's class head
    /** Cross-entropy of the critic's class head on real batches (the critic's class loss). */
    public static final String CLASS_LOSS = "class_loss";
    /** Cross-entropy of the critic's class head on the generator's samples (the generator's class loss). */
    public static final String GENERATOR_CLASS_LOSS = "generator_class_loss";
    /** Accuracy of the class head on real batches, and on generated batches against the labels they were made for. */
    public static final String CLASS_ACCURACY_REAL = "class_accuracy_real";
    public static final String CLASS_ACCURACY_FAKE = "class_accuracy_fake";

    // eval lines, images
    /** Inception score (or classifier score) of the samples: exp(E KL(p(y|x) ‖ p(y))). */
    public static final String INCEPTION_SCORE = "inception_score";
    /** Fréchet distance between the samples' and the real features. */
    public static final String FID = "fid";
    /** Kernel (MMD²) distance between the samples' and the real features. */
    public static final String KID = "kid";

    // eval lines, images scored by the toolkit's own domain classifier (gan eval classifier train), named so that
    // nobody takes them for the Inception numbers; each with _std (and KID _subset_size) beside it
    /** The inception-score formula on the domain classifier's softmax. */
    public static final String CLASSIFIER_SCORE = "classifier_score";
    /** Fréchet distance of the domain classifier's penultimate features. */
    public static final String CLASSIFIER_FID = "classifier_fid";
    /** Kernel distance (MMD², cubic kernel) of the same features. */
    public static final String CLASSIFIER_KID = "classifier_kid";

    /** What real held-out images score at the same sample count: the line a classifier metric is read against. */
    public static final String CLASSIFIER_SCORE_FLOOR = "classifier_score_real";
    public static final String CLASSIFIER_FID_FLOOR = "classifier_fid_real";
    public static final String CLASSIFIER_KID_FLOOR = "classifier_kid_real";
    public static final String INCEPTION_SCORE_FLOOR = "inception_score_real";
    public static final String FID_FLOOR = "fid_real";
    public static final String KID_FLOOR = "kid_real";

    /** The key of what real held-out images score under metric {@code key} (a score, FID or KID key). */
    public static String realDataKey(String key) {
        return key + "_real";
    }

    /** Train-line keys that are losses, drawn on the loss charts. */
    public static final List<String> LOSSES = List.of(CRITIC_LOSS, GENERATOR_LOSS, WASSERSTEIN, PENALTY, GRAD_NORM);
    /** Keys that are bookkeeping, not a metric to chart. */
    public static final List<String> BOOKKEEPING = List.of(KIND, ITERATION, TIME, SAMPLES);

    /** Suffixes of the keys logged beside a metric to qualify it (its spread, its splits, its KID subset size). */
    public static final List<String> COMPANION_SUFFIXES = List.of("_std", "_splits", "_subset_size");

    /** True for a key that qualifies another metric rather than being one (e.g. {@code classifier_kid_std}). */
    public static boolean isCompanion(String key) {
        return COMPANION_SUFFIXES.stream().anyMatch(key::endsWith);
    }

    private MetricKeys() {}
}
