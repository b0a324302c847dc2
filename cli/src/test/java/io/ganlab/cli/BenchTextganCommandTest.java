package io.ganlab.cli;

import io.ganlab.core.Precision;
import io.ganlab.core.InputGradient;
import io.ganlab.bench.StepVariant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code gan bench textgan}: figures that parse, are positive and agree with each other; bad widths refused. */
class BenchTextganCommandTest {
    private static final Pattern STEPS = Pattern.compile("DIM (\\d+): critic step median ([0-9.]+) ms \\(p10 ([0-9.]+),"
            + " p90 ([0-9.]+), (\\d+) steps\\), generator step median ([0-9.]+) ms \\((\\d+) steps\\)");
    private static final Pattern RSS = Pattern.compile("DIM (\\d+): RSS ([+-]\\d+) MB over the (\\d+) critic steps"
            + " \\((\\d+) -> (\\d+) MB; ([+-]\\d+) MB over the second half; Java heap committed ([+-]\\d+) MB\\)");
    private static final Pattern ADAM = Pattern.compile("DIM (\\d+): Adam on the critic's ([0-9,]+) weights: ours median"
            + " ([0-9.]+) ms, DJL's Adam ([0-9.]+) ms");

    // a miniature run: per width, step times (p10 <= median <= p90, all > 0) for as many steps as asked, resident
    // memory before and after whose difference is the growth printed, no non-finite gradient, and the critic's
    // weight count of the paper's architecture, counted by hand
    @Test
    void tinyRunPrintsConsistentFigures() {
        GanRunner.Run r = GanRunner.run("bench", "textgan", "--dims", "16,32", "--steps", "2", "--warmup",
                "1", "--generator-steps", "1", "--batch", "2", "--vocab", "5", "--length", "4");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        // first the device actually used: these tests run on the CPU build of libtorch
        assertTrue(lines.get(0).startsWith("device: CPU (2 threads); libtorch 2.7.1, CPU build"), lines.get(0));
        assertTrue(lines.get(1).startsWith("bench textgan: WGAN-GP (lambda 10), batch 2, length 4, vocab 5,"), r.out());
        Map<Integer, Matcher> steps = byDim(STEPS, r.out());
        Map<Integer, Matcher> rss = byDim(RSS, r.out());
        Map<Integer, Matcher> adam = byDim(ADAM, r.out());
        for (int dim : new int[] {16, 32}) {
            Matcher s = steps.get(dim);
            assertTrue(s != null && rss.containsKey(dim) && adam.containsKey(dim), "figures of DIM " + dim + ":\n" + r.out());
            double median = Double.parseDouble(s.group(2));
            double p10 = Double.parseDouble(s.group(3));
            double p90 = Double.parseDouble(s.group(4));
            assertTrue(p10 > 0 && p10 <= median && median <= p90, s.group());
            assertEquals("2", s.group(5));
            assertTrue(Double.parseDouble(s.group(6)) > 0, s.group());
            assertEquals("1", s.group(7));

            Matcher m = rss.get(dim);
            long growth = Long.parseLong(m.group(2));
            long before = Long.parseLong(m.group(4));
            long after = Long.parseLong(m.group(5));
            assertEquals("2", m.group(3));
            assertTrue(before > 0 && after > 0, m.group());
            // the growth is taken in bytes, then shifted to MB: it may differ from after - before by one
            assertTrue(Math.abs(growth - (after - before)) <= 1, m.group());

            Matcher a = adam.get(dim);
            int v = 5;
            int t = 4;
            long weights = (v * dim + dim) + 5 * 2 * (dim * dim * 5 + dim) + (t * dim + 1);
            assertEquals(weights, Long.parseLong(a.group(2).replace(",", "")), a.group());
            assertTrue(Double.parseDouble(a.group(3)) > 0 && Double.parseDouble(a.group(4)) > 0, a.group());
            assertTrue(r.out().contains("DIM " + dim + ": critic steps leaving a non-finite weight (a NaN or infinite gradient): 0 of 3"), r.out());
        }
    }

    private static Map<Integer, Matcher> byDim(Pattern p, String out) {
        Map<Integer, Matcher> found = new HashMap<>();
        for (String line : out.lines().toList()) {
            Matcher m = p.matcher(line);
            if (m.matches()) {
                found.put(Integer.parseInt(m.group(1)), m);
            }
        }
        return found;
    }

