/**
 * The toolkit's own domain classifier and the feature extractor built on it, for image metrics where the
 * community's Inception v3 cannot be had (no download here) or does not fit the data (28x28 grey images).
 *
 * <p>{@link io.ganlab.imagegan.classifier.ClassifierTraining} trains a small CNN
 * ({@link io.ganlab.imagegan.classifier.ClassifierNetwork}) on a labelled prepared image dataset;
 * {@link io.ganlab.imagegan.classifier.ClassifierFile} saves it as one checksummed file with its provenance, whose
 * SHA-256 is its identity; {@link io.ganlab.imagegan.classifier.ClassifierFeatures} runs it as an
 * {@link io.ganlab.eval.image.FeatureExtractor} (logits for the "classifier score", penultimate features for
 * "classifier FID/KID"); {@link io.ganlab.imagegan.classifier.ReferenceFeatures} caches a dataset split's features
 * beside the dataset; {@link io.ganlab.imagegan.classifier.ClassifierScores} turns features of any extractor
 * (this classifier, or the TorchScript ones of {@code io.ganlab.imagegan.features}) into named scores.
 *
 * <p>Scores from this classifier are not inception scores nor Inception FIDs: they are comparable only between
 * runs scored with the same classifier file.
 */
package io.ganlab.imagegan.classifier;
