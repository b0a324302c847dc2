package io.ganlab.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CpuConvolutionTest {
    private static final int B = 2;
    private static final int C = 16;
    private static final int F = 4;
    private static final int K = 3;
    private static final int S = 6;

    // a 3x3 convolution to 4 channels (a transposed convolution's 4 phases of a gray image): libtorch's own call gave
    // NaN input gradients in 36-42 of 50 bf16 trials on this machine; through conv2d none of 25, in bf16 or FP32
    @Test
    void fewFiltersGiveFiniteInputGradients() {
        Random r = new Random(7);
        for (boolean bf16 : new boolean[] {true, false}) {
            for (int t = 0; t < 25; t++) {
                try (NDManager m = NDManager.newBaseManager("PyTorch")) {
                    float[][] g = gradients(m, floats(r, B * C * S * S), floats(r, F * C * K * K), floats(r, F),
                            floats(r, B * F * S * S), bf16);
                    for (float[] a : g) {
                        for (float v : a) {
                            assertTrue(Float.isFinite(v), (bf16 ? "bf16" : "fp32") + " trial " + t + ": " + v);
                        }
                    }
                }
            }
        }
    }

    // loss = sum(conv(x, w, b) * u): the output, and the input, weight and bias gradients, against loops over the
    // definition ('same' padding 1, stride 1, cross-correlation)
    @Test
    void widenedConvolutionIsTheSameFunction() {
        Random r = new Random(11);
        float[] x = floats(r, B * C * S * S);
        float[] w = floats(r, F * C * K * K);
        float[] b = floats(r, F);
        float[] u = floats(r, B * F * S * S);
        float[] y = new float[B * F * S * S];
        float[] gx = new float[x.length];
        float[] gw = new float[w.length];
        float[] gb = new float[F];
        for (int n = 0; n < B; n++) {
            for (int f = 0; f < F; f++) {
                for (int i = 0; i < S; i++) {
                    for (int j = 0; j < S; j++) {
                        int o = ((n * F + f) * S + i) * S + j;
                        double acc = b[f];
                        for (int c = 0; c < C; c++) {
                            for (int di = 0; di < K; di++) {
                                for (int dj = 0; dj < K; dj++) {
                                    int ii = i + di - 1;
                                    int jj = j + dj - 1;
                                    if (ii < 0 || ii >= S || jj < 0 || jj >= S) {
                                        continue;
                                    }
                                    int xi = ((n * C + c) * S + ii) * S + jj;
                                    int wi = ((f * C + c) * K + di) * K + dj;
                                    acc += (double) x[xi] * w[wi];
                                    gx[xi] += u[o] * w[wi];
                                    gw[wi] += u[o] * x[xi];
                                }
                            }
                        }
                        y[o] = (float) acc;
                        gb[f] += u[o];
                    }
                }
            }
        }
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[][] got = gradients(m, x, w, b, u, false);
            float[][] want = {y, gx, gw, gb};
            String[] names = {"output", "input gradient", "weight gradient", "bias gradient"};
            for (int k = 0; k < want.length; k++) {
                assertEquals(want[k].length, got[k].length, names[k]);
                for (int i = 0; i < want[k].length; i++) {
                    assertEquals(want[k][i], got[k][i], 1e-4 * (1 + Math.abs(want[k][i])), names[k] + " " + i);
                }
            }
        }
    }

    /** Output, then the input, weight and bias gradients of {@code sum(conv2d(x, w, b) * u)}, FP32. */
    private static float[][] gradients(NDManager m, float[] xv, float[] wv, float[] bv, float[] uv, boolean bf16) {
        NDArray x = m.create(xv, new Shape(B, C, S, S));
        NDArray w = m.create(wv, new Shape(F, C, K, K));
        NDArray b = m.create(bv, new Shape(F));
        NDArray u = m.create(uv, new Shape(B, F, S, S));
        for (NDArray a : new NDArray[] {x, w, b}) {
            a.setRequiresGradient(true);
        }
        NDArray y;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            y = bf16
                    ? Bf16.up(CpuConvolution.conv2d(Bf16.down(x, m), Bf16.down(w, m), Bf16.down(b, m),
                            new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1))
                    : CpuConvolution.conv2d(x, w, b, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1);
            gc.backward(y.mul(u).sum());
        }
        return new float[][] {y.toFloatArray(), x.getGradient().toFloatArray(), w.getGradient().toFloatArray(),
                b.getGradient().toFloatArray()};
    }

    private static float[] floats(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @Test
    void multiplesOfSixteenTrainOnTheCpu() {
        for (long c : new long[] {16, 64, 128, 512}) {
            assertDoesNotThrow(() -> CpuConvolution.requireTrainableWidth("model.dim", c, Device.cpu()));
        }
    }

    @Test
    void otherWidthsAreRefusedOnTheCpuWithTheNearestChoices() {
        TrainingException e = assertThrows(TrainingException.class,
                () -> CpuConvolution.requireTrainableWidth("model.dim", 100, Device.cpu()));
        assertEquals("model.dim is 100: on the CPU it must be a multiple of 16 (libtorch's oneDNN convolutions return"
                + " NaN gradients at other widths; see README, Known issues); use 96 or 112", e.getMessage());
        e = assertThrows(TrainingException.class,
                () -> CpuConvolution.requireTrainableWidth("model.dim", 8, Device.cpu()));
        assertEquals(true, e.getMessage().endsWith("; use 16"), e.getMessage());
    }

    @Test
    void theGpuHasNoSuchLimit() {
        assertDoesNotThrow(() -> CpuConvolution.requireTrainableWidth("model.dim", 100, Device.gpu()));
    }
}
