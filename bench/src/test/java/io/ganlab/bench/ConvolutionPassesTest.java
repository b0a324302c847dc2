package io.ganlab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganlab.core.Precision;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ConvolutionPasses}: the timed passes compute what they are named after (against loops written out here),
 * the times are positive with the operation count of the shape, and the children's line is parsed strictly.
 */
class ConvolutionPassesTest {
    private static final int B = 2;
    private static final int D = 16;     // a multiple of oneDNN's channel block (CpuConvolution)
    private static final int T = 6;
    private static final int K = 5;

    // forward, input gradient and weight gradient of 'same' convolution with kernel 5 against the definitions:
    // y[b,f,t] = sum_c,k w[f,c,k] x[b,c,t+k-2] (zero outside), and for the loss sum(y * g) the gradients
    // dx[b,c,s] = sum_f,k w[f,c,k] g[b,f,s-k+2], dw[f,c,k] = sum_b,t g[b,f,t] x[b,c,t+k-2], db[f] = sum_b,t g[b,f,t]
    @Test
    void passesComputeWhatTheyAreNamedAfter() {
        Random rnd = new Random(7);
        float[] x = random(rnd, B * D * T);
        float[] w = random(rnd, D * D * K);
        float[] g = random(rnd, B * D * T);
        double[] y = new double[B * D * T];
        double[] dx = new double[B * D * T];
        double[] dw = new double[D * D * K];
        double[] db = new double[D];
        for (int b = 0; b < B; b++) {
            for (int f = 0; f < D; f++) {
                for (int t = 0; t < T; t++) {
                    double gv = g[(b * D + f) * T + t];
                    db[f] += gv;
                    for (int c = 0; c < D; c++) {
                        for (int k = 0; k < K; k++) {
                            int s = t + k - K / 2;
                            if (s < 0 || s >= T) {
                                continue;
                            }
                            double wv = w[(f * D + c) * K + k];
                            double xv = x[(b * D + c) * T + s];
                            y[(b * D + f) * T + t] += wv * xv;
                            dx[(b * D + c) * T + s] += wv * gv;
                            dw[(f * D + c) * K + k] += gv * xv;
                        }
                    }
                }
            }
        }
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray xa = m.create(x, new Shape(B, D, 1, T));
            NDArray wa = m.create(w, new Shape(D, D, 1, K));
            NDArray ga = m.create(g, new Shape(B, D, 1, T));
            NDList fwd = ConvolutionPasses.once(xa, wa, ga, ConvolutionPasses.Pass.FORWARD);
            assertEquals(new Shape(B, D, 1, T), fwd.singletonOrThrow().getShape());
            assertClose(y, fwd.singletonOrThrow());
            NDList in = ConvolutionPasses.once(xa, wa, ga, ConvolutionPasses.Pass.INPUT_GRADIENT);
            assertEquals(new Shape(B, D, 1, T), in.singletonOrThrow().getShape());
            assertClose(dx, in.singletonOrThrow());
            NDList wb = ConvolutionPasses.once(xa, wa, ga, ConvolutionPasses.Pass.WEIGHT_GRADIENT);
            assertEquals(2, wb.size());
            assertEquals(new Shape(D, D, 1, K), wb.get(0).getShape());
            assertClose(dw, wb.get(0));
            assertClose(db, wb.get(1));
        }
    }

    // every pass timed, in both precisions, with the multiply-adds of the shape counted twice and GFLOP/s from them
    @Test
    void measureTimesEveryPass() {
        for (Precision p : Precision.values()) {
            ConvolutionPasses.Times t = ConvolutionPasses.measure(D, B, T, p, 3, 2);
            assertEquals(p, t.precision());
            assertEquals(2.0 * B * T * D * D * K, t.flops());
            for (ConvolutionPasses.Pass pass : ConvolutionPasses.Pass.values()) {
                double ms = t.ms()[pass.ordinal()];
                assertTrue(ms > 0 && Double.isFinite(ms), pass + ": " + ms);
                assertEquals(t.flops() / ms / 1e6, t.gflops(pass), 1e-9);
            }
            assertTrue(t.describe().matches("forward [0-9.]+ ms \\([0-9]+ GFLOP/s\\), input gradient [0-9.]+ ms"
                    + " \\([0-9]+ GFLOP/s\\), weight gradient [0-9.]+ ms \\([0-9]+ GFLOP/s\\)"), t.describe());
        }
    }

    // the same measurement in a fresh JVM: its line is read back with the shape and precision asked for
    @Test
    void childPrintsItsLine() throws Exception {
        ConvolutionPasses.Times t = ConvolutionPasses.inChild(D, B, T, 1, Precision.BF16, 2, 1);
        assertEquals(Precision.BF16, t.precision());
        assertEquals(D, t.dim());
        for (double ms : t.ms()) {
            assertTrue(ms > 0, t.describe());
        }
    }

    // the last tagged line counts; a missing line, key or number, or a time that is not positive, is an error
    @Test
    void lineIsParsedStrictly() {
        String ok = "noise\ntextgan_convolutions impl=x forward_ms=9 input_gradient_ms=9 weight_gradient_ms=9\n"
                + "textgan_convolutions impl=pytorch dim=64 forward_ms=0.25 input_gradient_ms=0.5"
                + " weight_gradient_ms=1.5\n";
        assertArrayEquals(new double[] {0.25, 0.5, 1.5}, ConvolutionPasses.parseLine(ok));
        assertEquals("no 'textgan_convolutions' line in its output",
                assertThrows(IllegalArgumentException.class, () -> ConvolutionPasses.parseLine("x=1\n")).getMessage());
        String missing = "textgan_convolutions forward_ms=1 input_gradient_ms=1";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConvolutionPasses.parseLine(missing))
                .getMessage().startsWith("its line has no weight_gradient_ms: "));
        String nan = "textgan_convolutions forward_ms=1 input_gradient_ms=x weight_gradient_ms=1";
        assertEquals("its input_gradient_ms is not a number: x",
                assertThrows(IllegalArgumentException.class, () -> ConvolutionPasses.parseLine(nan)).getMessage());
        String zero = "textgan_convolutions forward_ms=0 input_gradient_ms=1 weight_gradient_ms=1";
        assertEquals("its forward_ms is not a positive time: 0",
                assertThrows(IllegalArgumentException.class, () -> ConvolutionPasses.parseLine(zero)).getMessage());
    }

    private static float[] random(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }

    private static void assertClose(double[] expected, NDArray actual) {
        float[] a = actual.toFloatArray();     // toFloatArray reads in logical order, whatever the memory order
        assertEquals(expected.length, a.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(expected[i], a[i], 1e-4 * (1 + Math.abs(expected[i])), "element " + i);
        }
    }
}
