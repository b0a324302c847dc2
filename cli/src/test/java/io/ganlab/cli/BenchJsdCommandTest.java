package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ganlab.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan bench jsd} on a tiny dataset: the figures are printed, parse and agree. */
class BenchJsdCommandTest {
    @TempDir
    Path tmp;

    // the whole benchmark on 3,000 lines: exit 0, figures on stdout, the work directory kept and reusable
    @Test
    void smallRun() throws Exception {
        Path work = tmp.resolve("w");
        GanRunner.Run r = GanRunner.run("bench", "jsd", "--lines", "3000", "--valid", "700", "--samples",
                "640", "--repeats", "1", "--heap", "512m", "--workdir", work.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("true models n=1..6 of 3,000 lines x 32, vocabulary 76 (6-gram keys of one 64-bit"
                + " word): built in"), r.out());
        assertTrue(r.out().contains("score 640 samples, n=1..6: median"), r.out());
        assertTrue(Files.isRegularFile(work.resolve("dataset/ngrams/true-n6.bin")));
        // the figures parse and agree: times positive, the build the sum of its parts (each rounded to 0.1 s), a
        // peak heap under the cap
        Matcher built = Pattern.compile("built in ([0-9.]+) s \\(n-grams ([0-9.]+) s \\+ line index ([0-9.]+) s;"
                + " ([0-9.]+) s of CPU\\), peak heap ([0-9,]+) MB \\(-Xmx512m\\)").matcher(r.out());
        assertTrue(built.find(), r.out());
        double total = Double.parseDouble(built.group(1));
        double parts = Double.parseDouble(built.group(2)) + Double.parseDouble(built.group(3));
        assertTrue(total > 0 && Math.abs(total - parts) <= 0.16, "build " + total + " vs parts " + parts);
        long peakMb = Long.parseLong(built.group(5).replace(",", ""));
        assertTrue(peakMb > 0 && peakMb <= 512, "peak heap " + peakMb);
        // one unigram per symbol the chain emits (74) plus padding: at most 75 distinct, and many 6-grams
        JsonNode perN = Json.LINE.readTree(line(r.out(), "per n: ").substring("per n: ".length()));
        assertEquals(6, perN.size());
        int unigrams = perN.get("1").get("distinct").asInt();
        assertTrue(unigrams > 1 && unigrams <= 75, "distinct unigrams " + unigrams);
        assertTrue(perN.get("6").get("distinct").asInt() > unigrams, perN.toString());
        Matcher score = Pattern.compile("median ([0-9.]+) s over 1 runs").matcher(r.out());
        assertTrue(score.find() && Double.parseDouble(score.group(1)) > 0, r.out());
    }

    // the same text under the reference's largest vocabulary takes the two-word keys and must score the same:
    // unused symbols change the keys, never the n-gram counts
    @Test
    void largeVocabularyScoresTheSameText() {
        String[] common = {"bench", "jsd", "--lines", "3000", "--valid", "700", "--samples", "640", "--repeats", "1",
                "--heap", "512m"};
        GanRunner.Run small = GanRunner.run(concat(common, "--workdir", tmp.resolve("v76").toString()));
        GanRunner.Run large = GanRunner.run(concat(common, "--vocab", "2048", "--workdir",
                tmp.resolve("v2048").toString()));
        assertEquals(0, large.code(), large.err());
        assertTrue(large.out().contains("vocabulary 2048 (6-gram keys of two 64-bit words)"), large.out());
        assertEquals(jsdLine(small.out()), jsdLine(large.out()));
        assertTrue(jsdLine(small.out()).contains("\"6\""), small.out());
    }

    // a vocabulary smaller than the chain's alphabet is a usage error
    @Test
    void tooSmallVocabularyIsUsageError() {
        GanRunner.Run r = GanRunner.run("bench", "jsd", "--vocab", "20");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--vocab must lie in 76..2048, got 20"), r.err());
    }

    private static String jsdLine(String out) {
        return line(out, "jsd ");
    }

    private static String line(String out, String start) {
        return out.lines().map(String::trim).filter(l -> l.startsWith(start)).findFirst().orElse("(no line " + start + ")");
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
