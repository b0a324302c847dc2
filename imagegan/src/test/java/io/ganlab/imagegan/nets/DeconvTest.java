package io.ganlab.imagegan.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeconvTest {
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
     * TensorFlow's conv2d_transpose (SAME, stride 2) is by definition the adjoint of the SAME stride-2 convolution
     * of a 2H×2W image: {@code <deconv(y), x> = <y, conv(x)>} for every x, y. So each output element of the
     * transposed convolution equals the brute-force convolution's adjoint applied to y, computed here by
     * probing the brute force with unit images.
     */
    @Test
    void isTheAdjointOfTheSameConvolution() {
        for (int k : new int[] {5, 3, 4}) {
            int in = 3;
            int out = 2;
            int h = 3;
            int w = 4;
            Deconv d = new Deconv(in, out, k, false, new TflibInit(1));
            d.initialize(m, DataType.FLOAT64, new Shape(2, in, h, w));
            double[] wt = Nets.randoms(in * out * k * k, 10 + k);              // (in, out, k, k)
            Nets.setValues(Nets.parameter(d, "weight").getArray(), wt);
            double[] y = Nets.randoms(2 * in * h * w, 20 + k);
            NDArray got = Nets.forward(d, true, m.create(y, new Shape(2, in, h, w))).head();
            assertEquals(new Shape(2, out, 2 * h, 2 * w), got.getShape());
            // the forward convolution maps out → in channels with weight[i][o] = wt[(i, o)]: as (O=in, I=out, k, k)
            int n = 2 * out * 4 * h * w;
            double[] expected = new double[n];
            for (int e = 0; e < n; e++) {
                double[] unit = new double[n];
                unit[e] = 1;
                double[] conv = ConvTest.sameConv(unit, 2, out, 2 * h, 2 * w, wt, null, in, k, 2);
                double dot = 0;
                for (int t = 0; t < conv.length; t++) {
                    dot += conv[t] * y[t];
                }
                expected[e] = dot;
            }
            assertArrayEquals(expected, got.toDoubleArray(), 1e-12, "kernel " + k);
        }
    }

    /** The bias is added to every output pixel of its channel: a zero input gives the bias. */
    @Test
    void biasFillsItsChannel() {
        Deconv d = Deconv.he(2, 3, 5);
        d.initialize(m, DataType.FLOAT64, new Shape(1, 2, 2, 2));
        Nets.setValues(Nets.parameter(d, "bias").getArray(), new double[] {1, -2, 0.5});
        double[] got = Nets.forward(d, true, m.zeros(new Shape(1, 2, 2, 2), DataType.FLOAT64)).head().toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            assertEquals(new double[] {1, -2, 0.5}[i / 16], got[i], 0, "element " + i);
        }
    }
}
