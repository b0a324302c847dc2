package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.bench.MarkovChain;
import io.ganlab.bench.MarkovDataset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command tree as a whole: help everywhere, one error policy. */
class CommandTreeTest {

    private static void collect(CommandLine cl, List<List<String>> paths, List<String> prefix) {
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            List<String> p = new ArrayList<>(prefix);
            p.add(e.getKey());
            paths.add(p);
            collect(e.getValue(), paths, p);
        }
    }

    // every command and subcommand answers --help with a usage text and exit code 0
    @Test
    void everySubcommandHasHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(Gan.commandLine(), paths, List.of());
        assertTrue(paths.size() >= 6, "expected the corpus, eval, bench and demo commands, got " + paths);
        for (List<String> p : paths) {
            List<String> args = new ArrayList<>(p);
            args.add("--help");
            GanRunner.Run r = GanRunner.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), "exit code of " + args);
            assertTrue(r.out().contains("Usage: gan " + String.join(" ", p)), "usage of " + p + ":\n" + r.out());
        }
    }

    // every subcommand has a one-line header, shown in its parent's command list
    @Test
    void everySubcommandHasAHeader() {
        List<List<String>> paths = new ArrayList<>();
        collect(Gan.commandLine(), paths, List.of());
        CommandLine root = Gan.commandLine();
        for (List<String> p : paths) {
            CommandLine c = root;
            for (String name : p) {
                c = c.getSubcommands().get(name);
            }
            String[] header = c.getCommandSpec().usageMessage().header();
            assertEquals(1, header.length, "header of " + p);
            assertFalse(header[0].isBlank(), "header of " + p);
        }
    }

    // an unknown option is a usage error: exit 2, the command's name, and a pointer to --help
    @Test
    void unknownOptionIsUsageError() {
        GanRunner.Run r = GanRunner.run("corpus", "stats", "--no-such-option", "x");
        assertEquals(2, r.code());
        List<String> lines = r.err().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("gan corpus stats: error: "), lines.get(0));
        assertEquals("Try 'gan corpus stats --help' for more information.", lines.get(1));
    }

    // a failure on bad input is one line and exit 1, with no stack trace unless asked
    @Test
    void inputErrorIsOneLine() {
        GanRunner.Run r = GanRunner.run("corpus", "stats", "/nonexistent/dataset");
        assertEquals(1, r.code());
        assertEquals(List.of("gan corpus stats: error: /nonexistent/dataset: no such dataset directory"),
                r.err().lines().toList());
        GanRunner.Run traced = GanRunner.run("corpus", "stats", "/nonexistent/dataset", "--stacktrace");
        assertEquals(1, traced.code());
        assertTrue(traced.err().contains("at io.ganlab.corpus.Dataset.open"), traced.err());
    }

    // --version prints the project version of the build (from the pom, handed over by Maven) and this Java
    @Test
    void versionIsTheBuildsVersion() {
        String expected = System.getProperty("ganlab.test.projectVersion");
        assertTrue(expected != null && expected.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"),
                "run by Maven, which passes the pom's version: " + expected);
        GanRunner.Run r = GanRunner.run("--version");
        assertEquals(0, r.code());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        assertEquals("gan " + expected, lines.get(0));
        assertTrue(lines.get(1).startsWith("Java " + System.getProperty("java.version") + " on "), lines.get(1));
    }

    // 'gan' alone: a command is missing, so the usage goes to stderr and the exit code is 2
    @Test
    void noCommandIsUsageError() {
        GanRunner.Run r = GanRunner.run();
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("Usage: gan "), r.err());
    }

    // an unknown command is named with the valid ones, exit 2, also when --help follows it (which picocli
    // would answer with the help of the last known command and exit 0)
    @Test
    void unknownCommandIsNamedEvenWithHelp() {
        String commands = String.join(", ", Gan.commandLine().getSubcommands().keySet());
        for (String[] args : List.of(new String[] {"nosuch"}, new String[] {"nosuch", "--help"},
                new String[] {"nosuch", "prepare", "--help"})) {
            GanRunner.Run r = GanRunner.run(args);
            assertEquals(2, r.code(), r.toString());
            assertEquals("", r.out(), "no help printed");
            assertEquals(List.of("gan: error: unknown command 'nosuch'; the commands of gan are: " + commands,
                    "Try 'gan --help' for more information."), r.errLines());
            assertTrue(commands.contains("corpus") && commands.contains("bench"), commands);
        }
        GanRunner.Run sub = GanRunner.run("bench", "nosuch", "--help");
        assertEquals(2, sub.code());
        assertEquals("gan bench: error: unknown command 'nosuch'; the commands of gan bench are: corpus, jsd, textgan, imagegan",
                sub.errLines().get(0));
    }

    // an unknown option next to --help is an error too, not the help
    @Test
    void unknownOptionWithHelpIsUsageError() {
        GanRunner.Run r = GanRunner.run("corpus", "stats", "--no-such-option", "--help");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.errLines().get(0).startsWith("gan corpus stats: error: ") && r.err().contains("--no-such-option"),
                r.err());
    }

    // a negative --iterations is refused before any work, naming the flag and the rule
    @Test
    void negativeIterationsIsUsageError(@TempDir Path tmp) {
        GanRunner.Run r = GanRunner.run("textgan", "train", "--dataset", tmp.resolve("none").toString(), "--out",
                tmp.resolve("run").toString(), "--iterations", "-5");
        assertEquals(2, r.code());
        assertEquals(List.of("gan textgan train: error: --iterations must be >= 0 (0: no limit), got -5",
                "Try 'gan textgan train --help' for more information."), r.errLines());
        assertFalse(Files.exists(tmp.resolve("run")));
    }

    // a config that the flags make invalid is an option error (exit 2); the same value from a --config FILE is a
    // bad input (exit 1, one line); so is a config file that is not YAML
    @Test
    void configErrorsFromFlagsAndFromFiles(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        MarkovDataset.write(data, 200, 20, 1L, MarkovChain.MIN_VOCAB);
        GanRunner.Run flags = GanRunner.run("textgan", "train", "--dataset", data.toString(), "--out",
                tmp.resolve("a").toString(), "--batch", "0", "--iterations", "1");
        assertEquals(2, flags.code(), flags.toString());
        assertEquals(2, flags.errLines().size(), flags.err());
        assertTrue(flags.errLines().get(0).startsWith("gan textgan train: error: invalid config: ")
                && flags.errLines().get(0).contains("batch"), flags.err());
        assertFalse(Files.exists(tmp.resolve("a")));

        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, "schedule:\n  batch: 0\n");
        GanRunner.Run fromFile = GanRunner.run("textgan", "train", "--dataset", data.toString(), "--out",
                tmp.resolve("b").toString(), "--config", file.toString(), "--iterations", "1");
        assertEquals(1, fromFile.code(), fromFile.toString());
        assertEquals(1, fromFile.errLines().size(), fromFile.err());
        assertTrue(fromFile.errLines().get(0).startsWith("gan textgan train: error: invalid config: "), fromFile.err());

        Path broken = tmp.resolve("broken.yaml");
        Files.writeString(broken, "schedule: [unclosed\n");
        GanRunner.Run unreadable = GanRunner.run("textgan", "train", "--dataset", data.toString(), "--out",
                tmp.resolve("c").toString(), "--config", broken.toString());
        assertEquals(1, unreadable.code(), unreadable.toString());
        assertEquals(1, unreadable.errLines().size(), unreadable.err());
        assertTrue(unreadable.errLines().get(0).startsWith("gan textgan train: error: " + broken), unreadable.err());
    }

    // --floor-repeats is capped: each repeat scores one more subset
    @Test
    void floorRepeatsIsCapped() {
        GanRunner.Run r = GanRunner.run("eval", "jsd", "--dataset", "/nonexistent", "--samples", "/nonexistent.txt",
                "--floor-repeats", "5000");
        assertEquals(2, r.code());
        assertEquals("gan eval jsd: error: --floor-repeats must lie in 1..1000, got 5000", r.errLines().get(0));
        GanRunner.Run zero = GanRunner.run("eval", "jsd", "--dataset", "/nonexistent", "--samples", "/nonexistent.txt",
                "--floor-repeats", "0");
        assertEquals(2, zero.code());
        // within the range the option is accepted and the missing dataset is the (runtime) error
        GanRunner.Run ok = GanRunner.run("eval", "jsd", "--dataset", "/nonexistent", "--samples", "/nonexistent.txt",
                "--floor-repeats", "1000");
        assertEquals(1, ok.code(), ok.toString());
    }

    // --log-level takes the listed levels only, on any command
    @Test
    void unknownLogLevelIsUsageError() {
        GanRunner.Run r = GanRunner.run("corpus", "stats", "/nonexistent", "--log-level", "loud");
        assertEquals(2, r.code());
        assertTrue(r.errLines().get(0).contains("expected one of off, error, warn, info, debug, trace, not 'loud'"),
                r.err());
    }

    // in a JVM of its own (SLF4J is set up once per JVM), a command that starts DJL prints no SLF4J lines and,
    // by default, no DJL warning; --log-level info lets DJL's messages through to stderr
    @Test
    void loggingGoesToStderrAtTheLevelAsked() throws Exception {
        String[] tiny = {"bench", "textgan", "--dims", "16", "--steps", "1", "--warmup", "0", "--generator-steps",
            "1", "--batch", "2", "--vocab", "5", "--length", "4"};
        Child quiet = runChild(tiny);
        assertEquals(0, quiet.code(), quiet.err());
        assertTrue(quiet.out().contains("DIM 16: critic step median"), quiet.out());
        assertFalse(quiet.err().contains("SLF4J"), quiet.err());
        assertFalse(quiet.err().contains("ai.djl"), quiet.err());

        Child verbose = runChild(concat(tiny, "--log-level", "info"));
        assertEquals(0, verbose.code(), verbose.err());
        assertFalse(verbose.err().contains("SLF4J"), verbose.err());
        assertTrue(verbose.err().lines().anyMatch(l -> l.startsWith("INFO ai.djl.")), verbose.err());
        assertFalse(verbose.out().contains("ai.djl"), "log lines stay out of stdout");
    }

    record Child(int code, String out, String err) {}

    private static Child runChild(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-Dai.djl.pytorch.num_threads=1",
                "-cp", System.getProperty("java.class.path"), Gan.class.getName()));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("gan-child", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            return new Child(code, out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
