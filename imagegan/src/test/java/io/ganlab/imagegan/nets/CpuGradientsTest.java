package io.ganlab.imagegan.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.ganlab.core.InputGradient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * libtorch's CPU (oneDNN) convolutions returned NaN gradients for the language model at widths that are not
 * multiples of 16 (README, Known issues). The image networks necessarily have layers of 1 or 3 channels (the
 * critic's first convolution, the generator's last, which {@link Deconv} runs as a convolution to 4 or 12
 * channels). Here, in float32 at width 16, a penalised critic step (double backprop) and a generator step must give
 * finite gradients on every parameter.
 */
class CpuGradientsTest {
    static List<String> names() {
        return ImageArchitecture.NAMES;
    }

    private static int nonFinite(Block b, List<String> where) {
        int bad = 0;
        for (Pair<String, Parameter> p : b.getParameters()) {
            if (p.getValue().requiresGradient()) {
                try (NDArray g = p.getValue().getArray().getGradient()) {
                    if (g.isInfinite().logicalOr(g.isNaN()).any().getBoolean()) {
                        bad++;
                        where.add(p.getKey());
                    }
                }
            }
        }
        return bad;
    }

    /** Three penalised critic steps and three generator steps at width 16 give only finite gradients. */
    @ParameterizedTest
    @MethodSource("names")
    void finiteGradientsAtWidth16(String name) {
        ImageArchitecture a = ImageArchitecture.named(name);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Block g = a.generator(16);
            Block d = a.critic(16, a.defaultCriticNorm(true));
            g.initialize(m, DataType.FLOAT32, new Shape(2, a.latent()));
            d.initialize(m, DataType.FLOAT32, a.imageShape(2));
            ParameterStore ps = new ParameterStore(m, false);
            List<String> where = new ArrayList<>();
            int bad = 0;
            for (int step = 0; step < 3; step++) {
                try (NDManager s = m.newSubManager()) {
                    NDArray z = s.randomNormal(new Shape(2, a.latent()));
                    NDList gin = a.conditional() ? new NDList(z, s.create(new int[] {1, 9})) : new NDList(z);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray fake = g.forward(ps, gin, true).head();          // (2, C, S, S)
                        NDArray x = fake.stopGradient().mul(0.5f).add(s.randomUniform(-0.5f, 0.5f, fake.getShape()));
                        x.setRequiresGradient(true);
                        NDArray grad = InputGradient.of(d.forward(ps, new NDList(x), true).head(), x);
                        gc.backward(grad.square().sum().add(d.forward(ps, new NDList(fake), true).head().sum()));
                    }
                    bad += nonFinite(d, where) + nonFinite(g, where);
                }
            }
            assertEquals(0, bad, name + ": non-finite gradients in " + where);
        }
    }
}
