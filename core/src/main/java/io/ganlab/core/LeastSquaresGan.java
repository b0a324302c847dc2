package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * LSGAN (Mao et al. 2017) with targets 1 for real, 0 for fake and 1 for the generator:
 * critic loss {@code ½ mean (D(real) − 1)² + ½ mean D(fake)²}, generator loss {@code ½ mean (D(fake) − 1)²}.
 */
final class LeastSquaresGan implements Objective {
    @Override
    public String name() {
        return "lsgan";
    }

    @Override
    public Loss criticLoss(CriticFunction d, NDArray real, NDArray fake, RandomGenerator rng) {
        NDArray dReal = Terms.scores(d, real);
        NDArray dFake = Terms.scores(d, fake);
        NDArray value = Scalars.times(dReal.sub(1).square().mean().add(dFake.square().mean()), 0.5);
        NDArray wasserstein = dReal.mean().sub(dFake.mean());
        return new Loss(value, Map.of(Loss.WASSERSTEIN, Terms.detached(wasserstein),
                Loss.PENALTY, Terms.zero(value)));
    }

    @Override
    public Loss generatorLoss(CriticFunction d, NDArray real, NDArray fake, RandomGenerator rng) {
        NDArray dFake = Terms.scores(d, fake);
        return Terms.generatorLoss(Scalars.times(dFake.sub(1).square().mean(), 0.5), d, real, dFake.mean());
    }
}
