package io.ganlab.textgan;

import io.ganlab.common.RunLayout;
import io.ganlab.common.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.common.ConfigTree;
import io.ganlab.core.Evaluation;
import io.ganlab.core.RunDirectory;
import io.ganlab.core.RunLock;
import io.ganlab.core.Trainer;
import io.ganlab.core.TrainingException;
import io.ganlab.core.TrainingListener;
import io.ganlab.corpus.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextTrainingTest {
    @TempDir
    static Path tmp;
    static Dataset data;

    @BeforeAll
    static void corpus() throws IOException {
        data = TinyCorpus.make(tmp, 2000, 256);
    }

    static ObjectNode tiny(String objective, long iterations) {
        ObjectNode t = TextGanConfig.preset("cpu-small");
        ObjectNode over = Json.PRETTY.createObjectNode();
        over.putObject("model").put("dim", 16).put("latent", 16).put("blocks", 1);
        over.putObject("objective").put("name", objective);
        over.putObject("schedule").put("iterations", iterations).put("minutes", 0).put("batch", 16)
                .put("evalEvery", 5).put("checkpointEvery", 5).put("criticIters", 2);
        over.putObject("eval").put("samples", 32);
        ConfigTree.merge(t, over);
        return t;
    }

    static List<JsonNode> metrics(Path run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(run.resolve(RunLayout.METRICS))) {
            out.add(Json.PRETTY.readTree(l));
        }
        return out;
    }

    // Unless the config says otherwise, the generator has batch norm exactly when the objective's paper had it.
    @Test
    void generatorBatchNormFollowsTheObjectiveUnlessSet() {
        assertEquals(true, TextTraining.configFor(tiny("fogan", 1), data).model().generatorBatchNorm());
        assertEquals(false, TextTraining.configFor(tiny("wgan-gp", 1), data).model().generatorBatchNorm());
        ObjectNode off = tiny("fogan", 1);
        ((ObjectNode) off.get("model")).put("generatorBatchNorm", false);
        TextGanConfig cfg = TextTraining.configFor(off, data);
        assertEquals(false, cfg.model().generatorBatchNorm());
        // the saved config holds the resolved value, so a resumed run cannot change its network
        assertEquals(false, cfg.toTree().get("model").get("generatorBatchNorm").asBoolean(true));
        assertEquals(true, TextTraining.configFor(tiny("fogan", 1), data).toTree().get("model")
                .get("generatorBatchNorm").asBoolean(false));
    }

    // Resumed after N iterations, a run logs the same losses as one that ran 2N iterations straight.
    @Test
    void resumeGivesTheSameMetrics() throws IOException {
        for (String objective : List.of("wgan-gp", "fogan")) {
            Path straight = tmp.resolve("straight-" + objective);
            Path stopped = tmp.resolve("stopped-" + objective);
            TextGanConfig full = TextTraining.configFor(tiny(objective, 10), data);
            TextGanConfig half = TextTraining.configFor(tiny(objective, 5), data);
            assertEquals(Trainer.Outcome.FINISHED, TextTraining.train(full, data, new RunDirectory(straight), false, false,
                    Evaluation.NONE, TrainingListener.NONE));
            TextTraining.train(half, data, new RunDirectory(stopped), false, false, Evaluation.NONE, TrainingListener.NONE);
            ObjectNode more = Json.PRETTY.createObjectNode();
            more.putObject("schedule").put("iterations", 10);
            TextGanConfig resumed = TextTraining.resumedConfig(new RunDirectory(stopped), more);
            TextTraining.train(resumed, data, new RunDirectory(stopped), true, false, Evaluation.NONE, TrainingListener.NONE);

            List<JsonNode> a = metrics(straight);
            List<JsonNode> b = metrics(stopped);
            assertEquals(a.size(), b.size(), objective + ": metric lines");
            for (int i = 0; i < a.size(); i++) {
                ObjectNode x = ((ObjectNode) a.get(i)).deepCopy();
                ObjectNode y = ((ObjectNode) b.get(i)).deepCopy();
                x.remove("time");
                y.remove("time");
                for (String k : List.of("critic_loss", "generator_loss", "wasserstein", "critic_train", "critic_valid")) {
                    if (x.has(k)) {
                        assertEquals(x.get(k).asDouble(), y.get(k).asDouble(), 1e-5 * (1 + Math.abs(x.get(k).asDouble())),
                                objective + " line " + i + " " + k);
                    }
                }
                assertEquals(x.get("iteration"), y.get("iteration"));
            }
        }
    }

    // A damaged newest checkpoint: resume falls back to the previous one, says which it skipped, and the continued
    // run logs what an uninterrupted run logs (no iteration twice); with every checkpoint damaged it is an error
    // naming them all.
    @Test
    void resumeFallsBackToTheLastCheckpointThatVerifies() throws IOException {
        Path straight = tmp.resolve("fallback-straight");
        Path damaged = tmp.resolve("fallback-damaged");
        TextGanConfig full = TextTraining.configFor(tiny("wgan-gp", 15), data);
        TextGanConfig part = TextTraining.configFor(tiny("wgan-gp", 10), data);
        TextTraining.train(full, data, new RunDirectory(straight), false, false, Evaluation.NONE, TrainingListener.NONE);
        RunDirectory run = new RunDirectory(damaged);
        TextTraining.train(part, data, run, false, false, Evaluation.NONE, TrainingListener.NONE);
        Path newest = run.checkpoints().resolve("iter-00000010.ckpt");
        byte[] b = Files.readAllBytes(newest);
        b[b.length / 3] ^= 0x40;
        Files.write(newest, b);

        List<String> notices = new ArrayList<>();
        ObjectNode more = Json.PRETTY.createObjectNode();
        more.putObject("schedule").put("iterations", 15);
        TextTraining.train(TextTraining.resumedConfig(run, more), data, run, true, false, Evaluation.NONE,
                new TrainingListener() {
                    @Override
                    public void notice(String message) {
                        notices.add(message);
                    }
                });
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("iter-00000010.ckpt: damaged checkpoint (checksum mismatch)")
                && notices.get(0).endsWith("using iter-00000005.ckpt"), notices.get(0));
        List<JsonNode> a = metrics(straight);
        List<JsonNode> c = metrics(damaged);
        assertEquals(a.stream().map(n -> n.get("kind").asText() + n.get("iteration")).toList(),
                c.stream().map(n -> n.get("kind").asText() + n.get("iteration")).toList());
        for (int i = 0; i < a.size(); i++) {
            for (String k : List.of("critic_loss", "generator_loss", "critic_train", "critic_valid")) {
                if (a.get(i).has(k)) {
                    assertEquals(a.get(i).get(k).asDouble(), c.get(i).get(k).asDouble(),
                            1e-5 * (1 + Math.abs(a.get(i).get(k).asDouble())), "line " + i + " " + k);
                }
            }
        }

        // every checkpoint damaged: one error naming each file
        for (Path ckpt : io.ganlab.core.Checkpoint.list(run.checkpoints())) {
            byte[] d = Files.readAllBytes(ckpt);
            d[d.length / 3] ^= 0x40;
            Files.write(ckpt, d);
        }
        ObjectNode again = Json.PRETTY.createObjectNode();
        again.putObject("schedule").put("iterations", 20);
        TrainingException e = assertThrows(TrainingException.class, () -> TextTraining.train(
                TextTraining.resumedConfig(run, again), data, run, true, false, Evaluation.NONE, TrainingListener.NONE));
        assertTrue(e.getMessage().contains("no checkpoint verifies") && e.getMessage().contains("iter-00000010.ckpt")
                && e.getMessage().contains("iter-00000015.ckpt"), e.getMessage());
    }

    // A new run refuses a directory that holds a run, unless forced; resume refuses another dataset.
    @Test
    void refusesToOverwriteAndMismatchedDatasets() throws IOException {
        Path run = tmp.resolve("guarded");
        TextGanConfig cfg = TextTraining.configFor(tiny("wgan-gp", 2), data);
        TextTraining.train(cfg, data, new RunDirectory(run), false, false, Evaluation.NONE, TrainingListener.NONE);
        TrainingException e = assertThrows(TrainingException.class, () -> TextTraining.train(cfg, data,
                new RunDirectory(run), false, false, Evaluation.NONE, TrainingListener.NONE));
        assertTrue(e.getMessage().contains("already holds a run"), e.getMessage());
        assertEquals(Trainer.Outcome.FINISHED, TextTraining.train(cfg, data, new RunDirectory(run), false, true,
                Evaluation.NONE, TrainingListener.NONE));

        // the same words in fewer lines: the vocabulary and line length agree, so only the checksum tells them apart
        Dataset other = TinyCorpus.make(Files.createDirectories(tmp.resolve("other")), 500, 64);
        assertEquals(data.vocabulary().size(), other.vocabulary().size(), "precondition: same vocabulary size");
        assertEquals(data.seqLen(), other.seqLen(), "precondition: same line length");
        e = assertThrows(TrainingException.class, () -> TextTraining.checkDataset(cfg, other));
        assertTrue(e.getMessage().contains(other.dir() + " is a different dataset (checksum "
                + other.checksum().substring(0, 12) + ")"), e.getMessage());
    }

    // A run that another process (here: a lock held by this test) is training is refused, even with force, before
    // anything of it is removed; once the lock is released the run can be replaced.
    @Test
    void liveRunIsLocked() throws IOException {
        Path dir = tmp.resolve("live");
        TextGanConfig cfg = TextTraining.configFor(tiny("wgan-gp", 2), data);
        RunDirectory run = new RunDirectory(dir);
        TextTraining.train(cfg, data, run, false, false, Evaluation.NONE, TrainingListener.NONE);
        byte[] metrics = Files.readAllBytes(run.metrics());
        try (RunLock held = RunLock.acquire(run)) {
            for (boolean resume : new boolean[] {false, true}) {
                TrainingException e = assertThrows(TrainingException.class, () -> TextTraining.train(cfg, data, run,
                        resume, !resume, Evaluation.NONE, TrainingListener.NONE));
                assertTrue(e.getMessage().contains("in use by process " + ProcessHandle.current().pid()),
                        e.getMessage());
            }
            assertTrue(java.util.Arrays.equals(metrics, Files.readAllBytes(run.metrics())), "the live run is untouched");
            assertTrue(Files.exists(run.checkpoints().resolve("iter-00000002.ckpt")));
        }
        assertEquals(Trainer.Outcome.FINISHED, TextTraining.train(cfg, data, run, false, true, Evaluation.NONE,
                TrainingListener.NONE));
    }
}
