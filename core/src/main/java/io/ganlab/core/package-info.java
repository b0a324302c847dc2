/**
 * The training core shared by every modality: objectives (WGAN-GP, FOGAN, WGAN with clipping,
 * GAN, LSGAN) behind {@link io.ganlab.core.Objective}, the gradient penalty's differentiable input
 * gradient (autograd's, {@link io.ganlab.core.InputGradient}, or the critic's own,
 * {@link io.ganlab.core.ExplicitInputGradient}), optimizers whose state can be saved
 * ({@link io.ganlab.core.Adam}, {@link io.ganlab.core.RmsProp}), deterministic resumable randomness
 * ({@link io.ganlab.core.Rng}), the trainer loop, checkpoints and metrics.
 *
 * <p>Two DJL hazards are handled here once: {@link io.ganlab.core.Scalars} multiplies by constants that
 * autograd may keep (DJL's {@code mul(Number)} lets the garbage collector free them) and
 * {@link io.ganlab.core.HostCopy} turns Java arrays into tensors whose memory libtorch owns.
 *
 * <p>It knows nothing of text or images: networks enter as DJL {@code Block}s (or a
 * {@link io.ganlab.core.CriticFunction}) and data as {@code NDArray} batches.
 */
package io.ganlab.core;
