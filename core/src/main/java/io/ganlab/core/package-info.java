/**
 * The training core shared by every modality: objectives (WGAN-GP, FOGAN, WGAN with clipping,
 * GAN, LSGAN), the gradient penalty with a differentiable input gradient, optimizers whose state
 * can be saved, the trainer loop, checkpoints and metrics.
 *
 * <p>It knows nothing of text or images: networks enter as DJL {@code Block}s and data as
 * {@code NDArray} batches.
 */
package io.ganlab.core;
