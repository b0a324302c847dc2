package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.IValue;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015) with bias correction, numerically as PyTorch's {@code torch.optim.Adam} without weight
 * decay: {@code m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²; w ← w − lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε)}.
 * The update is libtorch's fused multi-tensor Adam ({@code torch._fused_adam_}, through a TorchScript call): one
 * pass over every weight, gradient and moment in one call, then the gradients zeroed, where a per-tensor update
 * costs several passes and calls per parameter (about 15% of a language generator step at DIM 128).
 */
public final class Adam implements Optimizer {
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final OptimizerState state = new OptimizerState("adam", 2);

    private static final String CLASS_NAME = "FusedAdam";
    /**
     * torch.optim.Adam's update without weight decay (amsgrad and maximize off), then the gradients zeroed. The CPU
     * kernel walks each tensor as one flat array: weights and moments are made contiguous, and a gradient stored in
     * another layout is read through a contiguous copy.
     */
    private static final String CODE = """
            class FusedAdam(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.FusedAdam,
                params: List[Tensor],
                grads: List[Tensor],
                exp_avgs: List[Tensor],
                exp_avg_sqs: List[Tensor],
                steps: List[Tensor],
                lr: float,
                beta1: float,
                beta2: float,
                eps: float) -> int:
                dense = [torch.contiguous(g) for g in grads]
                torch._fused_adam_(params, dense, exp_avgs, exp_avg_sqs, annotate(List[Tensor], []), steps, \
                    lr=lr, beta1=beta1, beta2=beta2, weight_decay=0., eps=eps, amsgrad=False, maximize=False)
                torch._foreach_zero_(grads)
                return 0
            """;

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
        long t = state.steps + 1;
        int n = trainable.size();
        PtNDArray[] w = new PtNDArray[n];
        PtNDArray[] g = new PtNDArray[n];
        PtNDArray[] m = new PtNDArray[n];
        PtNDArray[] v = new PtNDArray[n];
        PtNDArray[] steps = new PtNDArray[n];
        try (NDManager call = state.arrays.get(0)[0].getManager().newSubManager()) {
            // the kernel reads the step count from a tensor per parameter, as torch.optim.Adam keeps one, on the
            // weights' device
            PtNDArray step = (PtNDArray) call.create((float) t).toDevice(trainable.get(0).getArray().getDevice(),
                    false);
            for (int i = 0; i < n; i++) {
                NDArray weight = trainable.get(i).getArray();
                // detached views share the weights' memory: updated in place without autograd's leaf check
                w[i] = (PtNDArray) weight.stopGradient();
                w[i].attach(call);
                g[i] = (PtNDArray) weight.getGradient();   // a new native handle each call
                g[i].attach(call);
                m[i] = (PtNDArray) state.arrays.get(i)[0];
                v[i] = (PtNDArray) state.arrays.get(i)[1];
                steps[i] = step;
            }
            List<IValue> args = new ArrayList<>();
            try {
                for (PtNDArray[] list : new PtNDArray[][] {w, g, m, v, steps}) {
                    args.add(IValue.listFrom(list));
                }
                for (float x : new float[] {lr, beta1, beta2, eps}) {
                    args.add(IValue.from((double) x));
                }
                TorchScriptArchive.shared("fused_adam", CLASS_NAME, CODE).forward(args.toArray(new IValue[0])).close();
            } finally {
                for (IValue a : args) {
                    a.close();
                }
            }
        }
        state.steps = t;   // only once the update is made: checkpoints save this count
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
