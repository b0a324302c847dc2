package io.ganlab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark-shaped text: the real layout and names, whole tokenized sentences, the size asked for. */
class BenchmarkShapedTextTest {
    @TempDir
    Path tmp;

    // 3 MB in 1 MB shards named like the benchmark's, the returned size the shards' total, a held-out shard
    @Test
    void layoutNamesAndSize() throws IOException {
        Path root = tmp.resolve(BenchmarkShapedText.ROOT);
        long written = BenchmarkShapedText.write(root, 3L << 20, 7L);
        List<Path> shards = list(root.resolve(BenchmarkShapedText.TRAIN));
        assertEquals(List.of("news.en-00001-of-00100", "news.en-00002-of-00100", "news.en-00003-of-00100"),
                shards.stream().map(p -> p.getFileName().toString()).toList());
        long total = 0;
        for (Path p : shards) {
            total += Files.size(p);
        }
        assertEquals(written, total);
        // each shard's target is what is still missing, and a shard stops after the sentence that crosses it:
        // over by less than one sentence (at most about 80 tokens of at most 18 bytes)
        assertTrue(written >= 3L << 20 && written < (3L << 20) + 1500, "written " + written);
        List<Path> held = list(root.resolve(BenchmarkShapedText.HELDOUT));
        assertEquals(List.of("news.en.heldout-00000-of-00050"), held.stream().map(p -> p.getFileName().toString())
                .toList());
    }

    // tokenized sentences: single spaces between non-empty tokens, each ending in " ." and a newline
    @Test
    void sentencesAreTokenized() throws IOException {
        Path root = tmp.resolve("t");
        BenchmarkShapedText.write(root, 1 << 20, 3L);
        String text = Files.readString(list(root.resolve(BenchmarkShapedText.TRAIN)).get(0), StandardCharsets.UTF_8);
        assertTrue(text.endsWith(" .\n"));
        List<String> lines = text.lines().toList();
        assertTrue(lines.size() > 5000, "about 150 bytes a sentence: " + lines.size());
        for (String line : lines) {
            assertTrue(line.endsWith(" ."), line);
            assertFalse(line.contains("  ") || line.startsWith(" "), line);
            int tokens = line.split(" ").length - 1;
            assertTrue(tokens >= 5, "at least 5 tokens before the full stop: " + line);
        }
    }

    // the same seed writes the same bytes; another seed other bytes
    @Test
    void seeded() throws IOException {
        BenchmarkShapedText.write(tmp.resolve("a"), 1 << 20, 5L);
        BenchmarkShapedText.write(tmp.resolve("b"), 1 << 20, 5L);
        BenchmarkShapedText.write(tmp.resolve("c"), 1 << 20, 6L);
        byte[] a = Files.readAllBytes(list(tmp.resolve("a").resolve(BenchmarkShapedText.TRAIN)).get(0));
        byte[] b = Files.readAllBytes(list(tmp.resolve("b").resolve(BenchmarkShapedText.TRAIN)).get(0));
        byte[] c = Files.readAllBytes(list(tmp.resolve("c").resolve(BenchmarkShapedText.TRAIN)).get(0));
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
