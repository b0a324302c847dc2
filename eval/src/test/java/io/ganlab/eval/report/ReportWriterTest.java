package io.ganlab.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ganlab.eval.report.SyntheticRuns.Spec;
import io.ganlab.eval.report.SyntheticRuns.Written;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of synthetic runs, checked against numbers computed here from what the runs logged. */
class ReportWriterTest {
    private static final double EPS = 1e-12;

    @TempDir
    static Path shared;
    static List<Written> runs;
    static Path out;
    static JsonNode json;
    static String html;

    @BeforeAll
    static void writeReport() throws IOException {
        runs = SyntheticRuns.fourRuns(shared.resolve("runs"));
        out = shared.resolve("report");
        ReportWriter.write(new ReportWriter.Options(runs.stream().map(Written::dir).toList(), out, false, 5));
        json = SyntheticRuns.JSON.readTree(out.resolve(ReportWriter.JSON).toFile());
        html = Files.readString(out.resolve(ReportWriter.HTML));
    }

    private static double num(Map<String, Object> line, String key) {
        return ((Number) line.get(key)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static double jsd(Map<String, Object> eval, int n) {
        return ((Map<String, Number>) eval.get("jsd")).get(Integer.toString(n)).doubleValue();
    }

    private static JsonNode runJson(String name) {
        for (JsonNode r : json.get("runs")) {
            if (r.get("name").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no run " + name + " in report.json");
    }

    private static JsonNode configJson(String runName) {
        for (JsonNode c : json.get("configs")) {
            for (JsonNode r : c.get("runs")) {
                if (r.asText().equals(runName)) {
                    return c;
                }
            }
        }
        throw new AssertionError("no config holding " + runName);
    }

    // each run's best JSD per n is the minimum over its eval lines, with the iteration it was first reached at
    @Test
    void bestJsdPerRun() {
        for (Written w : runs) {
            JsonNode best = runJson(w.spec().name()).get("best_by_n").get("jsd");
            for (int n : SyntheticRuns.NGRAMS) {
                double min = Double.POSITIVE_INFINITY;
                long at = -1;
                for (Map<String, Object> e : w.evals()) {
                    if (jsd(e, n) < min) {
                        min = jsd(e, n);
                        at = ((Number) e.get("iteration")).longValue();
                    }
                }
                JsonNode b = best.get(Integer.toString(n));
                assertEquals(min, b.get("value").asDouble(), EPS, w.spec().name() + " n=" + n);
                assertEquals(at, b.get("iteration").asLong(), w.spec().name() + " n=" + n);
                assertEquals(64, b.get("samples").asInt());
                assertEquals(SyntheticRuns.floor(n, 64), b.get("reference").asDouble(), EPS);
            }
        }
    }

    // a config's best is the mean, min, max and sample std of its seeds' bests
    @Test
    void bestJsdAcrossSeeds() {
        for (String objective : List.of("wgan-gp", "fogan")) {
            List<Written> seeds = runs.stream().filter(w -> w.spec().objective().equals(objective)).toList();
            JsonNode config = configJson(seeds.get(0).spec().name());
            assertEquals(2, config.get("runs").size(), objective);
            for (int n : SyntheticRuns.NGRAMS) {
                double[] bests = new double[seeds.size()];
                for (int i = 0; i < seeds.size(); i++) {
                    bests[i] = Double.POSITIVE_INFINITY;
                    for (Map<String, Object> e : seeds.get(i).evals()) {
                        bests[i] = Math.min(bests[i], jsd(e, n));
                    }
                }
                double mean = (bests[0] + bests[1]) / 2;
                // sample std of two values is |a - b| / sqrt(2)
                double std = Math.abs(bests[0] - bests[1]) / Math.sqrt(2);
                JsonNode s = config.get("best_by_n").get("jsd").get(Integer.toString(n));
                assertEquals(mean, s.get("mean").asDouble(), EPS, objective + " n=" + n);
                assertEquals(Math.min(bests[0], bests[1]), s.get("min").asDouble(), EPS);
                assertEquals(Math.max(bests[0], bests[1]), s.get("max").asDouble(), EPS);
                assertEquals(std, s.get("std").asDouble(), 1e-12);
                assertEquals(2, s.get("seeds").asInt());
            }
        }
    }

    // the JSD curve of a config has, at each evaluated iteration, the mean and range over the seeds that got there
    @Test
    void jsdCurvesAcrossSeeds() {
        for (String objective : List.of("wgan-gp", "fogan")) {
            List<Written> seeds = runs.stream().filter(w -> w.spec().objective().equals(objective)).toList();
            JsonNode curves = configJson(seeds.get(0).spec().name()).get("curves");
            for (int n : SyntheticRuns.NGRAMS) {
                TreeMap<Long, List<double[]>> byIt = new TreeMap<>();
                for (Written w : seeds) {
                    for (Map<String, Object> e : w.evals()) {
                        byIt.computeIfAbsent(((Number) e.get("iteration")).longValue(), k -> new ArrayList<>())
                                .add(new double[] {jsd(e, n), num(e, "time")});
                    }
                }
                JsonNode curve = curves.get("eval_by_n").get("jsd").get(Integer.toString(n));
                assertEquals(byIt.size(), curve.size(), objective + " n=" + n);
                int i = 0;
                for (Map.Entry<Long, List<double[]>> e : byIt.entrySet()) {
                    JsonNode p = curve.get(i++);
                    List<double[]> v = e.getValue();
                    assertEquals(e.getKey(), p.get("iteration").asLong());
                    assertEquals(v.size(), p.get("seeds").asInt());
                    assertEquals(v.stream().mapToDouble(a -> a[0]).average().orElseThrow(), p.get("mean").asDouble(),
                            EPS);
                    assertEquals(v.stream().mapToDouble(a -> a[0]).min().orElseThrow(), p.get("min").asDouble(), EPS);
                    assertEquals(v.stream().mapToDouble(a -> a[0]).max().orElseThrow(), p.get("max").asDouble(), EPS);
                    assertEquals(v.stream().mapToDouble(a -> a[1]).average().orElseThrow(), p.get("time").asDouble(),
                            1e-9);
                }
            }
            // the fogan running seed stopped at 20: later points come from one seed only
            if (objective.equals("fogan")) {
                JsonNode c = curves.get("eval_by_n").get("jsd").get("4");
                assertEquals(1, c.get(c.size() - 1).get("seeds").asInt());
                assertTrue(c.get(c.size() - 1).get("std").isNull());
            }
        }
    }

    // short runs are not binned: the critic loss curve is the per-iteration mean across seeds
    @Test
    void lossCurvesAcrossSeeds() {
        List<Written> seeds = runs.stream().filter(w -> w.spec().objective().equals("wgan-gp")).toList();
        JsonNode curve = configJson("wgan-s1").get("curves").get("train").get("critic_loss");
        TreeMap<Long, List<Double>> byIt = new TreeMap<>();
        for (Written w : seeds) {
            for (Map<String, Object> t : w.train()) {
                byIt.computeIfAbsent(((Number) t.get("iteration")).longValue(), k -> new ArrayList<>())
                        .add(num(t, "critic_loss"));
            }
        }
        assertEquals(40, curve.size());
        int i = 0;
        for (Map.Entry<Long, List<Double>> e : byIt.entrySet()) {
            JsonNode p = curve.get(i++);
            assertEquals(e.getKey(), p.get("iteration").asLong());
            assertEquals(e.getValue().stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                    p.get("mean").asDouble(), EPS);
            assertEquals(e.getValue().size(), p.get("seeds").asInt());
        }
    }

    // a run still being written: its half last line is ignored, and the report says it is running
    @Test
    void runningRunIsReportedAsSuch() {
        JsonNode r = runJson("fogan-s2");
        assertEquals("running", r.get("state").asText());
        assertEquals(2, r.get("eval_lines").asInt());
        assertEquals(20, r.get("iterations").asLong());
        assertTrue(r.get("status_text").asText().startsWith("still running"), r.get("status_text").asText());
        assertTrue(r.get("notes").toString().contains("incomplete last line"), r.get("notes").toString());
        // expected of a running run: a note on the run, not a warning for the whole report
        assertEquals(0, json.get("warnings").size(), json.get("warnings").toString());
        assertEquals("stopped", runJson("wgan-s2").get("state").asText());
        assertTrue(runJson("wgan-s2").get("status_text").asText().contains("stopped early at iteration 30 of 100"));
        assertTrue(html.contains("still running"));
        assertTrue(html.contains("2 of 4 runs are not finished"), "banner for unfinished runs");
    }

    // seeds group into configs labelled by what differs between the configs, not by seed or output path
    @Test
    void configsGroupSeedsAndLabelDifferences() {
        assertEquals(2, json.get("configs").size());
        assertEquals("wgan-gp, critic lr 1e-4", configJson("wgan-s1").get("label").asText());
        assertEquals("fogan, critic lr 3e-4", configJson("fogan-s1").get("label").asText());
        assertEquals(List.of("objective", "lr_critic", "seed", "out"),
                SyntheticRuns.JSON.convertValue(json.get("config_keys"), List.class));
        // differing rows highlighted, equal rows not
        assertTrue(html.contains("<tr class=\"diff\"><th>objective</th>"), "objective row highlighted");
        assertTrue(html.contains("<tr><th>model.dim</th>"), "model.dim row not highlighted");
        assertTrue(html.contains("<tr class=\"diff\"><th>threads</th>"), "environment differences highlighted");
    }

    // the page loads nothing from anywhere: no URL at all, no script, no external style or image
    @Test
    void htmlIsSelfContained() {
        assertFalse(html.contains("http://"), "http:// in report.html");
        assertFalse(html.contains("https://"), "https:// in report.html");
        assertFalse(html.contains("<script"), "script in report.html");
        assertFalse(html.contains("<link"), "link element in report.html");
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            String ref = m.group(1);
            assertTrue(ref.startsWith("#") || ref.matches("[a-z0-9-]+\\.png"), "reference " + ref);
            if (ref.startsWith("#")) {
                assertTrue(html.contains(" id=\"" + ref.substring(1) + "\""), "link to a missing id: " + ref);
            } else {
                assertTrue(Files.exists(out.resolve(ref)), "link to a missing file: " + ref);
            }
        }
        assertTrue(html.contains("&lt;&amp;&gt;"), "sample text is escaped");
    }

    // one inline SVG per chart: every metric the runs logged. Eval lines: JSD n = 1..6 and copied, each against
    // iterations and time, critic train/valid on one chart; train lines: each of the five keys against iterations
    @Test
    void oneSvgPerChart() {
        List<String> ids = new ArrayList<>();
        for (int n : SyntheticRuns.NGRAMS) {
            ids.addAll(List.of("jsd-" + n + "-iterations", "jsd-" + n + "-time"));
        }
        ids.addAll(List.of("copied-iterations", "copied-time", "critic-train-valid", "critic-loss", "generator-loss",
                "wasserstein", "penalty", "grad-norm"));
        List<String> got = new ArrayList<>();
        json.get("charts").forEach(c -> got.add(c.get("id").asText()));
        assertEquals(ids, got);
        int expected = ids.size();
        assertEquals(expected, json.get("charts").size());
        assertEquals(expected, count(html, "<svg"));
        assertEquals(expected, count(html, "</svg>"));
        // chart ids are unique on the page: clip paths of one chart do not apply to another
        Matcher m = Pattern.compile(" id=\"([^\"]+)\"").matcher(html);
        Set<String> pageIds = new HashSet<>();
        while (m.find()) {
            assertTrue(pageIds.add(m.group(1)), "duplicate id " + m.group(1));
        }
        // the dashed real-data floor is drawn on the JSD charts, one line per config on every chart
        for (JsonNode c : json.get("charts")) {
            List<String> series = new ArrayList<>();
            c.get("series").forEach(x -> series.add(x.asText()));
            List<String> expectedSeries = new ArrayList<>();
            for (JsonNode config : json.get("configs")) {
                String label = config.get("label").asText();
                if (c.get("id").asText().equals("critic-train-valid")) {
                    expectedSeries.addAll(List.of(label + " (training batch)", label + " (held-out batch)"));
                } else {
                    expectedSeries.add(label);
                }
            }
            if (c.get("id").asText().startsWith("jsd-")) {
                expectedSeries.add("real-data floor (64 samples)");
            }
            assertEquals(expectedSeries, series, c.get("id").asText());
            assertTrue(html.contains("<title>" + c.get("title").asText() + "</title>"), c.get("title").asText());
        }
    }

    // chart coordinates are rounded to a tenth of a pixel, but the band's transparency is kept exact
    @Test
    void svgCoordinatesRounded() {
        for (String svg : html.split("<svg")) {
            if (!svg.contains("</svg>")) {
                continue;
            }
            String body = svg.substring(0, svg.indexOf("</svg>"));
            Matcher m = Pattern.compile("(?<![\\d.:])-?\\d+\\.\\d{2,}").matcher(body);
            assertFalse(m.find(), () -> "unrounded number " + m.group());
        }
        // the bands: fill alpha 60 of 255
        assertTrue(html.contains("opacity:0.235294117647059"), "band alpha");
    }

    private static int count(String s, String what) {
        int c = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            c++;
        }
        return c;
    }

    // each chart is also a PNG that decodes to an image of the chart's size and is not blank
    @Test
    void pngFilesAreImages() throws IOException {
        for (JsonNode c : json.get("charts")) {
            Path png = out.resolve(c.get("png").asText());
            byte[] head = Files.readAllBytes(png);
            assertEquals((byte) 0x89, head[0]);
            assertEquals('P', head[1]);
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, png + " does not decode");
            assertEquals(ReportCharts.WIDTH, img.getWidth());
            assertEquals(ReportCharts.HEIGHT, img.getHeight());
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < img.getHeight(); y += 3) {
                for (int x = 0; x < img.getWidth(); x += 3) {
                    colours.add(img.getRGB(x, y));
                }
            }
            assertTrue(colours.size() > 10, png + " looks blank: " + colours.size() + " colours");
        }
    }

