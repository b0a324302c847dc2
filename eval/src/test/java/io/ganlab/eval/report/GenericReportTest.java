package io.ganlab.eval.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports of runs that are not text runs (toy sets, images), and of the run layouts issue 16 found reported wrong:
 * a live run whose status lags its metrics, two copies of one seed, a report written into a run.
 */
class GenericReportTest {
    private static final double EPS = 1e-12;

    /** Writes a run directory in the format training writes: config, status (unless null), metrics lines. */
    private static Path run(Path root, String name, Map<String, Object> config, Map<String, Object> status,
                            List<Map<String, Object>> lines) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        SyntheticRuns.JSON.writeValue(dir.resolve("config.json").toFile(), config);
        if (status != null) {
            SyntheticRuns.JSON.writeValue(dir.resolve("status.json").toFile(), status);
        }
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> l : lines) {
            b.append(SyntheticRuns.JSON.writeValueAsString(l)).append('\n');
        }
        Files.writeString(dir.resolve("metrics.jsonl"), b);
        return dir;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A config shaped like the tool's: nested objective, model and schedule. */
    private static Map<String, Object> config(String objective, boolean batchNorm, int dim, long seed) {
        return map("preset", "cpu-small", "model", map("dim", dim, "generatorBatchNorm", batchNorm),
                "objective", map("name", objective, "gpLambda", 10.0),
                "schedule", map("iterations", 20, "batch", 16, "seed", seed));
    }

    private static Map<String, Object> finished(long iteration) {
        return map("state", "finished", "iteration", iteration, "target_iterations", iteration);
    }

    /** Train lines 1..iterations with a critic and a generator loss. */
    private static List<Map<String, Object>> trainLines(int iterations, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int it = 1; it <= iterations; it++) {
            out.add(map("kind", "train", "iteration", it, "time", 0.1 * it, "critic_loss", rnd.nextDouble(),
                    "generator_loss", -rnd.nextDouble()));
        }
        return out;
    }

    private static void png(Path file, Color color) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 24; x++) {
                img.setRGB(x, y, (x + y) % 2 == 0 ? color.getRGB() : Color.WHITE.getRGB());
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    private static List<String> chartIds(Report r) {
        return r.charts().stream().map(Report.Chart::id).toList();
    }

    private static Report.Chart chart(Report r, String id) {
        return r.charts().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(
                "no chart " + id + " in " + chartIds(r)));
    }

    // a toy run's eval lines (modes covered, high-quality share) get a chart each against iterations and time, the
    // number of modes is drawn as a dashed line on the modes chart and not charted itself, and the best values are
    // the highest ones; the plots are shown as images copied into the report
    @Test
    void toyRunChartsItsOwnMetrics(@TempDir Path tmp) throws IOException {
        List<Map<String, Object>> lines = new ArrayList<>(trainLines(20, 3));
        int[] covered = {0, 8, 7};
        double[] quality = {0.0, 0.55, 0.8};
        for (int i = 0; i < 3; i++) {
            lines.add(map("kind", "eval", "iteration", 10 * i, "modes_covered", covered[i], "modes", 8,
                    "high_quality", quality[i], "critic_train", -0.04 * i, "critic_valid", -0.05 * i,
                    "time", 1.0 * i));
        }
        Path dir = run(tmp, "toy-s3", map("data", "8gaussians", "model", map("dim", 16), "schedule", map("seed", 3)),
                finished(20), lines);
        for (int it : new int[] {0, 10, 20}) {
            png(dir.resolve(String.format("plots/iter-%08d.png", it)), new Color(10 * it, 0, 0));
        }
        Path out = tmp.resolve("report");
        Report r = ReportWriter.write(new ReportWriter.Options(List.of(dir), out, false, 3));

        assertEquals(List.of("modes-covered-iterations", "modes-covered-time", "high-quality-iterations",
                "high-quality-time", "critic-train-valid", "critic-loss", "generator-loss"), chartIds(r));
        assertEquals(List.of("toy-s3", "all modes"), chart(r, "modes-covered-iterations").series());
        assertEquals(List.of("toy-s3"), chart(r, "high-quality-time").series());
        assertEquals("Modes covered against generator iterations", chart(r, "modes-covered-iterations").title());

        // highest is best; a tie would keep the earlier iteration
        Report.RunSummary s = r.runs().get(0);
        assertEquals(8, s.best().get("modes_covered").value(), EPS);
        assertEquals(10, s.best().get("modes_covered").iteration());
        assertEquals(8, s.best().get("modes_covered").reference(), EPS);
        assertEquals(0.8, s.best().get("high_quality").value(), EPS);
        assertEquals(20, s.best().get("high_quality").iteration());
        assertTrue(s.bestByN().isEmpty());
        assertEquals(List.of(new Measure("modes_covered", null), new Measure("high_quality", null)), r.headline());

        // the legend of a report of one run is its directory name
        assertEquals("toy-s3", r.configs().get(0).label());
        String md = Files.readString(out.resolve(ReportWriter.MARKDOWN));
        assertTrue(md.startsWith("| config | seeds | iterations | best modes covered | best high-quality samples |"
                + " all modes | samples |"), md);
        assertTrue(md.contains("| toy-s3 | 1 | 20 | 8.000 | 0.800 | 8.000 | – |"), md);

        // first, middle and last plot, byte for byte
        Report.Section plots = s.sections().stream().filter(x -> x.kind().equals("plots")).findFirst().orElseThrow();
        assertEquals(List.of(0L, 10L, 20L), plots.shown().stream().map(Report.Shown::iteration).toList());
        String page = Files.readString(out.resolve(ReportWriter.HTML));
        for (Report.Shown x : plots.shown()) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(x.file())), Files.readAllBytes(out.resolve(x.image())));
            assertTrue(page.contains("<img src=\"" + x.image() + "\""), x.image());
        }
        assertEquals(1, s.sections().size(), "no text samples, no sample grids");
        assertFalse(page.contains("id=\"samples\""), "no text samples section");
        assertFalse(page.contains("Best n-gram JSD"));
    }

    // a run with sample grids samples/iter-N.png shows its first, middle and last grid; other names are ignored
    @Test
    void imageGridsOfARun(@TempDir Path tmp) throws IOException {
        List<Map<String, Object>> lines = new ArrayList<>(trainLines(40, 1));
        Path dir = run(tmp, "img", config("wgan-gp", false, 64, 1), finished(40), lines);
        for (int it = 0; it <= 40; it += 10) {
            png(dir.resolve(String.format("samples/iter-%08d.png", it)), new Color(0, 5 * it, 0));
        }
        png(dir.resolve("samples/iter-00000050.jpg"), Color.BLUE);
        png(dir.resolve("samples/last.png"), Color.BLUE);
        Path out = tmp.resolve("report");
        Report r = ReportWriter.write(new ReportWriter.Options(List.of(dir), out, false, 3));
        List<Report.Section> sections = r.runs().get(0).sections();
        assertEquals(List.of("sample-grids"), sections.stream().map(Report.Section::kind).toList());
        // five grids: indices 0, (5 - 1) / 2 = 2 and 4
        assertEquals(List.of(0L, 20L, 40L), sections.get(0).shown().stream().map(Report.Shown::iteration).toList());
        for (Report.Shown x : sections.get(0).shown()) {
            assertEquals(String.format("samples/iter-%08d.png", x.iteration()), x.file());
            assertArrayEquals(Files.readAllBytes(dir.resolve(x.file())), Files.readAllBytes(out.resolve(x.image())));
        }
        try (Stream<Path> s = Files.list(out.resolve("images"))) {
            assertEquals(3, s.count(), "only the shown grids are copied");
        }
        String page = Files.readString(out.resolve(ReportWriter.HTML));
        assertTrue(page.contains("<h2 id=\"sample-grids\">Sample grids</h2>"));
        assertTrue(page.contains("<a href=\"#sample-grids\">sample grids</a>"), "linked from the top");
    }

    // configs that differ in objective and batch norm are named by those values, the switch only when it is on
    @Test
    void legendsNameTheDifferingValues(@TempDir Path tmp) throws IOException {
        Path fogan = run(tmp, "a", config("fogan", true, 64, 1), finished(5), trainLines(5, 1));
        Path wgan = run(tmp, "b", config("wgan-gp", false, 64, 1), finished(5), trainLines(5, 2));
        Report r = ReportBuilder.build(List.of(TrainingRun.load(fogan), TrainingRun.load(wgan)), "t", "now", 3);
        assertEquals(List.of("fogan, batch norm", "wgan-gp"), r.configs().stream().map(c -> c.label()).toList());
        assertEquals(List.of("critic loss", "generator loss"), r.trainMetrics().stream()
                .map(k -> new Measure(k, null).title()).toList());
        for (Report.Chart c : ReportCharts.draw(r).stream().map(ReportCharts.Drawn::info).toList()) {
            assertEquals(List.of("fogan, batch norm", "wgan-gp"), c.series(), c.id());
        }
    }

    // the short forms of the table, the switch said when nothing else differs, key=value for keys not in it
    @Test
    void configLabelTable() {
        List<String> keys = List.of("model.dim", "objective.name");
        assertEquals(List.of("wgan-gp, dim 128", "wgan-gp, dim 64"), ConfigLabels.of(List.of(
                Map.of("model.dim", "128", "objective.name", "wgan-gp"),
                Map.of("model.dim", "64", "objective.name", "wgan-gp")), keys));
        assertEquals(List.of("batch norm", "no batch norm"), ConfigLabels.of(List.of(
                Map.of("model.generatorBatchNorm", "true"), Map.of("model.generatorBatchNorm", "false")),
                List.of("model.generatorBatchNorm")));
        // the kinds of generator batch norm of newer configs; none is the switch's off position
        assertEquals(List.of("authors' batch norm", "channel batch norm", "no batch norm"), ConfigLabels.of(List.of(
                Map.of("model.generatorBatchNorm", "authors"), Map.of("model.generatorBatchNorm", "channel"),
                Map.of("model.generatorBatchNorm", "none")), List.of("model.generatorBatchNorm")));
        assertEquals(List.of("fogan", "wgan-gp"), ConfigLabels.of(List.of(
                Map.of("model.generatorBatchNorm", "none", "objective.name", "fogan"),
                Map.of("model.generatorBatchNorm", "none", "objective.name", "wgan-gp")),
                List.of("model.generatorBatchNorm", "objective.name")));
        assertEquals(List.of("critic lr 3e-4", "critic lr 1e-4"), ConfigLabels.of(List.of(
                Map.of("schedule.lrCritic", "3.0E-4"), Map.of("schedule.lrCritic", "1.0E-4")),
                List.of("schedule.lrCritic")));
        assertEquals(List.of("fooBar=1", "fooBar=2"), ConfigLabels.of(List.of(
                Map.of("model.fooBar", "1"), Map.of("model.fooBar", "2")), List.of("model.fooBar")));
        // configs apart in more than three values (a text and a toy run) are named after their runs
        List<Map<String, String>> apart = List.of(Map.of("a", "1", "b", "1", "c", "1", "d", "1"),
                Map.of("a", "2", "b", "2", "c", "2", "d", "2"));
        assertEquals(List.of("old-run", "toy"), ConfigLabels.forGroups(apart,
                List.of(List.of("old-run"), List.of("toy-s1", "toy-s2")), List.of("a", "b", "c", "d")));
        assertEquals(List.of("a=1, b=1, c=1", "a=2, b=2, c=2"), ConfigLabels.forGroups(apart,
                List.of(List.of("old-run"), List.of("toy-s1", "toy-s2")), List.of("a", "b", "c")));
        // one config: its run's name, or what its seeds' names share, or its objective
        assertEquals("run-a", ConfigLabels.single(List.of("run-a"), Map.of()));
        assertEquals("wgan", ConfigLabels.single(List.of("wgan-s1", "wgan-s2"), Map.of()));
        assertEquals("fogan-lr", ConfigLabels.single(List.of("fogan-lr-seed1", "fogan-lr-seed2"), Map.of()));
        assertEquals("fogan", ConfigLabels.single(List.of("a", "b"), Map.of("objective.name", "fogan")));
    }

    // the status of a live run is written at checkpoints: the report gives the iteration the metrics reached
    @Test
    void liveRunReportsTheIterationItReached(@TempDir Path tmp) throws IOException {
        Path dir = run(tmp, "live", config("wgan-gp", false, 64, 1),
                map("state", "running", "iteration", 0, "target_iterations", 25), trainLines(13, 1));
        Report r = ReportBuilder.build(List.of(TrainingRun.load(dir)), "t", "now", 3);
        assertEquals(13, r.runs().get(0).iterations());
        assertEquals("still running: iteration 13 of 25 when the report was made", r.runs().get(0).statusText());
        // a status ahead of the metrics (a resume that has not logged yet) is not taken back
        dir = run(tmp, "ahead", config("wgan-gp", false, 64, 1),
                map("state", "running", "iteration", 20, "target_iterations", 25), trainLines(13, 1));
        assertEquals(20, ReportBuilder.build(List.of(TrainingRun.load(dir)), "t", "now", 3).runs().get(0)
                .iterations());
    }

    /** Eval lines at 10 and 20 whose 4-gram JSD are the values given. */
    private static List<Map<String, Object>> jsdLines(double at10, double at20) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(map("kind", "eval", "iteration", 10, "samples", 64, "jsd", Map.of("4", at10), "floor",
                Map.of("4", 0.1), "time", 1.0));
        out.add(map("kind", "eval", "iteration", 20, "samples", 64, "jsd", Map.of("4", at20), "floor",
                Map.of("4", 0.1), "time", 2.0));
        return out;
    }

    // two runs of one config and seed are one seed: counted once, their numbers averaged, and the report says so
    @Test
    void copiesOfOneSeedCountOnce(@TempDir Path tmp) throws IOException {
        Path a = run(tmp, "a", config("wgan-gp", false, 64, 1), finished(20), jsdLines(0.5, 0.4));
        Path copy = run(tmp, "a-again", config("wgan-gp", false, 64, 1), finished(20), jsdLines(0.6, 0.3));
        Path b = run(tmp, "b", config("wgan-gp", false, 64, 2), finished(20), jsdLines(0.2, 0.7));
        Report r = ReportBuilder.build(List.of(TrainingRun.load(a), TrainingRun.load(copy), TrainingRun.load(b)),
                "t", "now", 3);
        Report.ConfigSummary c = r.configs().get(0);
        assertEquals(2, c.seedCount());
        assertEquals(List.of(1L, 2L), c.seeds());
        assertEquals(3, c.runs().size());
        assertTrue(r.warnings().contains("a and a-again have the same config and seed 1: they are counted as one seed"
                + " (the mean of the copies)"), r.warnings().toString());
        // seed 1: mean of the copies' bests 0.4 and 0.3; seed 2: 0.2
        Report.Spread best = c.best(new Measure("jsd", 4));
        double seed1 = (0.4 + 0.3) / 2;
        assertEquals((seed1 + 0.2) / 2, best.mean(), EPS);
        assertEquals(Math.abs(seed1 - 0.2) / Math.sqrt(2), best.std(), EPS);
        assertEquals(2, best.seeds());
        // the curve at 10: seed 1 the mean of 0.5 and 0.6, seed 2 0.2
        Report.CurvePoint at10 = c.curves().eval(new Measure("jsd", 4)).get(0);
        assertEquals(2, at10.seeds());
        assertEquals(((0.5 + 0.6) / 2 + 0.2) / 2, at10.mean(), EPS);
        assertEquals(0.2, at10.min(), EPS);
        assertEquals(0.55, at10.max(), EPS);
    }

    // --out naming a run, or a directory inside one, is refused at once, with or without --force
    @Test
    void reportIntoARunIsRefused(@TempDir Path tmp) throws IOException {
        Path a = run(tmp, "a", config("wgan-gp", false, 64, 1), finished(5), trainLines(5, 1));
        Path b = run(tmp, "b", config("wgan-gp", false, 64, 2), finished(5), trainLines(5, 2));
        for (boolean force : new boolean[] {false, true}) {
            ReportException e = assertThrows(ReportException.class,
                    () -> ReportWriter.write(new ReportWriter.Options(List.of(a), b, force, 3)));
            assertEquals(b + ": is a training run directory; write the report somewhere else", e.getMessage());
            Path inside = b.resolve("report");
            e = assertThrows(ReportException.class,
                    () -> ReportWriter.write(new ReportWriter.Options(List.of(a), inside, force, 3)));
            assertEquals(inside + ": is inside the training run directory " + b + "; write the report somewhere else",
                    e.getMessage());
            assertFalse(Files.exists(inside));
        }
        try (Stream<Path> s = Files.list(b)) {
            assertEquals(List.of("config.json", "metrics.jsonl", "status.json"),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "the run is untouched");
        }
    }

    // a metric no table knows is charted under its own name, and a status word no one knows reads unknown
    @Test
    void unknownMetricsAreChartedToo(@TempDir Path tmp) throws IOException {
        List<Map<String, Object>> lines = new ArrayList<>(trainLines(4, 1));
        lines.add(map("kind", "train", "iteration", 5, "tau", 0.3, "critic_loss", 1.0));
        lines.add(map("kind", "eval", "iteration", 5, "sharpness", 2.5, "per_scale", Map.of("1", 0.1, "2", 0.2)));
        Path dir = run(tmp, "x", config("fogan", true, 64, 1), map("state", "paused"), lines);
        Report r = ReportBuilder.build(List.of(TrainingRun.load(dir)), "t", "now", 3);
        List<ReportCharts.Drawn> drawn = ReportCharts.draw(r);
        assertEquals(List.of("per-scale-1-iterations", "per-scale-2-iterations", "sharpness-iterations",
                "critic-loss", "generator-loss", "tau"), drawn.stream().map(d -> d.info().id()).toList());
        assertEquals("Sharpness against generator iterations", drawn.get(2).info().title());
        assertEquals("Tau", drawn.get(5).info().title());
        assertEquals("unknown", r.runs().get(0).state());
        assertTrue(r.warnings().contains("x: status.json names an unknown state 'paused'"), r.warnings().toString());
        assertNull(r.runs().get(0).best().get("sharpness"), "no direction, no best");
    }
}
