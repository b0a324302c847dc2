package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * First Order GAN (Seward et al. 2018). The critic sees {@code x̃ = real + α(G(z) − real)}, α ~ U[0.99, 1] per
 * example, instead of G(z). Critic loss:
 * <pre>
 * mean D(x̃) − mean D(real)
 *   + 0.1 · mean_j (D(real_j) − D(x̃_j))² / ‖real_j − x̃_j‖      (0 where the distance is below 1e-8)
 *   + 1.0 · mean_j (‖∇D(x̃_j)‖ − τ_j)²
 * τ_j = ‖ mean_i d_ij (D(real_i) − D(x̃_j)) r_ij⁻³ ‖ / mean_i r_ij⁻¹,  d_ij = real_i − x̃_j, r_ij = ‖d_ij‖ + 1e-6
 * </pre>
 * with τ computed without gradient. Generator loss {@code −mean D(x̃)}, so the generator step needs a real batch.
 * The logged "fake" score is D(x̃), the point the critic actually scores.
 */
final class FoGan implements Objective {
    static final double DISTANCE_CUT = 1e-8;
    static final double R_EPS = 1e-6;
    /** Elements of the (chunk, B, N) difference tensor built at once when computing τ (~32 MB in float32). */
    private static final long CHUNK_ELEMENTS = 8L << 20;

    private final double alphaMin;
    private final double lipschitzWeight;
    private final double gradientWeight;

    FoGan(double alphaMin, double lipschitzWeight, double gradientWeight) {
        this.alphaMin = alphaMin;
        this.lipschitzWeight = lipschitzWeight;
        this.gradientWeight = gradientWeight;
    }

    @Override
    public String name() {
        return "fogan";
    }

    @Override
    public boolean generatorNeedsReal() {
        return true;
    }

    @Override
    public Loss criticLoss(CriticFunction d, NDArray real, NDArray fake, RandomGenerator rng) {
        NDArray xt = Terms.interpolate(real, fake, Terms.alpha(real, rng, alphaMin, 1)); // (B, ...)
        NDArray dReal = Terms.scores(d, real);                                   // (B)
        CriticFunction.PenaltyPoint atXt = Terms.penaltyPoint(d, xt, true);
        NDArray dX = atXt.scores();                                              // (B)

        // Lipschitz term: the distance carries no critic parameters, so it is computed without graph
        NDArray dist = Terms.perExampleNorm(real.stopGradient().sub(xt.stopGradient())); // (B)
        NDArray keep = dist.gte(DISTANCE_CUT);
        NDArray safeDist = dist.maximum(DISTANCE_CUT);
        NDArray lipschitz = dReal.sub(dX).square().div(safeDist).mul(keep.toType(dist.getDataType(), false)).mean();

        // gradient term against the target slope τ
        NDArray norm = Terms.perExampleNorm(atXt.gradient());                   // (B)
        NDArray tau = Terms.withoutGraph(() -> targetSlope(real.stopGradient(), xt.stopGradient(),
                dReal.stopGradient(), dX.stopGradient()));
        NDArray gradient = norm.sub(tau).square().mean();

        NDArray penalty = Scalars.times(lipschitz, lipschitzWeight).add(Scalars.times(gradient, gradientWeight));
        NDArray wasserstein = dReal.mean().sub(dX.mean());
        NDArray value = penalty.sub(wasserstein);
        return new Loss(value, Map.of(Loss.WASSERSTEIN, Terms.detached(wasserstein),
                Loss.PENALTY, Terms.detached(penalty), Loss.GRAD_NORM, Terms.detached(norm.mean()),
                "penalty_lipschitz", Terms.detached(lipschitz), "penalty_gradient", Terms.detached(gradient),
                "tau", tau.mean()));
    }

    @Override
    public Loss generatorLoss(CriticFunction d, NDArray real, NDArray fake, RandomGenerator rng) {
        if (real == null) {
            throw new IllegalArgumentException("fogan: the generator loss needs a real batch");
        }
        NDArray alpha = Terms.alpha(real, rng, alphaMin, 1);
        NDArray r = real.stopGradient();
        NDArray xt = r.add(fake.sub(r).mul(alpha));                                // keeps the generator graph
        NDArray dX = Terms.scores(d, xt).mean();
        return Terms.generatorLoss(dX.neg(), d, real, dX);
    }

    /**
     * τ_j for every x̃_j (B), no graph. The pairwise differences are built in chunks of j so that the
     * (chunk, B, N) tensor stays small whatever the input size.
     */
    static NDArray targetSlope(NDArray real, NDArray xt, NDArray dReal, NDArray dX) {
        return targetSlope(real, xt, dReal, dX, CHUNK_ELEMENTS);
    }

    static NDArray targetSlope(NDArray real, NDArray xt, NDArray dReal, NDArray dX, long chunkElements) {
        long b = real.getShape().get(0);
        long n = real.getShape().size() / b;
        NDManager m = real.getManager();
        long chunk = Math.max(1, Math.min(b, chunkElements / Math.max(1, b * n)));
        // a sub-manager for the large temporaries: results belong to the manager of the first input
        try (NDManager sub = m.newSubManager()) {
            NDArray r2 = real.reshape(b, n);                                    // (B_i, N)
            NDArray x2 = xt.reshape(b, n);                                      // (B_j, N)
            NDArray sr = dReal.reshape(b);                                      // (B_i)
            NDArray sx = dX.reshape(b);                                         // (B_j)
            NDList keep = new NDList(r2, x2, sr, sx);
            keep.attach(sub);
            NDList parts = new NDList();
            for (long j0 = 0; j0 < b; j0 += chunk) {
                long j1 = Math.min(b, j0 + chunk);
                NDArray xs = x2.get(new NDIndex("{}:{}", j0, j1));               // (c, N)
                NDArray diff = r2.expandDims(0).sub(xs.expandDims(1));          // (c, B_i, N): d_ij = real_i − x̃_j
                NDArray r = diff.norm(2, new int[] {2}, false).add(R_EPS);      // (c, B_i)
                NDArray ds = sr.expandDims(0).sub(sx.get(new NDIndex("{}:{}", j0, j1)).expandDims(1)); // (c, B_i)
                NDArray w = ds.div(r.pow(3));                                   // (c, B_i)
                NDArray v = diff.mul(w.expandDims(2)).mean(new int[] {1});      // (c, N)
                NDArray num = v.norm(2, new int[] {1}, false);                  // (c)
                NDArray den = r.pow(-1).mean(new int[] {1});                    // (c)
                parts.add(num.div(den));
            }
            NDArray tau = parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 0);
            tau.attach(m);
            return tau;
        }
    }
}
