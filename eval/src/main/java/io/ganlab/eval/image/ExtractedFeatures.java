package io.ganlab.eval.image;

/**
 * What a {@link FeatureExtractor} computed for one {@link ImageBatch}: one row per image, in the batch's order.
 * The arrays are not copied: treat them as read-only.
 *
 * @param logits class logits ({@code N x classes}), the input of {@link InceptionScore#fromLogits}; {@code null}
 *               when the extractor has no classification head
 * @param pool   pool (penultimate-layer) features ({@code N x d}), the input of {@link FeatureStatistics} (FID)
 *               and {@link KernelDistance} (KID); {@code null} when the extractor gives none
 */
public record ExtractedFeatures(float[][] logits, float[][] pool) {
    public ExtractedFeatures {
        if (logits == null && pool == null) {
            throw new ImageMetricException("extracted features: neither logits nor pool features");
        }
        if (logits != null && pool != null && logits.length != pool.length) {
            throw new ImageMetricException("extracted features: " + logits.length + " rows of logits but "
                    + pool.length + " rows of pool features");
        }
    }

    /** How many images the rows describe. */
    public int count() {
        return logits != null ? logits.length : pool.length;
    }
}
