package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * WGAN with weight clipping (Arjovsky et al. 2017): critic loss {@code mean D(fake) − mean D(real)}, every critic
 * weight clipped to [−c, c] after each critic step; generator loss {@code −mean D(fake)}.
 */
final class WganClip implements Objective {
    private final double clip;

    WganClip(double clip) {
        this.clip = clip;
    }

    @Override
    public String name() {
        return "wgan-clip";
    }

    @Override
    public Loss criticLoss(CriticFunction d, NDArray real, NDArray fake, RandomGenerator rng) {
        NDArray wasserstein = Terms.scores(d, real).mean().sub(Terms.scores(d, fake).mean());
        return new Loss(wasserstein.neg(), Map.of(Loss.WASSERSTEIN, Terms.detached(wasserstein),
                Loss.PENALTY, Terms.zero(wasserstein)));
    }

    @Override
    public Loss generatorLoss(CriticFunction d, NDArray real, NDArray fake, RandomGenerator rng) {
        NDArray dFake = Terms.scores(d, fake).mean();
        return Terms.generatorLoss(dFake.neg(), d, real, dFake);
    }

    @Override
    public void afterCriticStep(List<Parameter> criticParams) {
        Terms.withoutGraph(() -> {
            for (Parameter p : criticParams) {
                NDArray w = p.getArray();
                // copied in place, so the parameter keeps its tensor, its requires_grad flag and optimizer state
                try (NDArray clipped = w.clip(-clip, clip)) {
                    w.set(new NDIndex("..."), clipped);
                }
            }
            return null;
        });
    }
}
