package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * RMSProp as PyTorch's {@code torch.optim.RMSprop} (no momentum, not centred):
 * {@code v ← ρ v + (1−ρ) g²; w ← w − lr · g / (√v + ε)}. The WGAN-with-clipping (lr 5e-5) and LSGAN (lr 1e-4)
 * settings of the WGAN-GP paper's LSUN experiments.
 */
public final class RmsProp implements Optimizer {
    private final float rho;
    private final float eps;
    private final OptimizerState state = new OptimizerState("rmsprop", 1);

    public RmsProp(float rho, float eps) {
        if (!(rho >= 0 && rho < 1 && eps > 0)) {
            throw new IllegalArgumentException("rmsprop needs 0 <= rho < 1 and eps > 0, got " + rho + ", " + eps);
        }
        this.rho = rho;
        this.eps = eps;
    }

    public long steps() {
        return state.steps;
    }

    @Override
    public void step(List<Parameter> params, float lr) {
        List<Parameter> trainable = OptimizerState.trainable(params);
        state.ensure(trainable);
        state.steps++;
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);   // in-place updates of leaves must not be recorded
        try {
            for (int i = 0; i < trainable.size(); i++) {
                NDArray w = trainable.get(i).getArray();
                NDArray v = state.arrays.get(i)[0];
                // every temporary of this parameter lives in a sub-manager closed right after
                try (NDManager tmp = w.getManager().newSubManager()) {
                    NDArray g = w.getGradient();
                    g.attach(tmp);
                    v.muli(rho).addi(g.square().muli(1 - rho));
                    NDArray denom = v.sqrt();          // born in v's manager: move it to the temporaries
                    denom.attach(tmp);
                    w.subi(g.div(denom.addi(eps)).muli(lr));
                }
                JniUtils.zeroGrad((PtNDArray) w);
            }
        } finally {
            JniUtils.setGradMode(was);
        }
    }

    @Override
    public void save(DataOutputStream out) throws IOException {
        state.save(out, rho, eps);
    }

    @Override
    public void load(DataInputStream in, List<Parameter> params) throws IOException {
        state.load(in, OptimizerState.trainable(params));
    }

    @Override
    public void close() {
        state.close();
    }

    @Override
    public String toString() {
        return "RmsProp(rho=" + rho + ", eps=" + eps + ")";
    }
}
