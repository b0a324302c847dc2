package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ganlab.cli.GanRunner.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan report} through the command line: outputs, exit codes and one-line errors. */
class ReportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A run of one config with eval lines at 10, 20, 30 whose 4- and 6-gram JSD are the given values. */
    private static Path run(Path root, String name, long seed, double[] jsd4, double[] jsd6) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("config.json"),
                "{\"objective\":\"wgan-gp\",\"seed\":" + seed + ",\"out\":\"" + name + "\",\"dim\":64}");
        Files.writeString(dir.resolve("status.json"), "{\"state\":\"finished\",\"iteration\":30}");
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < jsd4.length; i++) {
            m.append(String.format(Locale.ROOT, "{\"kind\":\"eval\",\"iteration\":%d,\"time\":%d,\"samples\":64,"
                    + "\"jsd\":{\"4\":%s,\"6\":%s},\"floor\":{\"4\":0.1,\"6\":0.3}}%n", 10 * (i + 1), 5 * (i + 1),
                    jsd4[i], jsd6[i]));
        }
        Files.writeString(dir.resolve("metrics.jsonl"), m);
        return dir;
    }

    // two seeds: exit 0, the three files and the PNGs written, best JSD as mean of the seeds' minima
    @Test
    void reportsTwoSeeds(@TempDir Path tmp) throws IOException {
        Path a = run(tmp, "s1", 1, new double[] {0.5, 0.4, 0.45}, new double[] {0.9, 0.8, 0.85});
        Path b = run(tmp, "s2", 2, new double[] {0.6, 0.3, 0.35}, new double[] {0.95, 0.85, 0.7});
        Path out = tmp.resolve("rep");
        Run r = GanRunner.run("report", a.toString(), b.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("report    " + out.resolve("report.html")), r.out());
        // best 4-gram: 0.4 and 0.3 -> mean 0.35, sample std |0.4 - 0.3| / sqrt 2; best 6-gram: 0.8 and 0.7
        assertTrue(r.out().contains(String.format(Locale.ROOT, "best JSD n=4 0.350 ± %.3f  n=6 0.750 ± %.3f",
                0.1 / Math.sqrt(2), 0.1 / Math.sqrt(2))), r.out());
        JsonNode json = JSON.readTree(out.resolve("report.json").toFile());
        assertEquals(0.35, json.at("/configs/0/best_by_n/jsd/4/mean").asDouble(), 1e-12);
        assertEquals(0.75, json.at("/configs/0/best_by_n/jsd/6/mean").asDouble(), 1e-12);
        assertEquals(4, json.get("charts").size(), "JSD n=4 and n=6 against iterations and time");
        for (JsonNode c : json.get("charts")) {
            assertTrue(Files.size(out.resolve(c.get("png").asText())) > 1000, c.toString());
        }
        assertTrue(Files.readString(out.resolve("report.md"))
                .contains("| wgan-gp | 2 | 30 | 0.350 ± 0.071 | 0.750 ± 0.071 |"));
        assertEquals("", r.err(), "no warnings");
    }

    // not a run: exit 1 and one error line naming the path and what is missing
    @Test
    void notARun(@TempDir Path tmp) {
        Run r = GanRunner.run("report", tmp.toString(), "--out", tmp.resolve("rep").toString());
        assertEquals(1, r.code());
        assertEquals(List.of("gan report: error: " + tmp + ": not a training run (no metrics.jsonl and config.json)"),
                r.err().lines().toList());
        assertFalse(Files.exists(tmp.resolve("rep")));
    }

    // an existing report is kept without --force (exit 1) and replaced with it; --out is required (exit 2)
    @Test
    void forceAndUsage(@TempDir Path tmp) throws IOException {
        Path a = run(tmp, "s1", 1, new double[] {0.5}, new double[] {0.9});
        Path out = Files.createDirectories(tmp.resolve("rep"));
        Files.writeString(out.resolve("report.json"), "{}");
        Run r = GanRunner.run("report", a.toString(), "--out", out.toString());
        assertEquals(1, r.code());
        assertEquals(List.of("gan report: error: " + out + ": already exists; use --force to replace it"),
                r.err().lines().toList());
        assertEquals("{}", Files.readString(out.resolve("report.json")));
        r = GanRunner.run("report", a.toString(), "--out", out.toString(), "--force");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(out.resolve("report.json")) > 100);

        r = GanRunner.run("report", a.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("gan report: error: Missing required option: '--out=DIR'"), r.err());
        r = GanRunner.run("report", a.toString(), "--out", tmp.resolve("x").toString(), "--sample-lines", "-1");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("gan report: error: --sample-lines must be >= 0"), r.err());
    }

    // a run with no evaluations yet: a report is written and stderr warns about it
    @Test
    void warnsAboutRunWithoutEvaluations(@TempDir Path tmp) throws IOException {
        Path a = run(tmp, "s1", 1, new double[0], new double[0]);
        Files.writeString(a.resolve("metrics.jsonl"), "{\"kind\":\"train\",\"iteration\":1,\"critic_loss\":-1}\n");
        Run r = GanRunner.run("report", a.toString(), "--out", tmp.resolve("rep").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("gan report: warning: s1: no evaluations yet"), r.err().lines().toList());
        assertTrue(Files.readString(tmp.resolve("rep/report.html")).contains("No evaluations yet."));
    }

    // --out naming a run is refused at once, and the message does not send the user to --force, which would not help
    @Test
    void outIntoARunIsRefused(@TempDir Path tmp) throws IOException {
        Path a = run(tmp, "s1", 1, new double[] {0.5}, new double[] {0.9});
        Path b = run(tmp, "s2", 2, new double[] {0.5}, new double[] {0.9});
        for (List<String> force : List.of(List.<String>of(), List.of("--force"))) {
            List<String> args = new java.util.ArrayList<>(List.of("report", a.toString(), "--out", b.toString()));
            args.addAll(force);
            Run r = GanRunner.run(args.toArray(String[]::new));
            assertEquals(1, r.code());
            assertEquals(List.of("gan report: error: " + b + ": is a training run directory; write the report"
                    + " somewhere else"), r.err().lines().toList());
            assertFalse(r.err().contains("--force"));
        }
        assertFalse(Files.exists(b.resolve("report.json")));
    }

    // a copy of a run is the same seed: one config of 2 seeds from 3 runs, and a warning naming the copies
    @Test
    void copiesOfOneSeed(@TempDir Path tmp) throws IOException {
        Path a = run(tmp, "s1", 1, new double[] {0.5, 0.4, 0.45}, new double[] {0.9, 0.8, 0.85});
        Path copy = run(tmp, "s1-copy", 1, new double[] {0.5, 0.4, 0.45}, new double[] {0.9, 0.8, 0.85});
        Path b = run(tmp, "s2", 2, new double[] {0.6, 0.3, 0.35}, new double[] {0.95, 0.85, 0.7});
        Run r = GanRunner.run("report", a.toString(), copy.toString(), b.toString(), "--out",
                tmp.resolve("rep").toString());
        assertEquals(0, r.code(), r.err());
        // the copy changes nothing: the same numbers as the two seeds alone
        assertTrue(r.out().contains("2 seeds  best JSD n=4 " + String.format(Locale.ROOT, "0.350 ± %.3f",
                0.1 / Math.sqrt(2))), r.out());
        assertEquals(List.of("gan report: warning: s1 and s1-copy have the same config and seed 1: they are counted"
                + " as one seed (the mean of the copies)"), r.err().lines().toList());
    }
}
