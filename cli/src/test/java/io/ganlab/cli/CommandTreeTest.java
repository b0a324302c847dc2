package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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

    // --version names the tool and its version
    @Test
    void version() {
        GanRunner.Run r = GanRunner.run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("gan "), r.out());
    }
}
