package io.ganlab.imagegan.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.ganlab.core.InputGradient;

/**
 * Double backprop through a critic, as the gradient penalty does it: {@code P(θ) = Σ_b ‖∂D(x_b)/∂x_b‖²}
 * through {@link InputGradient}, its gradient on a weight by autograd against a central finite difference of P
 * itself, and the input gradient against a finite difference of D. float64 throughout.
 */
final class CriticGradients {
    private final Block critic;
    private final ParameterStore ps;

    CriticGradients(Block critic, ParameterStore ps) {
        this.critic = critic;
        this.ps = ps;
    }

    private NDArray score(NDArray x) {
        NDList out = critic.forward(ps, new NDList(x), true);
        return out.head();                                                     // (B)
    }

    /** P at x, and, when {@code backward}, autograd's dP/dθ written into the parameters' gradients. */
    private double penalty(NDArray x0, boolean backward) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = x0.duplicate();
            x.setRequiresGradient(true);
            NDArray g = InputGradient.of(score(x), x);                         // (B, C, H, W)
            NDArray p = g.square().sum();
            if (backward) {
                gc.backward(p);
            }
            return p.getDouble();
        }
    }

    /** Checks dP/dθ_k for coordinate k of {@code param} and dD/dx for input coordinate {@code xk}. */
    void check(NDArray x0, Parameter param, int k, int xk) {
        // the collector does not zero gradients: take the difference across this backward
        double before;
        try (NDArray grad = param.getArray().getGradient()) {
            before = Nets.values(grad)[k];
        }
        double p0 = penalty(x0, true);
        double analytic;
        try (NDArray grad = param.getArray().getGradient()) {
            double[] g = Nets.values(grad);
            analytic = g[k] - before;
            assertTrue(java.util.Arrays.stream(g).allMatch(Double::isFinite),
                    "finite second-order gradients of " + param.getName());
        }
        assertTrue(Double.isFinite(p0) && p0 > 0, "penalty " + p0);
        NDArray w = param.getArray();
        double[] w0 = Nets.values(w);
        double h = 1e-6;
        double[] v = w0.clone();
        v[k] += h;
        Nets.setValues(w, v);
        double up = penalty(x0, false);
        v[k] -= 2 * h;
        Nets.setValues(w, v);
        double down = penalty(x0, false);
        Nets.setValues(w, w0);
        double fd = (up - down) / (2 * h);
        assertTrue(Math.abs(fd) > 1e-9, "the checked weight " + param.getName() + "[" + k + "] moves the penalty");
        assertEquals(fd, analytic, 1e-5 * Math.max(1, Math.abs(fd)), "dP/d" + param.getName() + "[" + k + "]");

        // first order: dD/dx at one coordinate
        double[] inputGrad;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = x0.duplicate();
            x.setRequiresGradient(true);
            inputGrad = Nets.values(InputGradient.of(score(x), x));
        }
        Shape s = x0.getShape();
        int b = (int) (xk / (s.size() / s.get(0)));
        double[] xs = Nets.values(x0);
        double[] a = xs.clone();
        a[xk] += h;
        double[] c = xs.clone();
        c[xk] -= h;
        double fx = (Nets.values(score(x0.getManager().create(a, s)))[b]
                - Nets.values(score(x0.getManager().create(c, s)))[b]) / (2 * h);
        assertEquals(fx, inputGrad[xk], 1e-6 * Math.max(1, Math.abs(fx)), "dD/dx[" + xk + "]");
    }
}