    // the Markdown table has one row per config with its seeds and mean ± std of the best 4- and 6-gram JSD
    @Test
    void markdownSummary() throws IOException {
        String md = Files.readString(out.resolve(ReportWriter.MARKDOWN));
        JsonNode b4 = configJson("fogan-s1").get("best_by_n").get("jsd").get("4");
        String row = md.lines().filter(l -> l.startsWith("| fogan, critic lr 3e-4 |")).findFirst().orElseThrow();
        assertTrue(row.contains(String.format(java.util.Locale.ROOT, "| 2 | 20–40 (1 not finished) | %.3f ± %.3f |",
                b4.get("mean").asDouble(), b4.get("std").asDouble())), row);
        assertTrue(row.endsWith("| 64 |"), row);
        assertEquals(2 + 2, md.lines().filter(l -> l.startsWith("|")).count());
    }

    // an existing report directory is kept without --force, replaced whole with it, and nothing is left behind
    @Test
    void atomicOutputAndForce(@TempDir Path tmp) throws IOException {
        // runs without evaluations have two charts: enough to test the writing, quick to draw
        List<Path> dirs = new ArrayList<>();
        for (int seed = 1; seed <= 4; seed++) {
            dirs.add(SyntheticRuns.write(tmp.resolve("runs"), new Spec("s" + seed, "wgan-gp", 1e-4, seed, "finished",
                    5, 1000, 64, false)).dir());
        }
        Path dest = tmp.resolve("r");
        ReportWriter.write(new ReportWriter.Options(dirs.subList(0, 1), dest, false, 3));
        Files.writeString(dest.resolve("marker"), "old");
        ReportException e = assertThrows(ReportException.class,
                () -> ReportWriter.write(new ReportWriter.Options(dirs, dest, false, 3)));
        assertTrue(e.getMessage().contains("already exists; use --force"), e.getMessage());
        assertTrue(Files.exists(dest.resolve("marker")), "refused write left the old report alone");

        ReportWriter.write(new ReportWriter.Options(dirs, dest, true, 3));
        assertFalse(Files.exists(dest.resolve("marker")), "the old report was replaced whole");
        assertEquals(4, SyntheticRuns.JSON.readTree(dest.resolve(ReportWriter.JSON).toFile()).get("runs").size());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("r", "runs"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no partial or old dirs");
        }

        // a directory that is not a report is never replaced, not even with --force
        Path notReport = tmp.resolve("data");
        Files.createDirectories(notReport);
        Files.writeString(notReport.resolve("precious.txt"), "x");
        e = assertThrows(ReportException.class,
                () -> ReportWriter.write(new ReportWriter.Options(dirs, notReport, true, 3)));
        assertTrue(e.getMessage().contains("is not a report"), e.getMessage());
        assertTrue(Files.exists(notReport.resolve("precious.txt")));
    }

