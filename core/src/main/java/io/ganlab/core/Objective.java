package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A GAN objective: the critic's and the generator's loss. Implementations: {@code wgan-gp}, {@code fogan},
 * {@code wgan-clip}, {@code gan}, {@code lsgan}; build them with {@link Objectives#create(ObjectiveConfig)}.
 *
 * <p>Per-example random draws (interpolation α) come from the caller's {@code rng}, so the caller controls
 * reproducibility. Call inside an open {@code GradientCollector}: the penalties need the autograd graph.
 */
public interface Objective {
    /** "wgan-gp", "fogan", "wgan-clip", "gan" or "lsgan". */
    String name();

    /** Critic loss; {@code fake} carries no generator graph. */
    Loss criticLoss(CriticFunction d, NDArray real, NDArray fake, RandomGenerator rng);

    /**
     * Generator loss; {@code fake} carries the generator graph. {@code real} may be null unless
     * {@link #generatorNeedsReal()}; when given, the {@code wasserstein} term is also computed (one extra critic
     * forward without graph).
     */
    Loss generatorLoss(CriticFunction d, NDArray real, NDArray fake, RandomGenerator rng);

    /** FOGAN's generator loss is taken at points nudged toward a real batch. */
    default boolean generatorNeedsReal() {
        return false;
    }

    /** Called after each critic optimizer step (WGAN clips the weights here). */
    default void afterCriticStep(List<Parameter> criticParams) {}
}
