package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.corpus.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan corpus stats}, {@code sample} and {@code prepare --config} on a dataset small enough to work by hand. */
class CorpusInspectTest {
    @TempDir
    Path tmp;
    Path ds;

    // lines "aab", "ab", "b" at length 4: "aab`", "ab``", "b```"; counts ` 6, a 3, b 3;
    // vocabulary unk, `, a, b (a before b on the tie: smaller code)
    @BeforeEach
    void prepare() throws IOException {
        Path in = Files.writeString(tmp.resolve("abc.txt"), "aab\nab\nb\n");
        ds = tmp.resolve("ds");
        GanRunner.Run r = GanRunner.run("corpus", "prepare", "-q", "--input", in.toString(), "--output", ds.toString(),
                "--seq-len", "4", "--valid-source", "split", "--valid", "0", "--format", "lines");
        assertEquals(0, r.code(), r.toString());
    }

    // stats: counts, the histogram worked by hand, the length histogram and its mean
    @Test
    void stats() {
        GanRunner.Run r = GanRunner.run("corpus", "stats", ds.toString());
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.contains("lines      3 train, 0 valid, 4 codepoints each"), r.out());
        assertTrue(lines.contains("vocabulary 4 ids (unk + 3 symbols)"), r.out());
        assertTrue(r.out().contains("train split: 12 symbols; unk share 0.0000%; padding share 50.00%"), r.out());
        assertEquals(List.of("1", "'`'", "6", "50.000%"), row(lines, "'`'"));
        assertEquals(List.of("2", "'a'", "3", "25.000%"), row(lines, "'a'"));
        assertEquals(List.of("3", "'b'", "3", "25.000%"), row(lines, "'b'"));
        assertEquals(List.of("0", "unk", "0", "0.000%"), row(lines, "unk"));
        assertTrue(lines.contains("length before truncation (0 of 3 lines longer than 4)"), r.out());
        assertTrue(lines.contains("  mean 2.0 symbols"), r.out());
    }

    /** The histogram row of a symbol, without its bar. */
    private static List<String> row(List<String> lines, String symbol) {
        for (String l : lines) {
            String[] t = l.trim().split("\\s+");
            if (t.length >= 4 && t[1].equals(symbol) && t[0].matches("\\d+")) {
                return List.of(t[0], t[1], t[2], t[3]);
            }
        }
        throw new AssertionError("no row for " + symbol + " in\n" + String.join("\n", lines));
    }

    // sample: decoded lines of the dataset, padding stripped unless asked; bad options are usage errors
    @Test
    void sample() {
        GanRunner.Run r = GanRunner.run("corpus", "sample", ds.toString(), "--count", "12", "--seed", "4");
        assertEquals(0, r.code(), r.toString());
        List<String> got = r.out().lines().toList();
        assertEquals(12, got.size());
        assertTrue(Set.of("aab", "ab", "b").containsAll(got), got.toString());
        assertEquals(3, Set.copyOf(got).size(), "12 draws of 3 lines with this seed show them all: " + got);
        GanRunner.Run padded = GanRunner.run("corpus", "sample", ds.toString(), "-n", "6", "--seed", "4",
                "--keep-padding");
        assertTrue(Set.of("aab`", "ab``", "b```").containsAll(padded.out().lines().toList()), padded.out());
        assertEquals(2, GanRunner.run("corpus", "sample", ds.toString(), "--count", "0").code());
        GanRunner.Run empty = GanRunner.run("corpus", "sample", ds.toString(), "--split", "valid");
        assertEquals(1, empty.code());
        assertEquals(List.of("gan corpus sample: error: " + ds + ": the valid split is empty"), empty.errLines());
    }

    // a config file supplies options by long name, relative paths from the file; the command line wins
    @Test
    void configFile() throws IOException {
        Path conf = Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(conf.resolve("prep.yaml"), String.join("\n",
                "input: [../abc.txt]", "output: ../from-config", "seq-len: 4", "valid-source: split", "valid: 0",
                "normalize: [lowercase]", ""));
        GanRunner.Run r = GanRunner.run("corpus", "prepare", "-q", "--config", conf.resolve("prep.yaml").toString(),
                "--seq-len", "2");
        assertEquals(0, r.code(), r.toString());
        Dataset d = Dataset.open(tmp.resolve("from-config"));
        assertEquals(2, d.seqLen());
        assertEquals(List.of("lowercase"), d.manifest().options().get("normalize"));
        Files.writeString(conf.resolve("bad.yaml"), "seqlen: 4\n");
        GanRunner.Run bad = GanRunner.run("corpus", "prepare", "--config", conf.resolve("bad.yaml").toString());
        assertEquals(1, bad.code());
        assertEquals(1, bad.errLines().size(), bad.err());
        assertTrue(bad.err().contains("bad.yaml: unknown option 'seqlen' (known: "), bad.err());
    }

    // config keys are camelCase, as in the training configs; the kebab-case keys of earlier files mean the same
    // (the test above), both spellings of one option are refused, and a bad value names the file; a bad --valid
    // on the command line is a usage error
    @Test
    void configFileKeys() throws IOException {
        Path conf = Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(conf.resolve("camel.yaml"), String.join("\n",
                "input: ../abc.txt", "seqLen: 3", "validSource: split", "valid: 0", "keepBlank: true", ""));
        GanRunner.Run r = GanRunner.run("corpus", "prepare", "-q", "--config", conf.resolve("camel.yaml").toString(),
                "--output", tmp.resolve("camel").toString());
        assertEquals(0, r.code(), r.toString());
        Dataset d = Dataset.open(tmp.resolve("camel"));
        assertEquals(3, d.seqLen());
        assertEquals(true, d.manifest().options().get("keepBlank"));

        Files.writeString(conf.resolve("both.yaml"), "input: [../abc.txt]\nseq-len: 4\nseqLen: 5\n");
        GanRunner.Run both = GanRunner.run("corpus", "prepare", "--config", conf.resolve("both.yaml").toString(),
                "--output", tmp.resolve("both").toString());
        assertEquals(List.of("gan corpus prepare: error: " + conf.resolve("both.yaml") + ": 'seq-len' and 'seqLen'"
                + " are the same option; keep only 'seqLen'"), both.errLines());

        Files.writeString(conf.resolve("value.yaml"), "input: [../abc.txt]\nseqLen: many\n");
        GanRunner.Run value = GanRunner.run("corpus", "prepare", "--config", conf.resolve("value.yaml").toString(),
                "--output", tmp.resolve("value").toString());
        assertEquals(1, value.code(), value.toString());
        assertEquals(List.of("gan corpus prepare: error: " + conf.resolve("value.yaml") + ": invalid config: seqLen"
                + " cannot be many (expected a whole number)"), value.errLines());

        GanRunner.Run flag = GanRunner.run("corpus", "prepare", "--input", tmp.resolve("abc.txt").toString(),
                "--output", tmp.resolve("flag").toString(), "--valid", "some");
        assertEquals(2, flag.code(), flag.toString());
        assertTrue(flag.errLines().get(0).contains("valid must be a number of lines or auto"), flag.err());
    }
}