    // a path that is not a run fails with one line naming what is missing, and nothing is written
    @Test
    void notARun(@TempDir Path tmp) throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path dest = tmp.resolve("r");
        ReportException e = assertThrows(ReportException.class,
                () -> ReportWriter.write(new ReportWriter.Options(List.of(empty), dest, false, 3)));
        assertEquals(empty + ": not a training run (no metrics.jsonl and config.json)", e.getMessage());
        Files.writeString(empty.resolve("config.json"), "{}");
        e = assertThrows(ReportException.class,
                () -> ReportWriter.write(new ReportWriter.Options(List.of(empty), dest, false, 3)));
        assertEquals(empty + ": not a training run (no metrics.jsonl)", e.getMessage());
        e = assertThrows(ReportException.class, () -> ReportWriter.write(
                new ReportWriter.Options(List.of(tmp.resolve("nope")), dest, false, 3)));
        assertTrue(e.getMessage().endsWith("nope: no such directory; expected a training run directory"),
                e.getMessage());
        Files.writeString(empty.resolve("metrics.jsonl"), "");
        Files.writeString(empty.resolve("config.json"), "[1, 2");
        e = assertThrows(ReportException.class,
                () -> ReportWriter.write(new ReportWriter.Options(List.of(empty), dest, false, 3)));
        assertTrue(e.getMessage().startsWith(empty.resolve("config.json") + ": not valid JSON"), e.getMessage());
        assertFalse(Files.exists(dest));
        e = assertThrows(ReportException.class, () -> ReportWriter.write(new ReportWriter.Options(
                List.of(runs.get(0).dir(), runs.get(0).dir()), dest, false, 3)));
        assertTrue(e.getMessage().endsWith("given twice"), e.getMessage());
    }

    // an empty metrics file and a run without eval lines give a report that says so; no status means unknown
    @Test
    void emptyAndUnevaluatedRuns(@TempDir Path tmp) throws IOException {
        Written noEval = SyntheticRuns.write(tmp, new Spec("no-eval", "wgan-gp", 1e-4, 1, null, 5, 1000, 64, false));
        Written empty = SyntheticRuns.write(tmp, new Spec("empty", "wgan-gp", 1e-4, 2, "running", 0, 10, 64, false));
        assertEquals(0, Files.size(empty.dir().resolve("metrics.jsonl")));
        Path dest = tmp.resolve("r");
        Report r = ReportWriter.write(new ReportWriter.Options(List.of(noEval.dir(), empty.dir()), dest, false, 3));
        assertTrue(r.warnings().contains("no-eval: no evaluations yet"), r.warnings().toString());
        assertTrue(r.warnings().contains("empty: metrics.jsonl has no metrics yet"), r.warnings().toString());
        assertEquals("unknown", r.runs().get(0).state());
        assertTrue(r.runs().get(0).statusText().startsWith("state unknown (no status.json)"),
                r.runs().get(0).statusText());
        assertTrue(r.evalMetrics().isEmpty());
        // only the charts of train lines: nothing evaluated, nothing for the JSD and critic train/valid charts
        assertEquals(List.of("critic-loss", "generator-loss", "wasserstein", "penalty", "grad-norm"),
                r.charts().stream().map(Report.Chart::id).toList());
        String page = Files.readString(dest.resolve(ReportWriter.HTML));
        assertTrue(page.contains("No evaluations yet."));
        assertTrue(page.contains("no evaluations yet"));
        assertEquals(5, count(page, "<svg"));
        String md = Files.readString(dest.resolve(ReportWriter.MARKDOWN));
        // no score columns: config, seeds, iterations, samples
        assertTrue(md.startsWith("| config | seeds | iterations | samples |\n"), md);
        assertTrue(md.contains("| wgan-gp | 2 | 0–5 (2 not finished) | – |"), md);
    }

    // runs evaluated at different sample sizes: the report warns that their numbers are not comparable
    @Test
    void mixedSampleSizesWarn(@TempDir Path tmp) throws IOException {
        Written a = SyntheticRuns.write(tmp, new Spec("a", "wgan-gp", 1e-4, 1, "finished", 20, 10, 64, false));
        Written b = SyntheticRuns.write(tmp, new Spec("b", "wgan-gp", 1e-4, 2, "finished", 20, 10, 640, false));
        Report r = ReportBuilder.build(List.of(TrainingRun.load(a.dir()), TrainingRun.load(b.dir())), "test", "now", 3);
        assertEquals(List.of(64, 640), r.sampleSizes());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).contains("only comparable at the same sample size"), r.warnings().get(0));
        assertEquals(SyntheticRuns.floor(6, 640), r.referencesOf(new Measure("jsd", 6)).stream()
                .filter(x -> x.samples() == 640).findFirst().orElseThrow().value(), EPS);
        assertEquals(List.of(64, 640), r.configs().get(0).best(new Measure("jsd", 4)).samples());
        assertTrue(MarkdownSummary.render(r).contains("only comparable"));
    }

    // unreadable lines in the middle are skipped and counted; a resumed run's repeated iteration keeps the last line
    @Test
    void tolerantMetricsReading(@TempDir Path tmp) throws IOException {
        Written w = SyntheticRuns.write(tmp, new Spec("odd", "wgan-gp", 1e-4, 1, "finished", 20, 10, 64, false));
        Path metrics = w.dir().resolve("metrics.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(metrics));
        lines.add(3, "{\"kind\":\"train\",\"iteration\":2,\"ti");
        lines.add("{\"kind\":\"eval\",\"iteration\":20,\"samples\":64,\"jsd\":{\"4\":0.01}}");
        lines.add("{\"kind\":\"train\",\"iteration\":21}");
        lines.add("{\"kind\":\"train\",\"iteration\":22,\"critic_loss\":1,\"time\":3,\"critic_loss\":2}");
        Files.write(metrics, lines);
        TrainingRun run = TrainingRun.load(w.dir());
        assertEquals(List.of("skipped 1 unreadable line of metrics.jsonl (line 4)"), run.notes());
        assertEquals(2, run.evals().size());
        assertEquals(Map.of(4, 0.01), run.evals().get(1).byN("jsd"), "the later line for iteration 20 wins");
        assertNull(run.evals().get(1).time(), "missing keys are null");
        assertEquals(22, run.train().size());
        assertNull(run.train().get(20).scalar("critic_loss"));
        // a key given twice in a line: the last value, as a JSON object read into a map keeps it
        assertEquals(2.0, run.train().get(21).scalar("critic_loss"));
        assertEquals(List.of("critic_loss"), run.train().get(21).scalarKeys());
        assertEquals(3.0, run.train().get(21).time());
    }
}
