package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.common.StagedOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} while {@code eval jsd} writes its n-gram cache beside the dataset: the next run scores exactly
 * what a run without any cache scores, and nothing half-written stays in the cache folder.
 */
class CacheKillTest {
    @TempDir
    Path tmp;

    @Test
    void killDuringTheCacheWrite() throws Exception {
        StringBuilder sb = new StringBuilder();
        java.util.Random r = new java.util.Random(3);
        String[] words = {"alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta", "iota", "kappa"};
        for (int i = 0; i < 200_000; i++) {
            for (int w = 0; w < 5; w++) {
                sb.append(w == 0 ? "" : " ").append(words[r.nextInt(words.length)]);
            }
            sb.append('\n');
        }
        Path text = Files.writeString(tmp.resolve("text.txt"), sb.toString());
        Path data = tmp.resolve("data");
        assertEquals(0, GanRunner.run("corpus", "prepare", "-q", "--input", text.toString(), "--output",
                data.toString(), "--valid", "1000").code());
        Path samples = Files.writeString(tmp.resolve("samples.txt"), sb.substring(0, 20_000));
        Path cache = data.resolve("ngrams");

        boolean caught = false;
        for (int attempt = 0; attempt < 5 && !caught; attempt++) {
            StagedOutput.deleteTree(cache);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Gan.class.getName(), "eval", "jsd", "--dataset",
                    data.toString(), "--samples", samples.toString(), "--n", "1..6")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            while (child.isAlive()) {
                if (staging(cache)) {
                    child.destroyForcibly();
                    caught = true;
                    break;
                }
                Thread.sleep(1);
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        }
        assertTrue(caught, "no kill landed during a cache write in 5 attempts");

        // the next run: the same JSD as a run with no cache at all, and no partial file left
        GanRunner.Run after = GanRunner.run("eval", "jsd", "--dataset", data.toString(), "--samples",
                samples.toString(), "--n", "1..6", "--json", tmp.resolve("after.json").toString());
        assertEquals(0, after.code(), after.err());
        try (Stream<Path> s = Files.list(cache)) {
            List<Path> left = s.filter(f -> StagedOutput.isStagingName(f.getFileName().toString())).toList();
            assertTrue(left.isEmpty(), "left in the cache: " + left);
        }
        StagedOutput.deleteTree(cache);
        GanRunner.Run fresh = GanRunner.run("eval", "jsd", "--dataset", data.toString(), "--samples",
                samples.toString(), "--n", "1..6", "--json", tmp.resolve("fresh.json").toString());
        assertEquals(0, fresh.code(), fresh.err());
        assertEquals(io.ganlab.common.Json.LINE.readTree(tmp.resolve("fresh.json").toFile()).get("jsd"),
                io.ganlab.common.Json.LINE.readTree(tmp.resolve("after.json").toFile()).get("jsd"));
    }

    private static boolean staging(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(f -> StagedOutput.isStagingName(f.getFileName().toString()));
        } catch (Exception e) {
            return false;
        }
    }
}
