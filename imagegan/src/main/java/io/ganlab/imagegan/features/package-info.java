/**
 * Feature extractors that run TorchScript networks the user supplies, and the input preparation every network
 * extractor shares.
 *
 * <p>{@link io.ganlab.imagegan.features.InceptionFeatures} runs the community's Inception v3 (the 2015-12-05
 * TensorFlow graph, NVIDIA's TorchScript translation), checked by its SHA-256, for the inception score, FID and KID
 * as published papers report them. {@link io.ganlab.imagegan.features.TorchScriptFeatures} runs any TorchScript
 * model with a declared input ({@link io.ganlab.imagegan.features.ModelInput}: channels, size, a
 * {@link io.ganlab.imagegan.features.ResizeFilter}, value range) and output (logits and/or features).
 * {@link io.ganlab.imagegan.features.ModelInput} also prepares the input of the toolkit's own domain classifier
 * ({@code io.ganlab.imagegan.classifier}).
 *
 * <p>Not here: the metrics (in {@code io.ganlab.eval.image}), the reference cache
 * ({@code io.ganlab.imagegan.classifier.ReferenceFeatures}), and any download: files are checked, never fetched.
 */
package io.ganlab.imagegan.features;
