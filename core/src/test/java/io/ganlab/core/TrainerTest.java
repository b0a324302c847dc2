package io.ganlab.core;

import io.ganlab.common.RunLayout;
import io.ganlab.common.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop's safety nets: a non-finite loss stops the run and keeps the last good checkpoint. */
class TrainerTest {
    @TempDir
    Path tmp;

    /** Linear generator and critic on 2-D points. */
    static GanModel tiny(NDManager m) {
        Linear g = Linear.builder().setUnits(2).build();
        g.initialize(m, DataType.FLOAT32, new Shape(1, 2));
        Linear d = Linear.builder().setUnits(1).build();
        d.initialize(m, DataType.FLOAT32, new Shape(1, 2));
        return new GanModel() {
            public Block generator() {
                return g;
            }

            public Block critic() {
                return d;
            }

            public NDArray noise(NDManager mm, RandomGenerator rng, int batch) {
                return Rng.normal(mm, rng, new Shape(batch, 2));
            }
        };
    }

    static TrainingData points() {
        return new TrainingData() {
            public NDArray batch(NDManager m, long index, int size) {
                return Rng.normal(m, new Rng(9).stream(index, RandomStream.TRAINING_DRAWS), new Shape(size, 2)).add(3f);
            }

            public NDArray heldout(NDManager m, long index, int size) {
                return Rng.normal(m, new Rng(9).stream(index, RandomStream.HELDOUT_DRAWS), new Shape(size, 2)).add(3f);
            }
        };
    }

    /** WGAN-GP whose critic loss turns to NaN from the given critic call on. */
    static Objective nanFrom(int call) {
        Objective base = Objectives.create(ObjectiveConfig.defaults("wgan-gp"));
        return new Objective() {
            int calls;

            public String name() {
                return "nan";
            }

            public Loss criticLoss(CriticFunction d, NDArray real, NDArray fake, RandomGenerator rng) {
                Loss l = base.criticLoss(d, real, fake, rng);
                return ++calls >= call ? new Loss(l.value().mul(Float.NaN), l.terms()) : l;
            }

            public Loss generatorLoss(CriticFunction d, NDArray real, NDArray fake, RandomGenerator rng) {
                return base.generatorLoss(d, real, fake, rng);
            }
        };
    }

    // With generatorBatchMultiple 2 (the CIFAR ResNet script's GEN_BS_MULTIPLE) the critic steps draw noise for
    // batches of 8 and the generator step for 16
    @Test
    void generatorStepUsesItsBatchMultiple() throws Exception {
        Schedule s = new Schedule(1, 0, 2, 8, 1e-3f, 1e-3f, 0.5f, 0.9f, false, "adam", 3, 100, 100, 1, 2, null, null);
        assertEquals(16, s.generatorBatch());
        RunDirectory run = new RunDirectory(Files.createDirectories(tmp.resolve("multiple")));
        List<Integer> sizes = new java.util.ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            GanModel base = tiny(m);
            GanModel counting = new GanModel() {
                public Block generator() {
                    return base.generator();
                }

                public Block critic() {
                    return base.critic();
                }

                public NDArray noise(NDManager mm, RandomGenerator rng, int batch) {
                    sizes.add(batch);
                    return base.noise(mm, rng, batch);
                }
            };
            Trainer t = new Trainer(counting, points(), Objectives.create(ObjectiveConfig.defaults("wgan-gp")), s, run,
                    Json.PRETTY.createObjectNode(), Evaluation.NONE, TrainingListener.NONE, m);
            t.start();
            t.criticStep(1, 0, 1e-3f, new java.util.HashMap<>());
            t.criticStep(1, 1, 1e-3f, new java.util.HashMap<>());
            t.generatorStep(1, 1e-3f);
        }
        assertEquals(List.of(8, 8, 16), sizes);
    }

    // A NaN critic loss at iteration 5 stops the run with a message naming the last good checkpoint
    // (iteration 4), leaves that checkpoint as the newest, and marks the run failed.
    @Test
    void nanStopsTheRunAndKeepsTheLastGoodCheckpoint() throws Exception {
        Schedule s = new Schedule(20, 0, 1, 8, 1e-3f, 1e-3f, 0.5f, 0.9f, false, "adam", 3, 100, 2, 2);
        RunDirectory run = new RunDirectory(Files.createDirectories(tmp.resolve("run")));
        try (NDManager m = NDManager.newBaseManager()) {
            // critic calls: 1 per iteration plus 2x4 held-out losses at the iteration-0 evaluation
            Trainer t = new Trainer(tiny(m), points(), nanFrom(8 + 5), s, run, Json.PRETTY.createObjectNode(),
                    Evaluation.NONE, TrainingListener.NONE, m);
            t.start();
            TrainingException e = assertThrows(TrainingException.class, t::run);
            assertTrue(e.getMessage().startsWith("iteration 5: critic loss is NaN"), e.getMessage());
            assertTrue(e.getMessage().contains("iter-00000004.ckpt (iteration 4)"), e.getMessage());
        }
        // two kept, the newest from iteration 4
        assertEquals(List.of(run.checkpoints().resolve("iter-00000002.ckpt"), run.checkpoints().resolve("iter-00000004.ckpt")),
                Checkpoint.list(run.checkpoints()));
        JsonNode status = Json.PRETTY.readTree(run.dir().resolve(RunLayout.STATUS).toFile());
        assertEquals("failed", status.get("state").asText());
        assertEquals(4, status.get("iteration").asInt());
        // the metrics end with iteration 4: nothing of the failed iteration was logged
        List<String> lines = Files.readAllLines(run.metrics());
        assertTrue(lines.get(lines.size() - 1).contains("\"iteration\":4"), lines.get(lines.size() - 1));
    }
}
