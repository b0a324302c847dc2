/**
 * Evaluation: the n-gram Jensen-Shannon divergence of generated text against a dataset, as reported by the
 * WGAN-GP, TTUR and FOGAN papers, with an honest floor (the same measure on real held-out lines).
 *
 * <p>{@link io.ganlab.eval.NgramModel} holds exact n-gram counts (keys packed into one or two longs, never
 * hashed); {@link io.ganlab.eval.JensenShannon} is the plug-in estimator in bits;
 * {@link io.ganlab.eval.TrueModels} caches the models of a dataset's training lines beside the dataset;
 * {@link io.ganlab.eval.JsdEvaluator} scores {@link io.ganlab.eval.Samples} into a
 * {@link io.ganlab.eval.JsdReport}. This package reads datasets through {@code io.ganlab.corpus}; it knows
 * nothing of networks or training.
 */
package io.ganlab.eval;
