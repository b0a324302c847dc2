package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * WGAN-GP (Gulrajani et al. 2017): critic loss {@code mean D(fake) − mean D(real) + λ·mean((‖∇D(x̂)‖ − 1)²)} at
 * {@code x̂ = real + α(fake − real)}, α ~ U[0, 1] per example; one-sided variant (appendix C):
 * {@code λ·mean(max(0, ‖∇D(x̂)‖ − 1)²)}. Generator loss {@code −mean D(fake)}.
 */
final class WganGp implements Objective {
    private final double lambda;
    private final boolean oneSided;

    WganGp(double lambda, boolean oneSided) {
        this.lambda = lambda;
        this.oneSided = oneSided;
    }

    @Override
    public String name() {
        return "wgan-gp";
    }

    @Override
    public Loss criticLoss(CriticFunction d, NDArray real, NDArray fake, RandomGenerator rng) {
        NDArray[] scores = Terms.jointScores(d, real, fake);                 // one forward pass if exact
        NDArray dReal = scores[0];                                           // (B)
        NDArray dFake = scores[1];                                           // (B)
        NDArray xHat = Terms.interpolate(real, fake, Terms.alpha(real, rng, 0, 1)); // (B, ...)
        NDArray grad = Terms.penaltyPoint(d, xHat, false).gradient();       // (B, ...) dD/dx at x̂
        NDArray norm = Terms.perExampleNorm(grad);                           // (B)
        NDArray excess = norm.sub(1);
        if (oneSided) {
            excess = Activation.relu(excess);
        }
        NDArray penalty = Scalars.times(excess.square().mean(), lambda);
        NDArray wasserstein = dReal.mean().sub(dFake.mean());
        NDArray value = penalty.sub(wasserstein);
        return new Loss(value, Map.of(Loss.WASSERSTEIN, Terms.detached(wasserstein),
                Loss.PENALTY, Terms.detached(penalty), Loss.GRAD_NORM, Terms.detached(norm.mean())));
    }

    @Override
    public Loss generatorLoss(CriticFunction d, NDArray real, NDArray fake, RandomGenerator rng) {
        NDArray dFake = Terms.scores(d, fake).mean();
        return Terms.generatorLoss(dFake.neg(), d, real, dFake);
    }
}
