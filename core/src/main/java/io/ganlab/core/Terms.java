package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;

/** Pieces shared by the objectives. */
final class Terms {
    private Terms() {}

    /** The critic's scores as (B), whether it returns (B) or (B, 1). */
    static NDArray scores(CriticFunction d, NDArray x) {
        return checked(d.score(x), x);
    }

    /**
     * A gradient penalty's input gradient at {@code x} and, when {@code scored}, its scores as (B)
     * ({@link CriticFunction#penaltyPoint}).
     */
    static CriticFunction.PenaltyPoint penaltyPoint(CriticFunction d, NDArray x, boolean scored) {
        CriticFunction.PenaltyPoint p = d.penaltyPoint(x, scored);
        if (!p.gradient().getShape().equals(x.getShape())) {
            throw new IllegalStateException("the critic's input gradient must be shaped like its input: input "
                    + x.getShape() + ", gradient " + p.gradient().getShape());
        }
        if (scored && p.scores() == null) {
            throw new IllegalStateException("the critic returned no scores with its input gradient");
        }
        return p.scores() == null ? p : new CriticFunction.PenaltyPoint(p.gradient(), checked(p.scores(), x));
    }

    /**
     * {@link #scores} of two batches; one forward pass of both where the critic scores each example on its own
     * ({@link CriticFunction#scoreJointly}).
     */
    static NDArray[] jointScores(CriticFunction d, NDArray a, NDArray b) {
        NDArray[] s = d.scoreJointly(a, b);
        return new NDArray[] {checked(s[0], a), checked(s[1], b)};
    }

    private static NDArray checked(NDArray s, NDArray x) {
        long b = x.getShape().get(0);
        if (s.getShape().size() != b) {
            throw new IllegalStateException("the critic must return one score per example: input " + x.getShape()
                    + ", scores " + s.getShape());
        }
        return s.getShape().dimension() == 1 ? s : s.reshape(b);
    }

    /** Per-example α ~ U[lo, hi) shaped (B, 1, ..., 1) to broadcast against {@code like}. */
    static NDArray alpha(NDArray like, RandomGenerator rng, double lo, double hi) {
        Shape s = like.getShape();
        long[] dims = new long[s.dimension()];
        java.util.Arrays.fill(dims, 1);
        dims[0] = s.get(0);
        return Rng.uniform(like.getManager(), rng, new Shape(dims), lo, hi, like.getDataType());
    }

    /** {@code real + α (fake − real)}, detached from any graph of its inputs and requiring gradient. */
    static NDArray interpolate(NDArray real, NDArray fake, NDArray alpha) {
        NDArray r = real.stopGradient();
        NDArray f = fake.stopGradient();
        NDArray x = r.add(f.sub(r).mul(alpha));
        x.setRequiresGradient(true);
        return x;
    }

    /** ‖g_b‖₂ over all non-batch axes: (B, ...) → (B). */
    static NDArray perExampleNorm(NDArray g) {
        long b = g.getShape().get(0);
        return g.reshape(b, -1).norm(2, new int[] {1}, false);
    }

    /** A detached copy for logging. */
    static NDArray detached(NDArray x) {
        return x.stopGradient();
    }

    static NDArray zero(NDArray like) {
        return like.getManager().zeros(new Shape(), like.getDataType());
    }

    /**
     * A generator loss with its logged terms: {@code wasserstein} when {@code real} is given (its critic forward
     * runs without graph: it is only logged), {@code penalty} 0.
     */
    static Loss generatorLoss(NDArray value, CriticFunction d, NDArray real, NDArray meanFakeScore) {
        java.util.Map<String, NDArray> terms = new java.util.HashMap<>();
        terms.put(Loss.PENALTY, zero(value));
        if (real != null) {
            NDArray meanReal = withoutGraph(() -> scores(d, real).mean());
            terms.put(Loss.WASSERSTEIN, meanReal.sub(meanFakeScore.stopGradient()));
        }
        return new Loss(value, terms);
    }

    /** Runs {@code f} with autograd recording off on this thread. */
    static <T> T withoutGraph(java.util.function.Supplier<T> f) {
        boolean was = ai.djl.pytorch.jni.JniUtils.isGradMode();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        try {
            return f.get();
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(was);
        }
    }
}
