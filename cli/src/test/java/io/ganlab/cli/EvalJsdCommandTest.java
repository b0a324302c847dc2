package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ganlab.corpus.Dataset;
import io.ganlab.corpus.DatasetWriter;
import io.ganlab.corpus.Manifest;
import io.ganlab.corpus.Symbols;
import io.ganlab.corpus.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan eval jsd}: output, JSON, and one clear error line for each bad input. */
class EvalJsdCommandTest {
    @TempDir
    Path tmp;

    private Path data;
    private Path samples;

    @BeforeEach
    void setUp() throws Exception {
        // vocabulary: unk, backtick, a..e; lines of 8 symbols
        Vocabulary v = new Vocabulary(Symbols.CODEPOINT, new int[] {-1, '`', 'a', 'b', 'c', 'd', 'e'});
        data = tmp.resolve("data");
        SplittableRandom rnd = new SplittableRandom(3);
        try (DatasetWriter w = DatasetWriter.create(data, false)) {
            w.begin(v, 8);
            for (int i = 0; i < 300; i++) {
                short[] ids = new short[8];
                int len = 3 + rnd.nextInt(6);
                for (int j = 0; j < 8; j++) {
                    ids[j] = (short) (j < len ? 2 + rnd.nextInt(5) : 1);
                }
                if (i < 50) {
                    w.addValid(ids, len);
                } else {
                    w.addTrain(ids, len);
                }
            }
            w.commit(List.of(), new Manifest.Counts(300, 0, 0, 0, 0, 0, 0, 0, 0, 0, 250, 50), Map.of());
        }
        samples = tmp.resolve("samples.txt");
        Files.writeString(samples, "abcab\nedcba\naaaa\nbad\ncab\n", StandardCharsets.UTF_8);
    }

    private static GanRunner.Run run(String... args) {
        return GanRunner.run(args);
    }

    private void assertOneError(GanRunner.Run r, int code, String contains) {
        assertEquals(code, r.code(), r.err());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).startsWith("gan eval jsd: error: "), r.err());
        assertTrue(lines.get(0).contains(contains), "expected '" + contains + "' in: " + lines.get(0));
        // runtime errors: one line; usage errors: the line and the pointer to --help
        assertEquals(code == 2 ? 2 : 1, lines.size(), r.err());
    }

    // a table on stdout with a row per n, and JSON with the keys, written only once without --force
    @Test
    void tableAndJson() throws Exception {
        Path json = tmp.resolve("r.json");
        GanRunner.Run r = run("eval", "jsd", "--dataset", data.toString(), "--samples", samples.toString(),
                "--n", "1..3,5", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("5 samples;"), r.out());
        for (String row : List.of("1 ", "2 ", "3 ", "5 ")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(row)), "row " + row + " in\n" + r.out());
        }
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("4 ")), r.out());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(5, j.get("samples").asInt());
        assertEquals(4, j.get("jsd").size());
        assertTrue(j.get("floor").has("5"), j.toString());
        double v = j.get("jsd").get("3").asDouble();
        assertTrue(v > 0 && v < 1, j.toString());
        assertTrue(Files.isDirectory(data.resolve("ngrams")), "true models cached beside the dataset");

        String before = Files.readString(json);
        GanRunner.Run again = run("eval", "jsd", "--dataset", data.toString(), "--samples", samples.toString(),
                "--json", json.toString());
        assertOneError(again, 1, "already exists; use --force");
        assertEquals(before, Files.readString(json));
        // a directory is never replaced by the results file, not even with --force
        Path dir = Files.createDirectories(json.resolveSibling("a-dir"));
        Files.writeString(dir.resolve("keep.txt"), "mine");
        assertOneError(run("eval", "jsd", "--dataset", data.toString(), "--samples", samples.toString(), "--json",
                dir.toString(), "--force"), 1, "is a directory; --json takes a file name");
        assertEquals("mine", Files.readString(dir.resolve("keep.txt")));
        GanRunner.Run forced = run("eval", "jsd", "--dataset", data.toString(), "--samples", samples.toString(),
                "--json", json.toString(), "--force", "--floor-repeats", "3");
        assertEquals(0, forced.code(), forced.err());
        JsonNode f = new ObjectMapper().readTree(json.toFile());
        assertEquals(6, f.get("jsd").size());
        assertEquals(6, f.get("floor_std").size());
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains("partial")), "no temporary file left");
        }
    }

    // a missing sample file
    @Test
    void missingSamples() {
        assertOneError(run("eval", "jsd", "--dataset", data.toString(), "--samples", tmp.resolve("no.txt").toString()),
                1, "no.txt: no such sample file");
    }

    // an empty sample file
    @Test
    void emptySamples() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.txt"));
        assertOneError(run("eval", "jsd", "--dataset", data.toString(), "--samples", empty.toString()), 1,
                "empty sample file");
    }

    // a dataset without a vocabulary
    @Test
    void datasetWithoutVocabulary() throws Exception {
        Files.delete(data.resolve(Dataset.VOCAB));
        assertOneError(run("eval", "jsd", "--dataset", data.toString(), "--samples", samples.toString()), 1,
                "dataset has no vocabulary");
    }

    // n out of range, or longer than the lines, or not a list: usage errors
    @Test
    void nOutOfRange() {
        assertOneError(run("eval", "jsd", "--dataset", data.toString(), "--samples", samples.toString(), "--n", "0..4"),
                2, "n = 0 is out of range");
        assertOneError(run("eval", "jsd", "--dataset", data.toString(), "--samples", samples.toString(), "--n", "9"),
                2, "n = 9 is out of range");
        assertOneError(run("eval", "jsd", "--dataset", data.toString(), "--samples", samples.toString(), "--n", "two"),
                2, "is not a list");
        // the dataset's lines have 8 symbols: n = 8 is fine, there is no n = 9 anyway; check the message on a
        // dataset limit with --n 8 on 8-symbol lines
        assertEquals(0, run("eval", "jsd", "--dataset", data.toString(), "--samples", samples.toString(), "--n", "8")
                .code());
    }

    // a sample longer than the dataset's sequence length is an error (the line is named); --truncate cuts it
    @Test
    void sampleLongerThanSequence() throws Exception {
        Files.writeString(samples, "abc\nabcdeabcde\n");
        assertOneError(run("eval", "jsd", "--dataset", data.toString(), "--samples", samples.toString()), 1,
                "samples.txt:2: sample of 10 symbols is longer than the dataset's sequence length 8");
        assertEquals(0, run("eval", "jsd", "--dataset", data.toString(), "--samples", samples.toString(),
                "--truncate").code());
    }

    // a damaged cache is rebuilt with a warning on stderr, and the scores do not change
    @Test
    void damagedCacheRebuilt() throws Exception {
        GanRunner.Run first = run("eval", "jsd", "--dataset", data.toString(), "--samples", samples.toString());
        assertEquals(0, first.code(), first.err());
        Path f = data.resolve("ngrams/true-n4.bin");
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 0x10;
        Files.write(f, b);
        GanRunner.Run second = run("eval", "jsd", "--dataset", data.toString(), "--samples", samples.toString());
        assertEquals(0, second.code(), second.err());
        assertTrue(second.err().contains("true-n4.bin: cached 4-gram model is stale"), second.err());
        assertEquals(first.out(), second.out());
    }
}
