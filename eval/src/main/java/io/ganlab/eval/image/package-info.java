/**
 * Image metrics: the inception score, the Fréchet distance (FID) and the kernel distance (KID), each a pure
 * function of class probabilities or feature vectors, computed in double precision.
 *
 * <p>As in torch-fidelity, extracting features is separate from scoring them: a {@link
 * io.ganlab.eval.image.FeatureExtractor} turns an {@link io.ganlab.eval.image.ImageBatch} of 8-bit images into
 * {@link io.ganlab.eval.image.ExtractedFeatures} (logits, pool features); {@link
 * io.ganlab.eval.image.InceptionScore} scores logits or probabilities; {@link
 * io.ganlab.eval.image.FeatureStatistics} accumulates the mean and covariance of pool features batch by batch
 * (and is the cache format of reference statistics); {@link io.ganlab.eval.image.FrechetDistance} compares two
 * such statistics; {@link io.ganlab.eval.image.KernelDistance} compares two sets of pool features. Every result is
 * a record carrying the score, its spread where there is one, the sample counts and notes (warnings), ready for
 * the JSON mappers.
 *
 * <p>This package has no network in it and knows nothing of training; extractor implementations live beside
 * the engine that runs them.
 */
package io.ganlab.eval.image;
