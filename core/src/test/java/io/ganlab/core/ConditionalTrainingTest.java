package io.ganlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.JsonNode;
import io.ganlab.common.Json;
import io.ganlab.common.MetricKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AC-GAN in the training core: the class losses are the objective's plus the weighted cross-entropy of the critic's
 * class head (checked against a cross-entropy computed by hand from the critic's logits), and a small conditional
 * GAN learns to put each class where its real points are.
 */
class ConditionalTrainingTest {
    @TempDir
    Path tmp;

    /** (z (B, 2), labels (B)) → Linear([z, one-hot(labels)]) → (B, 2). */
    static final class Generator extends AbstractBlock {
        private final Linear linear = addChildBlock("linear", Linear.builder().setUnits(2).build());

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            NDArray z = in.get(0);
            NDArray y = in.get(1).oneHot(2, z.getDataType());
            return linear.forward(ps, new NDList(z.concat(y, 1)), training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            return new Shape[] {new Shape(inputs[0].get(0), 2)};
        }

        @Override
        protected void initializeChildBlocks(NDManager m, DataType t, Shape... inputs) {
            linear.initialize(m, t, new Shape(inputs[0].get(0), 4));
        }
    }

    /** (B, 2) → ReLU(Linear 16) → scores (B) and class logits (B, 2). */
    static final class Critic extends AbstractBlock {
        private final Linear hidden = addChildBlock("hidden", Linear.builder().setUnits(16).build());
        private final Linear score = addChildBlock("score", Linear.builder().setUnits(1).build());
        private final Linear classes = addChildBlock("classes", Linear.builder().setUnits(2).build());

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            NDArray h = Activation.relu(hidden.forward(ps, in, training).head());
            NDArray s = score.forward(ps, new NDList(h), training).head();
            return new NDList(s.reshape(s.getShape().get(0)), classes.forward(ps, new NDList(h), training).head());
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            long b = inputs[0].get(0);
            return new Shape[] {new Shape(b), new Shape(b, 2)};
        }

        @Override
        protected void initializeChildBlocks(NDManager m, DataType t, Shape... inputs) {
            hidden.initialize(m, t, inputs[0]);
            score.initialize(m, t, new Shape(inputs[0].get(0), 16));
            classes.initialize(m, t, new Shape(inputs[0].get(0), 16));
        }
    }

    /** Class y of example i of batch {@code index}: alternating; points N((6y − 3, 0), 0.5²). */
    static TrainingData twoClasses() {
        return new TrainingData() {
            public NDArray batch(NDManager m, long index, int size) {
                return points(m, new Rng(9).stream(index, RandomStream.TRAINING_DRAWS), index, size);
            }

            public NDArray heldout(NDManager m, long index, int size) {
                return points(m, new Rng(9).stream(index, RandomStream.HELDOUT_DRAWS), index, size);
            }

            public NDArray labels(NDManager m, long index, int size) {
                int[] y = new int[size];
                for (int i = 0; i < size; i++) {
                    y[i] = label(index, i);
                }
                return m.create(y, new Shape(size));
            }

            private NDArray points(NDManager m, java.util.random.RandomGenerator g, long index, int size) {
                float[] x = new float[size * 2];
                for (int i = 0; i < size; i++) {
                    x[2 * i] = (float) (6 * label(index, i) - 3 + 0.5 * g.nextGaussian());
                    x[2 * i + 1] = (float) (0.5 * g.nextGaussian());
                }
                return m.create(x, new Shape(size, 2));
            }

            private int label(long index, int i) {
                return (int) ((index + i) % 2);
            }
        };
    }

    static GanNetworks networks(NDManager m, AuxiliaryClassifier classifier) {
        return new GanNetworks(new Generator(), new Critic(), 2, new Shape(1, 2), m, 5, classifier);
    }

    private Trainer trainer(NDManager m, GanNetworks gan, Schedule s, String name) throws Exception {
        RunDirectory run = new RunDirectory(Files.createDirectories(tmp.resolve(name)));
        Trainer t = new Trainer(gan, twoClasses(), Objectives.create(ObjectiveConfig.defaults("wgan-gp")), s, run,
                Json.PRETTY.createObjectNode(), Evaluation.NONE, TrainingListener.NONE, m);
        t.start();
        return t;
    }

    private static Schedule schedule(long iterations) {
        return new Schedule(iterations, 0, 2, 32, 5e-3f, 5e-3f, 0.5f, 0.9f, false, "adam", 3, 1000, 1000, 1);
    }

    /** Mean cross-entropy of logits (B, 2) against labels, in doubles, written out. */
    private static double crossEntropy(float[] logits, int[] labels) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double a = logits[2 * i];
            double b = logits[2 * i + 1];
            double max = Math.max(a, b);
            double logZ = max + Math.log(Math.exp(a - max) + Math.exp(b - max));
            sum += logZ - logits[2 * i + labels[i]];
        }
        return sum / labels.length;
    }

    // The same first critic step with class-loss weight 2 and 0 differs by exactly 2 × the cross-entropy of the
    // untrained critic's class head on the first real batch and its labels.
    @Test
    void criticLossAddsTheWeightedCrossEntropyOfRealImages() throws Exception {
        Schedule s = schedule(1);
        double[] loss = new double[2];
        double ce;
        Map<String, Double> terms = new LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager()) {
            GanNetworks weighted = networks(m, new AuxiliaryClassifier(2, 2.0, 0.1));
            try (NDManager mm = m.newSubManager()) {
                TrainingData data = twoClasses();
                NDArray logits = weighted.critic().forward(new ParameterStore(mm, false),
                        new NDList(data.batch(mm, 0, 32)), false).get(1);
                ce = crossEntropy(logits.toFloatArray(), data.labels(mm, 0, 32).toIntArray());
            }
            loss[0] = trainer(m, weighted, s, "a").criticStep(1, 0, 5e-3f, terms);
            GanNetworks unweighted = networks(m, new AuxiliaryClassifier(2, 0.0, 0.1));
            loss[1] = trainer(m, unweighted, s, "b").criticStep(1, 0, 5e-3f, new LinkedHashMap<>());
        }
        assertEquals(2 * ce, loss[0] - loss[1], 1e-4);
        assertEquals(ce, terms.get(MetricKeys.CLASS_LOSS), 1e-5);
        assertTrue(terms.containsKey(MetricKeys.CLASS_ACCURACY_REAL) && terms.containsKey(MetricKeys.CLASS_ACCURACY_FAKE));
    }

    // The generator starts with the classes swapped (class 0 at x = +3, class 1 at −3): the mixture already
    // matches the data, so the Wasserstein loss alone would keep it. Trained for a while, the critic's class head
    // knows the real classes and the generator's class loss moves each class to its own side: samples drawn for
    // class 0 lie left of 0, for class 1 right of it (with the generator's class weight 1 rather than the
    // reference's 0.1, so that 1,200 iterations suffice; with weight 0 the classes stay swapped).
    @Test
    void theGeneratorLearnsToFollowItsLabels() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            GanNetworks gan = networks(m, new AuxiliaryClassifier(2, 1.0, 1.0));
            // weight (2 out, [z1, z2, class 0, class 1] in), bias 0
            gan.generator().getParameters().valueAt(0).getArray().set(new float[] {
                    0.5f, 0f, 3f, -3f,
                    0f, 0.5f, 0f, 0f});
            gan.generator().getParameters().valueAt(1).getArray().set(new float[] {0f, 0f});
            Trainer t = trainer(m, gan, schedule(1200), "run");
            assertEquals(Trainer.Outcome.FINISHED, t.run());
            List<String> lines = Files.readAllLines(t.runDirectory().metrics());
            JsonNode last = Json.PRETTY.readTree(lines.stream().filter(l -> l.contains("\"train\"")).reduce((a, b) -> b)
                    .orElseThrow());
            assertTrue(last.get(MetricKeys.CLASS_ACCURACY_REAL).asDouble() > 0.9, last.toString());
            assertTrue(last.has(MetricKeys.GENERATOR_CLASS_LOSS), last.toString());
            try (NDManager mm = m.newSubManager()) {
                ParameterStore ps = new ParameterStore(mm, false);
                NDArray z = mm.randomNormal(new Shape(200, 2));
                for (int label = 0; label < 2; label++) {
                    NDArray y = mm.full(new Shape(200), label, DataType.INT32);
                    float meanX = gan.generator().forward(ps, new NDList(z, y), false).head().get(":, 0").mean()
                            .getFloat();
                    assertTrue(label == 0 ? meanX < -1 : meanX > 1, "class " + label + ": mean x " + meanX);
                }
            }
        }
    }

    @Test
    void crossEntropyAndAccuracyByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] l = {2f, -1f, 0.5f, 0.5f, -3f, 4f};
            int[] y = {0, 1, 0};
            NDArray logits = m.create(l, new Shape(3, 2));
            NDArray labels = m.create(y, new Shape(3));
            assertEquals(crossEntropy(l, y), AuxiliaryClassifier.crossEntropy(logits, labels).getFloat(), 1e-6);
            // argmax: 0 (right), 0 (tie → first index, wrong), 1 (wrong)
            assertEquals(1 / 3.0, AuxiliaryClassifier.accuracy(logits, labels).getFloat(), 1e-6);
        }
    }
}
