package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.common.DataCache;
import io.ganlab.corpus.Dataset;
import io.ganlab.corpus.source.DemoCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan demo}, corpus steps, on a cache that already holds a (made-up) fetched corpus: no npm, no network.
 */
class DemoCommandTest {
    @TempDir
    Path tmp;

    // prose with curly quotes and dashes becomes ASCII sentences, both objectives train, sample and get a report;
    // the second run reuses the dataset and the runs
    @Test
    void preparesThenReuses() throws IOException {
        Path cache = tmp.resolve("cache");
        Path corpus = Files.createDirectories(cache.resolve(DemoCorpus.NAME).resolve("data"));
        StringBuilder prose = new StringBuilder();
        for (int p = 0; p < 3000; p++) {
            for (int s = 0; s < 5; s++) {
                prose.append("\u201CClause ").append(p * 5 + s)
                        .append(" holds,\u201D the Congress said \u2014 twice. ");
            }
            prose.append("\n\n");
        }
        Files.writeString(corpus.resolve("1790-Washington.txt"), prose, StandardCharsets.UTF_8);
        Files.writeString(cache.resolve(DemoCorpus.NAME).resolve(DataCache.CONFIG), "input: [data]\n");
        Files.writeString(cache.resolve(DemoCorpus.NAME).resolve(DataCache.INFO), "{}\n");
        Path work = tmp.resolve("work");

        GanRunner.Run r = GanRunner.run("demo", "--workdir", work.toString(), "--cache", cache.toString(),
                "--minutes", "0.1");
        assertEquals(0, r.code(), r.toString());
        Path data = work.resolve("data").resolve(DemoCorpus.NAME);
        Dataset ds = Dataset.open(data);
        assertEquals(15000 - 6400, ds.train().size()); // 3000 paragraphs of 5 sentences, 6400 held out
        assertEquals(6400, ds.valid().size());
        assertEquals(List.of("nfkc", "ascii-punct", "ascii-fold"), ds.manifest().options().get("normalize"));
        for (long i = 0; i < 50; i++) {
            String line = ds.vocabulary().decode(ds.train().line(i), true);
            assertTrue(line.matches("\"Clause \\d+ holds,\" the Congre.*"), line);
        }
        assertTrue(r.out().contains("a few training lines (decoded, padding stripped):"), r.out());
        assertTrue(r.out().contains("  \"Clause "), r.out());

        String checksum = ds.checksum();
        for (String objective : List.of("wgan-gp", "fogan")) {
            Path run = work.resolve("runs").resolve(objective);
            assertTrue(Files.readString(run.resolve("status.json")).contains("\"finished\""), objective);
            assertTrue(Files.readString(run.resolve("metrics.jsonl")).contains("\"jsd\""), objective);
            assertTrue(r.out().contains("samples of " + objective), r.out());
        }
        assertTrue(Files.size(work.resolve("report").resolve("report.html")) > 10_000);
        assertTrue(r.out().contains("report.html"), r.out());

        Path metrics = work.resolve("runs").resolve("fogan").resolve("metrics.jsonl");
        byte[] before = Files.readAllBytes(metrics);
        GanRunner.Run again = GanRunner.run("demo", "--workdir", work.toString(), "--cache", cache.toString(),
                "--minutes", "0.1");
        assertArrayEquals(before, Files.readAllBytes(metrics), "a finished run is reused, not trained again");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("lines     8,600 train + 6,400 valid, 32 symbols each"), again.out());
        assertEquals(checksum, Dataset.open(data).checksum());
    }
}
