package io.ganlab.imagegan.toy;

import io.ganlab.common.RunLayout;
import io.ganlab.common.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.core.RunDirectory;
import io.ganlab.core.Trainer;
import io.ganlab.core.TrainingException;
import io.ganlab.core.TrainingListener;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToyTrainingTest {
    @TempDir
    Path tmp;

    static List<JsonNode> evals(Path run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(run.resolve(RunLayout.METRICS))) {
            JsonNode n = Json.PRETTY.readTree(l);
            if ("eval".equals(n.get("kind").asText())) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * WGAN-GP reaches all 8 modes of 8 Gaussians within 500 generator iterations on CPU.
     *
     * <p>Setting: the reference's toy WGAN-GP (3 ReLU layers, noise of size 2, batch 256, 5 critic steps per
     * generator step, λ = 0.1, Adam β 0.5/0.9) made cheaper for a test: 128 units instead of 512, Adam learning
     * rate 2e-3 for both networks, decayed linearly to 0 over the 500 iterations, seed 1.
     *
     * <p>Criterion, on 1,000 points drawn from the final generator and assigned to the 8 centres
     * 2·(cos kπ/4, sin kπ/4)/1.414 here in plain doubles: a point counts for a mode when it lies within 0.1 of its
     * centre (7 std of a mode, under a tenth of the 1.08 between neighbouring centres, so no point can count for
     * two); every mode must receive at least 2% of the points, and at least 70% of all points must count for
     * some mode. A collapsed generator fails the first part, a blurred one the second.
     */
    @Test
    void wganGpCoversAllEightModes() throws IOException {
        ObjectNode o = Json.PRETTY.createObjectNode();
        o.put("data", "8gaussians");
        o.putObject("model").put("dim", 128);
        o.putObject("objective").put("name", "wgan-gp");
        o.putObject("schedule").put("iterations", 500).put("lrCritic", 2e-3).put("lrGenerator", 2e-3)
                .put("linearDecay", true).put("evalEvery", 500).put("checkpointEvery", 500).put("seed", 1);
        ToyConfig cfg = ToyTraining.newConfig(o);
        assertEquals(0.1, cfg.objective().gpLambda());
        assertEquals(5, cfg.schedule().criticIters());
        assertEquals(256, cfg.schedule().batch());
        Path dir = tmp.resolve("8g");
        RunDirectory run = new RunDirectory(dir);
        assertEquals(Trainer.Outcome.FINISHED, ToyTraining.train(cfg, run, false, false, TrainingListener.NONE));

        float[] xy = ToyTraining.sample(run, 1000, 99);
        double r = 2 / 1.414;
        int[] counts = new int[8];
        int near = 0;
        for (int i = 0; i < 1000; i++) {
            for (int k = 0; k < 8; k++) {
                double dx = xy[2 * i] - r * Math.cos(k * Math.PI / 4);
                double dy = xy[2 * i + 1] - r * Math.sin(k * Math.PI / 4);
                if (Math.sqrt(dx * dx + dy * dy) <= 0.1) {
                    counts[k]++;
                    near++;
                }
            }
        }
        System.out.printf("8 Gaussians after 500 iterations: %d of 1000 points within 0.1 of a mode, per mode %s%n",
                near, java.util.Arrays.toString(counts));
        for (int k = 0; k < 8; k++) {
            assertTrue(counts[k] >= 20, "mode " + k + " got " + counts[k] + " of 1000 points: " + java.util.Arrays.toString(counts));
        }
        assertTrue(near >= 700, near + " of 1000 points within 0.1 of a mode: " + java.util.Arrays.toString(counts));

        // the run's own evaluation agrees and drew its picture
        JsonNode last = evals(dir).get(evals(dir).size() - 1);
        assertEquals(500, last.get("iteration").asInt());
        assertEquals(8, last.get("modes_covered").asInt());
        assertTrue(last.get("high_quality").asDouble() >= 0.6, last.toString());
        BufferedImage img = ImageIO.read(ToyEvaluation.plotAt(run, 500).toFile());
        assertEquals(ValueSurfacePlot.SIZE, img.getWidth());
        assertEquals(ValueSurfacePlot.SIZE, img.getHeight());
    }

    // a tiny run of each set writes an eval line with the mode counts and a picture at 0 and every 2 iterations;
    // a second new run in the same directory is refused without force, and a resume may not change the set
    @Test
    void everySetTrainsAndGuardsItsDirectory() throws IOException {
        for (ToySet set : ToySet.values()) {
            ObjectNode o = Json.PRETTY.createObjectNode();
            o.put("data", set.id());
            o.putObject("model").put("dim", 8).put("layers", 1);
            o.putObject("schedule").put("iterations", 4).put("batch", 16).put("criticIters", 1)
                    .put("evalEvery", 2).put("checkpointEvery", 2);
            o.putObject("eval").put("samples", 50);
            ToyConfig cfg = ToyTraining.newConfig(o);
            Path dir = tmp.resolve(set.id());
            RunDirectory run = new RunDirectory(dir);
            ToyTraining.train(cfg, run, false, false, TrainingListener.NONE);
            List<JsonNode> ev = evals(dir);
            assertEquals(List.of(0, 2, 4), ev.stream().map(n -> n.get("iteration").asInt()).toList(), set.id());
            int modes = set == ToySet.EIGHT_GAUSSIANS ? 8 : set == ToySet.TWENTY_FIVE_GAUSSIANS ? 25 : 10;
            assertEquals(modes, ev.get(1).get("modes").asInt(), set.id());
            assertTrue(Files.isRegularFile(ToyEvaluation.plotAt(run, 0)), set.id());
            assertTrue(Files.isRegularFile(ToyEvaluation.plotAt(run, 2)), set.id());
            assertTrue(Files.isRegularFile(ToyEvaluation.plotAt(run, 4)), set.id());

            RuntimeException e = assertThrows(TrainingException.class,
                    () -> ToyTraining.train(cfg, run, false, false, TrainingListener.NONE));
            assertTrue(e.getMessage().contains("already holds a run"), e.getMessage());
            ObjectNode other = Json.PRETTY.createObjectNode().put("data", set == ToySet.SWISS_ROLL ? "8gaussians" : "swissroll");
            e = assertThrows(io.ganlab.common.ConfigException.class, () -> ToyTraining.resumedConfig(run, other));
            assertTrue(e.getMessage().contains("keeps its config"), e.getMessage());
        }
    }

    // stopped after 3 iterations and resumed to 6, a run logs the same losses and mode counts as one run straight
    @Test
    void resumeContinuesAsIfNeverStopped() throws IOException {
        ObjectNode o = Json.PRETTY.createObjectNode();
        o.put("data", "8gaussians");
        o.putObject("model").put("dim", 16).put("layers", 2);
        o.putObject("schedule").put("iterations", 6).put("batch", 32).put("criticIters", 2)
                .put("evalEvery", 3).put("checkpointEvery", 3);
        o.putObject("eval").put("samples", 100).put("plots", false);
        Path straight = tmp.resolve("straight");
        ToyTraining.train(ToyTraining.newConfig(o), new RunDirectory(straight), false, false, TrainingListener.NONE);
        ((ObjectNode) o.get("schedule")).put("iterations", 3);
        Path stopped = tmp.resolve("stopped");
        ToyTraining.train(ToyTraining.newConfig(o), new RunDirectory(stopped), false, false, TrainingListener.NONE);
        ObjectNode more = Json.PRETTY.createObjectNode();
        more.putObject("schedule").put("iterations", 6);
        ToyConfig resumed = ToyTraining.resumedConfig(new RunDirectory(stopped), more);
        ToyTraining.train(resumed, new RunDirectory(stopped), true, false, TrainingListener.NONE);

        List<String> a = Files.readAllLines(straight.resolve(RunLayout.METRICS));
        List<String> b = Files.readAllLines(stopped.resolve(RunLayout.METRICS));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            ObjectNode x = (ObjectNode) Json.PRETTY.readTree(a.get(i));
            ObjectNode y = (ObjectNode) Json.PRETTY.readTree(b.get(i));
            x.remove("time");
            y.remove("time");
            for (String k : List.of("critic_loss", "generator_loss", "high_quality", "critic_train")) {
                if (x.has(k)) {
                    assertEquals(x.get(k).asDouble(), y.get(k).asDouble(), 1e-5 * (1 + Math.abs(x.get(k).asDouble())),
                            "line " + i + " " + k);
                }
            }
            assertEquals(x.get("iteration"), y.get("iteration"));
            assertEquals(x.get("modes_covered"), y.get("modes_covered"));
        }
    }
}
