package io.ganlab.imagegan.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Normalisations, resampling and initialisation against hand-worked cases and brute force. */
class LayersTest {
    private NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void close() {
        m.close();
    }

    /** Mean pooling averages each 2×2 block; upsampling copies each pixel into one. */
    @Test
    void poolAndUpsampleByHand() {
        NDArray x = m.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, new Shape(1, 1, 4, 4));
        assertArrayEquals(new double[] {3.5, 5.5, 11.5, 13.5}, Resample.meanPool(x).toDoubleArray(), 0);
        NDArray y = m.create(new double[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
        assertArrayEquals(new double[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4},
                Resample.upsample(y).toDoubleArray(), 0);
    }

    /** depth_to_space: channel (2i + j)·C + c lands at pixel (2h + i, 2w + j) of channel c (C = 1, one pixel). */
    @Test
    void depthToSpaceByHand() {
        NDArray x = m.create(new double[] {1, 2, 3, 4}, new Shape(1, 4, 1, 1));
        assertArrayEquals(new double[] {1, 2, 3, 4}, Resample.depthToSpace(x).toDoubleArray(), 0);
        // C = 2: channels 0..7 are (i, j, c) = (0,0,0), (0,0,1), (0,1,0), (0,1,1), (1,0,0), ...
        NDArray z = m.create(new double[] {0, 10, 1, 11, 2, 12, 3, 13}, new Shape(1, 8, 1, 1));
        assertArrayEquals(new double[] {0, 1, 2, 3, 10, 11, 12, 13}, Resample.depthToSpace(z).toDoubleArray(), 0);
    }

    /** The gated nonlinearity pairs channel 2c (sigmoid) with 2c + 1 (tanh). */
    @Test
    void gatedPairsEvenAndOddChannels() {
        NDArray x = m.create(new double[] {0.5, -1, 2, 0.25}, new Shape(1, 4, 1, 1));
        double[] got = Resample.gated(x).toDoubleArray();
        assertEquals(1 / (1 + Math.exp(-0.5)) * Math.tanh(-1), got[0], 1e-15);
        assertEquals(1 / (1 + Math.exp(-2)) * Math.tanh(0.25), got[1], 1e-15);
    }

    /** tflib layer norm: per example over (C, H, W) with biased variance, then per-channel scale and offset. */
    @Test
    void layerNormMatchesBruteForce() {
        int b = 2;
        int c = 3;
        int hw = 4;
        LayerNorm ln = new LayerNorm(c);
        ln.initialize(m, DataType.FLOAT64, new Shape(b, c, 2, 2));
        double[] scale = {1.5, -0.5, 2};
        double[] offset = {0.1, 0.2, -0.3};
        Nets.setValues(Nets.parameter(ln, "gamma").getArray(), scale);
        Nets.setValues(Nets.parameter(ln, "beta").getArray(), offset);
        double[] x = Nets.randoms(b * c * hw, 4);
        double[] got = Nets.forward(ln, true, m.create(x, new Shape(b, c, 2, 2))).head().toDoubleArray();
        for (int n = 0; n < b; n++) {
            double mean = 0;
            for (int i = 0; i < c * hw; i++) {
                mean += x[n * c * hw + i];
            }
            mean /= c * hw;
            double var = 0;
            for (int i = 0; i < c * hw; i++) {
                var += Math.pow(x[n * c * hw + i] - mean, 2);
            }
            var /= c * hw;
            for (int i = 0; i < c * hw; i++) {
                int ch = i / hw;
                double want = (x[n * c * hw + i] - mean) / Math.sqrt(var + 1e-5) * scale[ch] + offset[ch];
                assertEquals(want, got[n * c * hw + i], 1e-12, "example " + n + " value " + i);
            }
        }
    }

    /** Conditional batch norm: batch statistics per channel, then the scale and offset of each example's class. */
    @Test
    void conditionalBatchNormUsesEachExamplesClass() {
        conditionalBatchNorm(true);
    }

    // sampling (not training) normalises with the batch's statistics too, as the reference, and leaves the running
    // averages as they were
    @Test
    void conditionalBatchNormSamplesWithBatchStatistics() {
        conditionalBatchNorm(false);
    }

    private void conditionalBatchNorm(boolean training) {
        int b = 3;
        int c = 2;
        int hw = 4;
        ConditionalBatchNorm cbn = new ConditionalBatchNorm(c, 4);
        cbn.initialize(m, DataType.FLOAT64, new Shape(b, c, 2, 2));
        double[] scale = Nets.randoms(4 * c, 8);                              // (classes, C)
        double[] offset = Nets.randoms(4 * c, 9);
        Nets.setValues(Nets.parameter(cbn, "gamma").getArray(), scale);
        Nets.setValues(Nets.parameter(cbn, "beta").getArray(), offset);
        int[] labels = {2, 0, 2};
        double[] x = Nets.randoms(b * c * hw, 10);
        double[] mean0 = Nets.parameter(cbn, "runningMean").getArray().toDoubleArray();
        double[] got = Nets.forward(cbn, training, m.create(x, new Shape(b, c, 2, 2)), m.create(labels)).head()
                .toDoubleArray();
        if (!training) {
            assertArrayEquals(mean0, Nets.parameter(cbn, "runningMean").getArray().toDoubleArray());
        }
        for (int ch = 0; ch < c; ch++) {
            double mean = 0;
            for (int n = 0; n < b; n++) {
                for (int i = 0; i < hw; i++) {
                    mean += x[(n * c + ch) * hw + i];
                }
            }
            mean /= b * hw;
            double var = 0;
            for (int n = 0; n < b; n++) {
                for (int i = 0; i < hw; i++) {
                    var += Math.pow(x[(n * c + ch) * hw + i] - mean, 2);
                }
            }
            var /= b * hw;
            for (int n = 0; n < b; n++) {
                for (int i = 0; i < hw; i++) {
                    int k = (n * c + ch) * hw + i;
                    double want = (x[k] - mean) / Math.sqrt(var + 1e-5) * scale[labels[n] * c + ch]
                            + offset[labels[n] * c + ch];
                    assertEquals(want, got[k], 1e-12, "example " + n + " channel " + ch);
                }
            }
        }
    }

    /** The reference's σ formulas by hand, with Python 2's integer division of the fans. */
    @Test
    void initialisationFormulas() {
        // Conv2D(1 -> 64, 5, stride 2): fan_in 25, fan_out 64·25/4 = 400
        assertEquals(Math.sqrt(4.0 / 425), TflibInit.conv(1, 64, 5, 2, true).stdev(), 1e-15);
        // Conv2D(3 -> 1, 5, stride 2): fan_out 25/4 = 6, not 6.25
        assertEquals(2.0 / 9, TflibInit.conv(3, 1, 5, 2, true).stdev(), 1e-15);
        // he_init=False, 1×1: sqrt(2/(3 + 128))
        assertEquals(Math.sqrt(2.0 / 131), TflibInit.conv(3, 128, 1, 1, false).stdev(), 1e-15);
        // Deconv2D(3 -> 3, 5): fan_in 75/4 = 18, fan_out 75
        assertEquals(Math.sqrt(4.0 / 93), TflibInit.deconv(3, 3, 5, true).stdev(), 1e-15);
        // Deconv2D(64 -> 1, 5): fan_in 400, fan_out 25
        assertEquals(Math.sqrt(4.0 / 425), TflibInit.deconv(64, 1, 5, true).stdev(), 1e-15);
        assertEquals(Math.sqrt(2.0 / (128 + 2048)), TflibInit.glorot(128, 2048).stdev(), 1e-15);
        assertEquals(Math.sqrt(2.0 / 512), TflibInit.he(512).stdev(), 1e-15);
    }

    /** Initialised weights are uniform on ±√3·σ: bounded by √3·σ, standard deviation σ (320,000 draws). */
    @Test
    void initialisedWeightsHaveTheStatedSpread() {
        Conv c = Conv.he(128, 100, 5, 1);
        c.initialize(m, DataType.FLOAT32, new Shape(1, 128, 8, 8));
        double sigma = Math.sqrt(4.0 / (128 * 25 + 100 * 25));
        double[] w = Nets.values(Nets.parameter(c, "weight").getArray());
        double sum = 0;
        double sq = 0;
        double max = 0;
        for (double v : w) {
            sum += v;
            sq += v * v;
            max = Math.max(max, Math.abs(v));
        }
        double mean = sum / w.length;
        double std = Math.sqrt(sq / w.length - mean * mean);
        assertTrue(max <= Math.sqrt(3) * sigma * (1 + 1e-6) && max > 0.99 * Math.sqrt(3) * sigma, "max " + max);
        assertEquals(sigma, std, 0.01 * sigma);
        assertArrayEquals(new double[100], Nets.values(Nets.parameter(c, "bias").getArray()), 0);
    }
}
