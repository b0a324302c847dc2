package io.ganlab.imagegan.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConvTest {
    private NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void close() {
        m.close();
    }

    /**
     * Brute-force TensorFlow SAME convolution: output size ⌈H/s⌉, padding (out−1)·s + k − H split with the
     * smaller half before; w (O, I, k, k), x (B, I, H, W).
     */
    static double[] sameConv(double[] x, int b, int ci, int h, int w, double[] wt, double[] bias, int co, int k,
                             int s) {
        int oh = (h + s - 1) / s;
        int ow = (w + s - 1) / s;
        int ph = Math.max((oh - 1) * s + k - h, 0) / 2;
        int pw = Math.max((ow - 1) * s + k - w, 0) / 2;
        double[] y = new double[b * co * oh * ow];
        for (int n = 0; n < b; n++) {
            for (int o = 0; o < co; o++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double acc = bias == null ? 0 : bias[o];
                        for (int c = 0; c < ci; c++) {
                            for (int u = 0; u < k; u++) {
                                for (int v = 0; v < k; v++) {
                                    int r = i * s + u - ph;
                                    int q = j * s + v - pw;
                                    if (r >= 0 && r < h && q >= 0 && q < w) {
                                        acc += x[((n * ci + c) * h + r) * w + q] * wt[((o * ci + c) * k + u) * k + v];
                                    }
                                }
                            }
                        }
                        y[((n * co + o) * oh + i) * ow + j] = acc;
                    }
                }
            }
        }
        return y;
    }

    /** A 5×5 stride-2 all-ones kernel on a 4×4 all-ones image pads 1 before and 2 after: sums 16, 12, 12, 9. */
    @Test
    void samePaddingPutsTheSmallerHalfFirst() {
        Conv c = new Conv(1, 1, 5, 2, false, new TflibInit(1));
        c.initialize(m, DataType.FLOAT64, new Shape(1, 1, 4, 4));
        Nets.setValues(Nets.parameter(c, "weight").getArray(), filled(25, 1));
        NDArray y = Nets.forward(c, true, m.ones(new Shape(1, 1, 4, 4), DataType.FLOAT64)).head();
        assertEquals(new Shape(1, 1, 2, 2), y.getShape());
        // symmetric padding of 2 would give 9, 9, 9, 9
        assertArrayEquals(new double[] {16, 12, 12, 9}, y.toDoubleArray(), 0);
    }

    /** Random convolutions of odd and even sizes, strides 1 and 2, kernels 1, 3 and 5 equal the brute force. */
    @Test
    void matchesBruteForce() {
        int[][] cases = {{5, 2, 7, 8}, {5, 2, 8, 8}, {3, 1, 5, 6}, {1, 2, 6, 6}, {5, 1, 4, 5}, {3, 2, 6, 7}};
        long seed = 1;
        for (int[] cs : cases) {
            int k = cs[0];
            int s = cs[1];
            int h = cs[2];
            int w = cs[3];
            Conv c = new Conv(2, 3, k, s, true, new TflibInit(1));
            c.initialize(m, DataType.FLOAT64, new Shape(2, 2, h, w));
            double[] wt = Nets.randoms(3 * 2 * k * k, seed++);
            double[] bias = Nets.randoms(3, seed++);
            Nets.setValues(Nets.parameter(c, "weight").getArray(), wt);
            Nets.setValues(Nets.parameter(c, "bias").getArray(), bias);
            double[] x = Nets.randoms(2 * 2 * h * w, seed++);
            NDArray y = Nets.forward(c, true, m.create(x, new Shape(2, 2, h, w))).head();
            assertEquals(new Shape(2, 3, (h + s - 1) / s, (w + s - 1) / s), y.getShape(), "case " + k + "/" + s);
            assertArrayEquals(sameConv(x, 2, 2, h, w, wt, bias, 3, k, s), y.toDoubleArray(), 1e-12,
                    "kernel " + k + " stride " + s + " size " + h + "x" + w);
        }
    }

    /** A wrong channel count is refused with a message naming the shapes. */
    @Test
    void wrongChannelsAreRefused() {
        Conv c = Conv.he(3, 4, 3, 1);
        c.initialize(m, DataType.FLOAT32, new Shape(1, 3, 4, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nets.forward(c, true, m.ones(new Shape(1, 2, 4, 4))));
        assertTrue(e.getMessage().contains("(B, 3, H, W)") && e.getMessage().contains("(1, 2, 4, 4)"), e.getMessage());
    }

    static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
