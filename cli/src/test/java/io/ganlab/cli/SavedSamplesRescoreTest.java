package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 5: {@code gan eval jsd} on a run's saved {@code samples/iter-N.txt} gives the JSD the run logged in
 * {@code metrics.jsonl}, number for number, even where the text cannot encode back to the scored ids (unk written as
 * U+FFFD; in byte mode, bytes that are not UTF-8).
 */
class SavedSamplesRescoreTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] WORDS = {"the", "of", "and", "to", "a", "in", "he", "for", "one", "people", "over", "more",
        "when", "some", "time", "world", "house", "government", "before", "two", "men", "year", "second", "home"};

    @TempDir
    Path tmp;

    /** English-like lines with every e written é and every o written ö (two UTF-8 bytes each), as in the issue. */
    Path accentedText() throws IOException {
        Random r = new Random(13);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            StringBuilder sb = new StringBuilder();
            int words = 3 + r.nextInt(5);
            for (int w = 0; w < words; w++) {
                sb.append(w == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
            }
            lines.add((sb + " .").replace('e', 'é').replace('o', 'ö'));
        }
        Path in = tmp.resolve("accented.txt");
        Files.write(in, lines, StandardCharsets.UTF_8);
        return in;
    }

    Path prepare(Path text, String symbols) {
        Path out = tmp.resolve("data-" + symbols);
        GanRunner.Run p = GanRunner.run("corpus", "prepare", "--input", text.toString(), "--output", out.toString(),
                "--symbols", symbols, "--valid", "100", "--quiet");
        assertEquals(0, p.code(), p.err());
        return out;
    }

    /** A few iterations of a tiny generator, evaluated at 0, 2 and 4: its samples hold plenty of unk and stray bytes. */
    Path train(Path data, String name) {
        Path run = tmp.resolve(name);
        GanRunner.Run r = GanRunner.run("textgan", "train", "--dataset", data.toString(), "--out", run.toString(),
                "--dim", "16", "--batch", "16", "--critic-iters", "1", "--iterations", "4", "--eval-every", "2",
                "--eval-samples", "64", "--checkpoint-every", "4", "--seed", "2", "--quiet");
        assertEquals(0, r.code(), r.err());
        return run;
    }

    static List<JsonNode> evals(Path run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode n = JSON.readTree(l);
            if (n.get("kind").asText().equals("eval")) {
                out.add(n);
            }
        }
        return out;
    }

    JsonNode evalJsd(Path data, Path samples, String... extra) throws IOException {
        Path json = Files.createTempFile(tmp, "jsd", ".json");
        Files.delete(json);
        List<String> args = new ArrayList<>(List.of("eval", "jsd", "--dataset", data.toString(), "--samples",
                samples.toString(), "--json", json.toString()));
        args.addAll(List.of(extra));
        GanRunner.Run r = GanRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.toString());
        return ((ObjectNode) JSON.readTree(json.toFile())).put("stderr", r.err());
    }

    /** The logged eval line and the re-scored report agree exactly: JSD, distinct n-grams, copies, sample count. */
    static void assertSameScores(JsonNode logged, JsonNode rescored, String where) {
        assertEquals(logged.get("samples").asInt(), rescored.get("samples").asInt(), where);
        for (String key : List.of("jsd", "distinct")) {
            JsonNode want = logged.get(key);
            assertEquals(6, want.size(), where + " " + key);
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                // the same ids through the same counts: the same double, bit for bit
                assertEquals(e.getValue().asDouble(), rescored.get(key).get(e.getKey()).asDouble(), 0.0,
                        where + " " + key + " n=" + e.getKey());
            }
        }
        assertEquals(logged.get("copied").asDouble(), rescored.get("copied").asDouble(), 0.0, where + " copied");
    }

    // byte mode on accented text: every saved sample file re-scores to the logged JSD for each n, although its text,
    // read back as text, gives other values (that is what eval jsd did before the ids were saved)
    @Test
    void byteModeSamplesRescoreToTheLoggedJsd() throws IOException {
        Path data = prepare(accentedText(), "byte");
        Path run = train(data, "run-byte");
        List<JsonNode> evals = evals(run);
        assertEquals(List.of(0L, 2L, 4L), evals.stream().map(n -> n.get("iteration").asLong()).toList());
        boolean textDiffers = false;
        for (JsonNode logged : evals) {
            long it = logged.get("iteration").asLong();
            Path txt = run.resolve(String.format("samples/iter-%08d.txt", it));
            Path ids = run.resolve(String.format("samples/iter-%08d.ids", it));
            String text = Files.readString(txt, StandardCharsets.UTF_8);
            assertEquals(64, text.lines().count());
            assertTrue(text.contains("\uFFFD"), "the case of the issue: unk or stray bytes written as U+FFFD");

            JsonNode rescored = evalJsd(data, txt);
            assertSameScores(logged, rescored, "iteration " + it);
            assertEquals(64L * 32 * 2, Files.size(ids), "64 samples of 32 uint16 ids");
            assertTrue(rescored.get("stderr").asText().contains("scoring the symbol ids saved in"),
                    rescored.get("stderr").asText());
            assertSameScores(logged, evalJsd(data, ids), "iteration " + it + ", the .ids file given itself");

            // the same text without its ids: scored as text (which needs --truncate here), it gives another JSD
            Path alone = Files.copy(txt, tmp.resolve("alone-" + it + ".txt"));
            JsonNode asText = evalJsd(data, alone, "--truncate");
            textDiffers |= !asText.get("jsd").equals(logged.get("jsd"));
        }
        assertTrue(textDiffers, "the text alone re-scores to the logged JSD: this test would not show the loss");
    }

    // code-point mode (the default) keeps working, with unk written U+FFFD in its text; ids that do not belong to
    // the text beside them (the text edited) are not used: the text is scored, and stderr says so
    @Test
    void codepointModeSamplesRescoreAndEditedTextIsScoredAsText() throws IOException {
        Path data = prepare(accentedText(), "codepoint");
        Path run = train(data, "run-codepoint");
        for (JsonNode logged : evals(run)) {
            long it = logged.get("iteration").asLong();
            Path txt = run.resolve(String.format("samples/iter-%08d.txt", it));
            assertSameScores(logged, evalJsd(data, txt), "iteration " + it);
        }

        Path txt = tmp.resolve("edited.txt");
        Files.copy(run.resolve("samples/iter-00000004.txt"), txt);
        Files.copy(run.resolve("samples/iter-00000004.ids"), tmp.resolve("edited.ids"));
        Files.writeString(txt, "thé hömé\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        JsonNode r = evalJsd(data, txt, "--truncate");
        assertEquals(65, r.get("samples").asInt(), "the 64 saved samples and the added line, read as text");
        assertTrue(r.get("stderr").asText().contains("is not the text of the ids in edited.ids"), r.get("stderr").asText());
        // a damaged ids file given itself is one error line
        Path cut = tmp.resolve("cut.ids");
        Files.write(cut, new byte[] {1, 0, 2});
        GanRunner.Run bad = GanRunner.run("eval", "jsd", "--dataset", data.toString(), "--samples", cut.toString());
        assertEquals(1, bad.code(), bad.toString());
        assertEquals(1, bad.errLines().size(), bad.err());
        assertTrue(bad.err().contains("3 bytes is not a whole number of lines of 32"), bad.err());
        assertFalse(bad.err().contains("Exception"), bad.err());
    }
}
