package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The standard GAN with the non-saturating generator loss (Goodfellow et al. 2014), on logits D(x):
 * critic loss {@code mean softplus(−D(real)) + mean softplus(D(fake))} (= −log σ(D(real)) − log(1 − σ(D(fake)))),
 * generator loss {@code mean softplus(−D(fake))} (= −log σ(D(fake))). Softplus keeps both stable for large |D|.
 */
final class StandardGan implements Objective {
    @Override
    public String name() {
        return "gan";
    }

    @Override
    public Loss criticLoss(CriticFunction d, NDArray real, NDArray fake, RandomGenerator rng) {
        NDArray dReal = Terms.scores(d, real);
        NDArray dFake = Terms.scores(d, fake);
        NDArray value = Activation.softPlus(dReal.neg()).mean().add(Activation.softPlus(dFake).mean());
        NDArray wasserstein = dReal.mean().sub(dFake.mean());
        return new Loss(value, Map.of(Loss.WASSERSTEIN, Terms.detached(wasserstein),
                Loss.PENALTY, Terms.zero(value)));
    }

    @Override
    public Loss generatorLoss(CriticFunction d, NDArray real, NDArray fake, RandomGenerator rng) {
        NDArray dFake = Terms.scores(d, fake);
        return Terms.generatorLoss(Activation.softPlus(dFake.neg()).mean(), d, real, dFake.mean());
    }
}