    // a width of zero is a usage error: one message, exit code 2
    @Test
    void badWidthIsUsageError() {
        GanRunner.Run r = GanRunner.run("bench", "textgan", "--dims", "64,0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("gan bench textgan: error: --dims must be positive widths, got 0"), r.err());
    }

    // on the CPU a width that is not a multiple of 16 would train on NaN gradients: refused before any work
    @Test
    void widthOffTheVectorBlockIsRefusedOnTheCpu() {
        GanRunner.Run r = GanRunner.run("bench", "textgan", "--dims", "64,24");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("gan bench textgan: error: --dims: DIM is 24: on the CPU it must be a multiple of 16"),
                r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }

    // without --against-pytorch the standalone step counts; with it the smaller counts per child process after 100
    // warm-up steps (our JVM's steady state), 3 rounds and python3; given values win in both
    @Test
    void optionsResolveWithTheirDefaults() {
        BenchTextganCommand.Resolved alone = parse();
        assertEquals(new BenchTextganCommand.Resolved(List.of(64, 128), 500, 100, 30, false, 3, "python3",
                List.of(StepVariant.DEFAULT)), alone);
        BenchTextganCommand.Resolved against = parse("--against-pytorch");
        assertEquals(new BenchTextganCommand.Resolved(List.of(64, 128), 50, 20, 100, true, 3, "python3",
                List.of(StepVariant.DEFAULT)), against);
        BenchTextganCommand.Resolved given = parse("--against-pytorch", "--rounds", "5", "--python", "/usr/bin/python3",
                "--steps", "7", "--generator-steps", "4", "--warmup", "0", "--dims", "128", "--precision", "bf16,fp32,bf16",
                "--input-gradient", "explicit,autograd,explicit");
        InputGradient.Method e = InputGradient.Method.EXPLICIT;
        InputGradient.Method a = InputGradient.Method.AUTOGRAD;
        assertEquals(new BenchTextganCommand.Resolved(List.of(128), 7, 4, 0, true, 5, "/usr/bin/python3",
                List.of(new StepVariant(Precision.BF16, e), new StepVariant(Precision.BF16, a),
                        new StepVariant(Precision.FP32, e), new StepVariant(Precision.FP32, a))), given);
        assertEquals(List.of("ours bf16", "ours bf16 autograd", "ours", "ours autograd"),
                given.variants().stream().map(StepVariant::label).toList());
    }

    // an unknown precision or input gradient method is a usage error naming the choices
    @Test
    void precisionIsChecked() {
        UsageException e = assertThrows(UsageException.class, () -> parse("--precision", "fp16"));
        assertEquals("--precision: unknown precision 'fp16' (fp32 or bf16)", e.getMessage());
        e = assertThrows(UsageException.class, () -> parse("--input-gradient", "numeric"));
        assertEquals("--input-gradient: unknown input gradient 'numeric' (explicit or autograd)", e.getMessage());
    }

    // --rounds and --python alone, and fewer than one round, are usage errors with one message each
    @Test
    void comparisonOptionsAreChecked() {
        UsageException alone = assertThrows(UsageException.class, () -> parse("--rounds", "3"));
        assertEquals("--rounds, --python and --interleave go with --against-pytorch", alone.getMessage());
        assertThrows(UsageException.class, () -> parse("--python", "python3"));
        UsageException zero = assertThrows(UsageException.class, () -> parse("--against-pytorch", "--rounds", "0"));
        assertEquals("--rounds must be >= 1, got 0", zero.getMessage());

        GanRunner.Run r = GanRunner.run("bench", "textgan", "--rounds", "2");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("gan bench textgan: error: --rounds, --python and --interleave go with"
                + " --against-pytorch"), r.err());
        assertTrue(r.out().isEmpty(), r.out());
        assertThrows(UsageException.class, () -> parse("--interleave"));
        UsageException both = assertThrows(UsageException.class,
                () -> parse("--against-pytorch", "--interleave", "--rounds", "3"));
        assertEquals("--rounds does not apply with --interleave (the blocks are its rounds)", both.getMessage());
    }

    // no usable Python: our own figures, then one line saying the comparison was skipped and why, exit 0
    @Test
    void missingPythonSkipsTheComparisonAfterOurFigures() {
        GanRunner.Run r = GanRunner.run("bench", "textgan", "--against-pytorch", "--python", "/nonexistent",
                "--dims", "16", "--steps", "2", "--warmup", "1", "--generator-steps", "1", "--batch", "2",
                "--vocab", "5", "--length", "4");
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("device: CPU"), r.out());
        assertTrue(byDim(STEPS, r.out()).containsKey(16), r.out());
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("comparison with PyTorch skipped: cannot run /nonexistent ("), last);
        assertTrue(last.endsWith("install PyTorch (Debian: apt-get install python3-torch) or name an interpreter"
                + " that has it with --python"), last);
        assertEquals(1, lines.stream().filter(l -> l.contains("skipped")).count(), r.out());
    }

    // --convolutions alone: the header, then per width one line per precision with the three passes' times
    @Test
    void convolutionsPrintEachPassPerWidthAndPrecision() {
        GanRunner.Run r = GanRunner.run("bench", "textgan", "--convolutions", "--dims", "16,32", "--precision",
                "fp32,bf16", "--batch", "2", "--length", "4");
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(1).startsWith("convolution passes: the residual convolution (kernel 5, D -> D, 'same'),"
                + " batch 2, length 4,"), r.out());
        Pattern line = Pattern.compile("DIM (16|32) round 1, ours (fp32|bf16): forward [0-9.]+ ms \\([0-9]+ GFLOP/s\\),"
                + " input gradient [0-9.]+ ms \\([0-9]+ GFLOP/s\\), weight gradient [0-9.]+ ms \\([0-9]+ GFLOP/s\\)");
        assertEquals(4, lines.stream().filter(l -> line.matcher(l).matches()).count(), r.out());
        assertEquals(6, lines.size(), r.out());
    }

    // the options of the steps' comparison that --convolutions has no use for are refused
    @Test
    void convolutionsRefuseStepOptions() {
        UsageException e = assertThrows(UsageException.class,
                () -> parse("--convolutions", "--against-pytorch", "--interleave"));
        assertEquals("--interleave and --input-gradient do not apply with --convolutions", e.getMessage());
        assertThrows(UsageException.class, () -> parse("--convolutions", "--input-gradient", "autograd"));
    }

    private static BenchTextganCommand.Resolved parse(String... args) {
        BenchTextganCommand cmd = new BenchTextganCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.resolved();
    }
}
