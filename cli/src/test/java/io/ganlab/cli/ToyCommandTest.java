package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan toy train}: a tiny run end to end, and its bad inputs. */
class ToyCommandTest {
    @TempDir
    Path tmp;

    static final String[] TINY = {"--dim", "8", "--layers", "1", "--iterations", "2", "--batch", "16",
            "--critic-iters", "1", "--eval-every", "2", "--eval-samples", "50", "--quiet"};

    static GanRunner.Run train(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("toy", "train", "--out", out.toString()));
        args.addAll(List.of(TINY));
        args.addAll(List.of(more));
        return GanRunner.run(args.toArray(String[]::new));
    }

    static void oneErrorLine(GanRunner.Run r, int code, String contains) {
        assertEquals(code, r.code(), r.err());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).startsWith("gan toy train: error: ") && lines.get(0).contains(contains), r.err());
        assertTrue(lines.size() <= 2, "one error line (and a pointer to --help):\n" + r.err());
    }

    // a tiny run writes its config, metrics with mode counts, a picture and a checkpoint
    @Test
    void trainsATinyRun() throws Exception {
        Path out = tmp.resolve("run");
        GanRunner.Run r = train(out, "--data", "25gaussians");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("finished: "), r.out());
        assertTrue(Files.isRegularFile(out.resolve("config.json")));
        assertTrue(Files.readString(out.resolve("metrics.jsonl")).contains("\"modes\":25"));
        assertTrue(Files.isRegularFile(out.resolve("plots/iter-00000002.png")));
        assertTrue(Files.isRegularFile(out.resolve("checkpoints/iter-00000002.ckpt")));

        // the same RUN again without --force: refused, nothing touched
        long size = Files.size(out.resolve("metrics.jsonl"));
        oneErrorLine(train(out, "--data", "25gaussians"), 1, "already holds a run");
        assertEquals(size, Files.size(out.resolve("metrics.jsonl")));
        // without plots, the summary does not name a plots folder
        Path bare = tmp.resolve("bare");
        r = train(bare, "--data", "8gaussians", "--no-plots");
        assertEquals(0, r.code(), r.err());
        assertTrue(!r.out().contains("plots") && !Files.exists(bare.resolve("plots")), r.out());
        // --resume may not switch the data set
        oneErrorLine(GanRunner.run("toy", "train", "--out", out.toString(), "--resume", "--data", "swissroll",
                "--quiet"), 1, "keeps its config");
    }

    // unknown data set or objective: a usage error naming the choices, and no run directory is made
    @Test
    void badNames() {
        Path out = tmp.resolve("never");
        oneErrorLine(train(out, "--data", "9gaussians"), 2, "unknown data set '9gaussians'; choose one of 8gaussians, 25gaussians, swissroll");
        oneErrorLine(train(out, "--data", "8gaussians", "--objective", "wgan-xx"), 2, "unknown objective 'wgan-xx'");
        oneErrorLine(train(out), 2, "--data is required");
        oneErrorLine(train(out, "--data", "8gaussians", "--dim", "0"), 2, "dim");
        assertFalse(Files.exists(out));
    }
}
