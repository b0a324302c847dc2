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

    // Unless the config says otherwise, the generator has the batch norm of the objective's paper: the FOGAN authors'
    // for FOGAN, none for WGAN-GP; the saved config holds the resolved kind.
    @Test
    void generatorBatchNormFollowsTheObjectiveUnlessSet() {
        assertEquals(GeneratorNorm.AUTHORS, TextTraining.configFor(tiny("fogan", 1), data).model().generatorBatchNorm());
        assertEquals(GeneratorNorm.NONE, TextTraining.configFor(tiny("wgan-gp", 1), data).model().generatorBatchNorm());
        for (String kind : List.of("none", "channel", "AUTHORS")) {
            ObjectNode t = tiny(kind.equals("none") ? "fogan" : "wgan-gp", 1);
            ((ObjectNode) t.get("model")).put("generatorBatchNorm", kind);
            TextGanConfig cfg = TextTraining.configFor(t, data);
            assertEquals(kind.toLowerCase(java.util.Locale.ROOT), cfg.model().generatorBatchNorm().label());
            // the saved config holds the resolved value, so a resumed run cannot change its network
            assertEquals(kind.toLowerCase(java.util.Locale.ROOT),
                    cfg.toTree().get("model").get("generatorBatchNorm").asText());
        }
        assertEquals("authors", TextTraining.configFor(tiny("fogan", 1), data).toTree().get("model")
                .get("generatorBatchNorm").asText());
    }

    // Configs saved before there was a choice of batch norm hold true (today's channel) or false (none) and still
    // bind; a value that is neither a kind nor a boolean is one line naming the choices.
    @Test
    void oldBooleanConfigsStillBind() {
        for (boolean old : new boolean[] {true, false}) {
            ObjectNode t = tiny("fogan", 1);
            ((ObjectNode) t.get("model")).put("generatorBatchNorm", old);
            assertEquals(old ? GeneratorNorm.CHANNEL : GeneratorNorm.NONE,
                    TextTraining.configFor(t, data).model().generatorBatchNorm());
        }
        ObjectNode bad = tiny("fogan", 1);
        ((ObjectNode) bad.get("model")).put("generatorBatchNorm", "layer");
        Exception e = assertThrows(RuntimeException.class, () -> TextTraining.configFor(bad, data));
        assertTrue(e.getMessage().contains("authors, channel, none") && e.getMessage().contains("layer"),
                e.getMessage());
    }

    // The paper-fogan preset and its WGAN-GP baseline evaluate as the authors' run_fogan.sh does (6,400 samples,
    // i.e. 100 batches of 64, every 2,000 iterations, n = 1..6) and differ only in the objective.
    @Test
    void foganPresetsUseTheAuthorsProtocol() {
        TextGanConfig fogan = TextTraining.configFor(TextGanConfig.preset("paper-fogan"), data);
        TextGanConfig wgan = TextTraining.configFor(TextGanConfig.preset("paper-fogan-wgan-gp"), data);
        for (TextGanConfig c : List.of(fogan, wgan)) {
            assertEquals(6400, c.eval().samples());
            assertEquals(2000, c.schedule().evalEvery());
            assertEquals(List.of(1, 2, 3, 4, 5, 6), c.eval().n());
            assertEquals(1, c.schedule().criticIters());
            assertEquals(3e-4f, c.schedule().lrCritic());
            assertEquals(1e-4f, c.schedule().lrGenerator());
            assertEquals(64, c.schedule().batch());
            assertEquals(512, c.model().dim());
            assertEquals(500000, c.schedule().iterations());
            assertEquals(GeneratorNorm.AUTHORS, c.model().generatorBatchNorm());
        }
        assertEquals("fogan", fogan.objective().name());
        assertEquals(0.1, fogan.objective().foganLipschitzWeight());
        assertEquals(1.0, fogan.objective().foganGradientWeight());
        assertEquals("wgan-gp", wgan.objective().name());
        assertEquals(10.0, wgan.objective().gpLambda());
        ObjectNode a = fogan.toTree().deepCopy();
        ObjectNode b = wgan.toTree().deepCopy();
        a.remove(List.of("preset", "objective"));
        b.remove(List.of("preset", "objective"));
        assertEquals(a, b, "the two presets differ only in the objective");
    }

    // With the authors' batch norm a sample depends on its batch (the first two layers use the batch's statistics),
    // so every sampler draws whole batches and keeps the rows asked for: the evaluation's 17 samples (batch 16) are
    // the first 17 of its 32, and the sample command's 1 and 257 samples (batches of 256) are rows of its 300.
    // The evaluation leaves only the samples in the caller's manager.
    @Test
    void authorsSamplesAreDrawnInWholeBatches() throws IOException {
        TextGanConfig cfg = TextTraining.configFor(tiny("fogan", 5), data);
        assertEquals(GeneratorNorm.AUTHORS, cfg.model().generatorBatchNorm());
        RunDirectory run = new RunDirectory(tmp.resolve("authors-samples"));
        List<float[][]> evaluated = new ArrayList<>();
        Evaluation capture = (iteration, sampler, dir) -> {
            try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
                if (iteration == 5) {
                    evaluated.add(rows(sampler.sample(m, 17)));
                    evaluated.add(rows(sampler.sample(m, 32)));
                    // and only the samples stay in the caller's manager, not each batch's activations
                    assertEquals(2, ((ai.djl.ndarray.BaseNDManager) m).getManagedArrays().size());
                }
            }
            return java.util.Map.of();
        };
        TextTraining.train(cfg, data, run, false, false, capture, TrainingListener.NONE);
        assertEquals(2, evaluated.size());
        for (int i = 0; i < 17; i++) {
            assertTrue(java.util.Arrays.equals(evaluated.get(1)[i], evaluated.get(0)[i]), "evaluation sample " + i);
        }
        float[][] many = drawn(run, cfg, 300);
        float[][] one = drawn(run, cfg, 1);
        float[][] more = drawn(run, cfg, 257);
        assertTrue(java.util.Arrays.equals(many[0], one[0]), "one sample is the first of a whole batch");
        assertTrue(java.util.Arrays.equals(many[256], more[256]), "the 257th is drawn in a whole second batch");
    }

    private static float[][] rows(ai.djl.ndarray.NDArray x) {                    // (N, T, V) → N rows of T·V
        int n = (int) x.getShape().get(0);
        float[] flat = x.toFloatArray();
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * flat.length / n, (i + 1) * flat.length / n);
        }
        return out;
    }

    private static float[][] drawn(RunDirectory run, TextGanConfig cfg, int count) throws IOException {
        List<float[]> out = new ArrayList<>();
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            io.ganlab.core.GeneratorSamples.draw(run, TextGan.create(cfg.architecture(), m, 1), m, 7, count, 0,
                    w -> { }, x -> out.addAll(List.of(rows(x))));
        }
        return out.toArray(float[][]::new);
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
