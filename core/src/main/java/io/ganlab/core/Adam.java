package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015) with bias correction, numerically as PyTorch's {@code torch.optim.Adam} without weight
 * decay: {@code m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²; w ← w − lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε)}.
 * The update is libtorch's fused kernel (DJL's {@code adamUpdate}) on moments we own, with the bias corrections
 * folded into its learning rate and ε.
 */
public final class Adam implements Optimizer {
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final OptimizerState state = new OptimizerState("adam", 2);

    public Adam(float beta1, float beta2, float eps) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && eps > 0)) {
            throw new IllegalArgumentException("adam needs 0 <= beta1, beta2 < 1 and eps > 0, got " + beta1 + ", "
                    + beta2 + ", " + eps);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** Steps taken so far (the t of the bias correction). */
    public long steps() {
        return state.steps;
    }

    @Override
    public void step(List<Parameter> params, float lr) {
        List<Parameter> trainable = OptimizerState.trainable(params);
        state.ensure(trainable);
        long t = ++state.steps;
        double bc1 = 1 - Math.pow(beta1, t);
        double sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, t));
        // w − lr/bc1 · m/(√v/√bc2 + ε) = w − (lr·√bc2/bc1) · m/(√v + ε·√bc2)
        float stepSize = (float) (lr * sqrtBc2 / bc1);
        float epsHat = (float) (eps * sqrtBc2);
        for (int i = 0; i < trainable.size(); i++) {
            PtNDArray w = (PtNDArray) trainable.get(i).getArray();
            NDArray[] mv = state.arrays.get(i);
            // getGradient() makes a new native handle each call: close it
            try (PtNDArray g = (PtNDArray) w.getGradient()) {
                JniUtils.adamUpdate(w, g, (PtNDArray) mv[0], (PtNDArray) mv[1], lr, stepSize, 0f, 1f, -1f,
                        beta1, beta2, epsHat, false);
            }
            JniUtils.zeroGrad(w);
        }
    }

    @Override
    public void save(DataOutputStream out) throws IOException {
        state.save(out, beta1, beta2, eps);
    }

    @Override
    public void load(DataInputStream in, List<Parameter> params) throws IOException {
        double[] h = state.load(in, OptimizerState.trainable(params));
        if (h.length != 3 || (float) h[0] != beta1 || (float) h[1] != beta2 || (float) h[2] != eps) {
            System.err.printf("adam: note: checkpoint had beta1 %s, beta2 %s, eps %s; continuing with %s, %s, %s%n",
                    h.length > 0 ? h[0] : "?", h.length > 1 ? h[1] : "?", h.length > 2 ? h[2] : "?", beta1, beta2, eps);
        }
    }

    @Override
    public void close() {
        state.close();
    }

    @Override
    public String toString() {
        return "Adam(beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps + ")";
    }
}
