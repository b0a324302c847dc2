package io.ganlab.imagegan.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.ganlab.core.GanNetworks;
import io.ganlab.core.InputGradient;
import io.ganlab.core.RandomStream;
import io.ganlab.core.Rng;
import org.junit.jupiter.api.Test;

/**
 * A training step leaves nothing behind in the model's manager: every array a forward pass makes (views of
 * parameters included) belongs to the step's manager and dies with it. A view left in the model's manager keeps
 * its step's graph alive, which made the DCGAN and layer-norm networks grow by megabytes per step.
 */
class StepMemoryTest {
    @Test
    void aPenalisedStepLeavesNoArrayInTheModelsManager() {
        for (ImageArchitecture a : ImageArchitecture.ALL) {
            if (a.conditional()) {
                continue;   // its generator takes labels; the layers are those of cifar-resnet
            }
            CriticNorm norm = a.defaultCriticNorm(true) == CriticNorm.NONE ? CriticNorm.LAYER : a.defaultCriticNorm(true);
            try (NDManager model = NDManager.newBaseManager()) {
                GanNetworks n = new GanNetworks(a.generator(16), a.critic(16, norm), a.latent(), a.imageShape(1), model,
                        1);
                ParameterStore ps = new ParameterStore(model, false);
                Rng rng = new Rng(1);
                int after1 = -1;
                for (int t = 0; t < 3; t++) {
                    try (NDManager step = model.newSubManager();
                         GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray z = n.noise(step, rng.stream(t, RandomStream.GENERATOR_STEP), 2);
                        NDArray fake = n.generator().forward(ps, new NDList(z), true).head();     // (2, C, S, S)
                        NDArray x = fake.stopGradient();
                        x.setRequiresGradient(true);
                        NDArray score = n.critic().forward(ps, new NDList(x), true).head();       // (2)
                        NDArray g = InputGradient.of(score, x);
                        NDArray penalty = g.mul(g).mean();   // the second derivative is what matters here
                        gc.backward(penalty.add(score.mean()).add(fake.mean()));
                    }
                    int count = model.getManagedArrays().size();
                    if (t == 1) {
                        after1 = count;     // the first step adds the gradients of the parameters once
                    } else if (t == 2) {
                        assertEquals(after1, count, a.name() + ": arrays left in the model's manager by a step");
                    }
                }
            }
        }
    }
}
