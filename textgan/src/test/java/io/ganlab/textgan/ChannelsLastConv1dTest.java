package io.ganlab.textgan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.ganlab.core.Adam;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The channels-last convolution against a brute-force 'same' cross-correlation in double precision: outputs, and the
 * gradients of the weights, bias and input, for inputs in plain and in channels-last memory; and its checkpoint bytes
 * against DJL's {@code Conv1d}.
 */
class ChannelsLastConv1dTest {
    private static final int B = 3;
    private static final int C = 4;
    private static final int F = 5;
    private static final int T = 7;

    // with an output scale (the residual blocks' 0.3, folded into the weights) every value and gradient is scaled
    @ParameterizedTest(name = "kernel {0}, channels-last input {1}, output scale {2}")
    @CsvSource({"5, false, 1", "5, true, 1", "1, false, 1", "1, true, 1", "3, true, 1", "5, true, 0.3",
        "5, false, 0.3", "1, true, -1.75"})
    void valuesAndGradientsMatchBruteForce(int kernel, boolean channelsLast, double scale) {
        Random r = new Random(7 + kernel);
        double[][][] x = random(r, B, C, T);
        double[][][] up = random(r, B, F, T);          // the upstream gradient: loss = Σ up · y
        try (NDManager m = NDManager.newBaseManager()) {
            ChannelsLastConv1d conv = new ChannelsLastConv1d(F, kernel, scale);
            conv.initialize(m, DataType.FLOAT32, new Shape(B, C, T));
            NDArray w = conv.getParameters().get("weight").getArray();
            NDArray bias = conv.getParameters().get("bias").getArray();
            bias.set(new float[] {0.1f, -0.2f, 0.3f, 0.05f, -0.4f});
            double[][][] wv = read(w, F, C, kernel);
            double[] bv = new double[F];
            float[] bf = bias.toFloatArray();
            for (int f = 0; f < F; f++) {
                bv[f] = bf[f];
            }

            NDArray xa = toArray(m, x);
            if (channelsLast) {
                xa = ChannelsLastConv1d.channelsLast(xa);
            }
            xa.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                y = conv.forward(new ParameterStore(m, false), new NDList(xa), true).singletonOrThrow();
                gc.backward(y.mul(toArray(m, up)).sum());
            }
            assertEquals(new Shape(B, F, T), y.getShape());

            int p = kernel / 2;
            double[][][] yExp = new double[B][F][T];
            double[][][] dw = new double[F][C][kernel];
            double[] db = new double[F];
            double[][][] dx = new double[B][C][T];
            for (int b = 0; b < B; b++) {
                for (int f = 0; f < F; f++) {
                    for (int t = 0; t < T; t++) {
                        double s = bv[f];
                        db[f] += scale * up[b][f][t];
                        for (int c = 0; c < C; c++) {
                            for (int k = 0; k < kernel; k++) {
                                int src = t + k - p;           // zero outside [0, T)
                                if (src >= 0 && src < T) {
                                    s += wv[f][c][k] * x[b][c][src];
                                    dw[f][c][k] += scale * up[b][f][t] * x[b][c][src];
                                    dx[b][c][src] += scale * up[b][f][t] * wv[f][c][k];
                                }
                            }
                        }
                        yExp[b][f][t] = scale * s;
                    }
                }
            }
            assertClose(yExp, read(y, B, F, T), "output");
            assertClose(dw, read(w.getGradient(), F, C, kernel), "weight gradient");
            assertClose(new double[][][] {{db}}, read(bias.getGradient().reshape(1, 1, F), 1, 1, F), "bias gradient");
            assertClose(dx, read(xa.getGradient(), B, C, T), "input gradient");

            // one Adam step from zero moments on these gradients, whatever layout oneDNN returned them in: with
            // bias correction the first update is w - lr g / (|g| + eps)
            double lr = 0.1;
            try (Adam adam = new Adam(0.5f, 0.9f, 1e-8f)) {
                adam.step(new ArrayList<>(conv.getParameters().values()), (float) lr);
            }
            double[][][] wNext = new double[F][C][kernel];
            for (int f = 0; f < F; f++) {
                for (int c = 0; c < C; c++) {
                    for (int k = 0; k < kernel; k++) {
                        double g = dw[f][c][k];
                        wNext[f][c][k] = wv[f][c][k] - lr * g / (Math.abs(g) + 1e-8);
                    }
                }
            }
            assertClose(wNext, read(w, F, C, kernel), "weight after an Adam step");
        }
    }

    // the same version byte, input shapes and parameters as DJL's Conv1d: checkpoints from before load unchanged
    @ParameterizedTest(name = "kernel {0}")
    @CsvSource({"5", "1"})
    void checkpointBytesAreConv1ds(int kernel) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Conv1d djl = Conv1d.builder().setKernelShape(new Shape(kernel)).setFilters(F)
                    .optPadding(new Shape(kernel / 2)).build();
            djl.initialize(m, DataType.FLOAT32, new Shape(B, C, T));
            byte[] written = bytes(djl);

            ChannelsLastConv1d ours = new ChannelsLastConv1d(F, kernel);
            ours.initialize(m, DataType.FLOAT32, new Shape(B, C, T));
            ours.loadParameters(m, new DataInputStream(new ByteArrayInputStream(written)));
            for (Pair<String, Parameter> p : djl.getParameters()) {
                assertArrayEquals(p.getValue().getArray().toFloatArray(),
                        ours.getParameters().get(p.getKey()).getArray().toFloatArray(), p.getKey());
            }
            assertArrayEquals(written, bytes(ours));
        }
    }

    private static byte[] bytes(Block block) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(out)) {
            block.saveParameters(data);
        }
        return out.toByteArray();
    }

    private static double[][][] random(Random r, int a, int b, int c) {
        double[][][] v = new double[a][b][c];
        for (double[][] i : v) {
            for (double[] j : i) {
                for (int k = 0; k < c; k++) {
                    j[k] = (float) r.nextGaussian();      // representable in float, so both sides see the same input
                }
            }
        }
        return v;
    }

    private static NDArray toArray(NDManager m, double[][][] v) {
        int a = v.length;
        int b = v[0].length;
        int c = v[0][0].length;
        float[] flat = new float[a * b * c];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                for (int k = 0; k < c; k++) {
                    flat[(i * b + j) * c + k] = (float) v[i][j][k];
                }
            }
        }
        return m.create(flat, new Shape(a, b, c));
    }

    private static double[][][] read(NDArray arr, int a, int b, int c) {
        float[] flat = arr.toFloatArray();      // logical (row-major) order whatever the memory layout
        double[][][] v = new double[a][b][c];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                for (int k = 0; k < c; k++) {
                    v[i][j][k] = flat[(i * b + j) * c + k];
                }
            }
        }
        return v;
    }

    private static void assertClose(double[][][] expected, double[][][] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                for (int k = 0; k < expected[i][j].length; k++) {
                    double e = expected[i][j][k];
                    assertEquals(e, actual[i][j][k], 1e-5 * Math.max(1, Math.abs(e)),
                            what + " at [" + i + "][" + j + "][" + k + "]");
                }
            }
        }
    }
}
