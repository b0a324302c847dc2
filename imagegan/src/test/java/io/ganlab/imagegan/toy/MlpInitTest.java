package io.ganlab.imagegan.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The toy MLPs start as {@code gan_toy.py} starts them (tflib's {@code Linear}): ReLU layers with
 * {@code initialization='he'}, the output layer with the default, Glorot. Both are uniform on ±√3·σ, σ² = 2 / fan_in
 * (He) or 2 / (fan_in + fan_out) (Glorot); biases zero. The expected bounds are written out here from those
 * formulas, not taken from the code under test.
 */
class MlpInitTest {
    /** Weights of each layer as floats, by the layer's name. */
    static Map<String, float[]> weights(Mlp mlp, Map<String, float[]> biases) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : mlp.getParameters()) {
            float[] values = p.getValue().getArray().toFloatArray();
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                out.put(p.getKey(), values);
            } else {
                biases.put(p.getKey(), values);
            }
        }
        return out;
    }

    /**
     * A uniform distribution on ±b: all values within b, the largest within 2% of it (n draws all below 0.98·b have
     * probability 0.98ⁿ), variance b²/3 and kurtosis E[w⁴]/E[w²]² = 9/5 (a normal's is 3) within the given tolerance.
     */
    static void assertUniform(String layer, float[] w, double b, double tolerance) {
        double max = 0;
        double m2 = 0;
        double m4 = 0;
        double mean = 0;
        for (float v : w) {
            max = Math.max(max, Math.abs(v));
            mean += v;
            m2 += (double) v * v;
            m4 += (double) v * v * v * v;
        }
        mean /= w.length;
        m2 /= w.length;
        m4 /= w.length;
        assertTrue(max <= b * (1 + 1e-6), layer + ": |w| up to " + max + ", bound " + b);
        assertTrue(max >= 0.98 * b, layer + ": |w| only up to " + max + ", bound " + b);
        assertEquals(b * b / 3, m2, tolerance * b * b / 3, layer + ": variance");
        assertEquals(0, mean, 5 * Math.sqrt(b * b / 3 / w.length), layer + ": mean");
        assertEquals(1.8, m4 / (m2 * m2), 0.1, layer + ": kurtosis (uniform 1.8, normal 3)");
    }

    // widths where He and Glorot differ clearly: 2 -> 256 -> 256 -> 256 (the output layer as wide as the hidden ones)
    @Test
    void reluLayersAreHeAndTheOutputLayerGlorot() {
        Engine.getInstance().setRandomSeed(7);
        try (NDManager m = NDManager.newBaseManager()) {
            Mlp mlp = new Mlp(2, 256, 2, 256);
            mlp.initialize(m, DataType.FLOAT32, new Shape(1, 2));
            Map<String, float[]> biases = new LinkedHashMap<>();
            Map<String, float[]> w = weights(mlp, biases);
            assertEquals(3, w.size(), w.keySet().toString());
            String[] names = w.keySet().toArray(String[]::new);
            assertTrue(names[0].contains("hidden1") && names[1].contains("hidden2") && names[2].contains("output"),
                    w.keySet().toString());
            assertEquals(2 * 256, w.get(names[0]).length);
            // He, fan_in 2: ±sqrt(6/2) = ±1.732 (Glorot would give ±0.152); 512 draws: variance within 15%
            assertUniform(names[0], w.get(names[0]), Math.sqrt(3.0), 0.15);
            // He, fan_in 256: ±sqrt(6/256) = ±0.1531 (Glorot: ±0.1083); 65,536 draws
            assertUniform(names[1], w.get(names[1]), Math.sqrt(6.0 / 256), 0.03);
            // Glorot, 256 in and 256 out: ±sqrt(6/512) = ±0.1083 (He: ±0.1531)
            assertUniform(names[2], w.get(names[2]), Math.sqrt(6.0 / 512), 0.03);
            assertEquals(3, biases.size());
            for (Map.Entry<String, float[]> b : biases.entrySet()) {
                for (float v : b.getValue()) {
                    assertEquals(0f, v, b.getKey());
                }
            }
        }
    }

    // the toy GAN at the reference's size (3 × 512, noise 2): generator and critic alike, output layers to 2 and 1
    @Test
    void toyGanAtTheReferenceSize() {
        try (NDManager m = NDManager.newBaseManager()) {
            var gan = ToyGan.create(new ToyConfig.Model(512, 3, 2), m, 11);
            for (var block : java.util.List.of(gan.generator(), gan.critic())) {
                Map<String, float[]> w = weights((Mlp) block, new LinkedHashMap<>());
                String[] names = w.keySet().toArray(String[]::new);
                assertEquals(4, names.length, w.keySet().toString());
                assertUniform(names[0], w.get(names[0]), Math.sqrt(6.0 / 2), 0.1);
                assertUniform(names[1], w.get(names[1]), Math.sqrt(6.0 / 512), 0.02);
                assertUniform(names[2], w.get(names[2]), Math.sqrt(6.0 / 512), 0.02);
                int out = w.get(names[3]).length / 512;
                // Glorot on 512 -> out; bounds too close to He's to tell apart at 512 or 1,024 draws, so only the
                // bound and variance are checked loosely
                float[] last = w.get(names[3]);
                double b = Math.sqrt(6.0 / (512 + out));
                double max = 0;
                for (float v : last) {
                    max = Math.max(max, Math.abs(v));
                }
                assertTrue(max <= b * (1 + 1e-6) && max >= 0.95 * b, names[3] + ": max |w| " + max + ", bound " + b);
            }
        }
    }
}
