package io.ganlab.corpus.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.corpus.CorpusException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
    @TempDir
    Path tmp;

    private static List<String> names(InputFiles.Found f) {
        return f.files().stream().map(x -> x.path().getFileName() + ":" + x.role().id() + ":" + x.kind().id).toList();
    }

    // the benchmark's extracted directory: training shards in numeric order, then the held-out shards;
    // other files in it are not read
    @Test
    void benchmarkDirectory() throws IOException {
        Path train = Files.createDirectories(tmp.resolve(Benchmark.TRAIN_DIR));
        Path held = Files.createDirectories(tmp.resolve(Benchmark.HELDOUT_DIR));
        for (int s : new int[] {10, 2, 1}) {
            Files.writeString(train.resolve(String.format("news.en-%05d-of-00100", s)), "x\n");
        }
        Files.writeString(train.resolve("README"), "not a shard");
        Files.writeString(held.resolve("news.en.heldout-00001-of-00050"), "y\n");
        Files.writeString(held.resolve("news.en.heldout-00000-of-00050"), "y\n");
        InputFiles.Found f = InputFiles.discover(List.of(tmp));
        assertEquals(List.of("news.en-00001-of-00100:train:plain", "news.en-00002-of-00100:train:plain",
                "news.en-00010-of-00100:train:plain", "news.en.heldout-00000-of-00050:heldout:plain",
                "news.en.heldout-00001-of-00050:heldout:plain"), names(f));
        assertTrue(f.hasHeldout());
        assertTrue(f.files().stream().allMatch(InputFiles.InputFile::benchmark));
    }

    // a plain directory: text files by name, sorted by path, hidden, empty and other files skipped and counted
    @Test
    void plainDirectory() throws IOException {
        Files.createDirectories(tmp.resolve("sub"));
        Files.writeString(tmp.resolve("b.txt"), "b\n");
        Files.writeString(tmp.resolve("sub/a.TXT"), "a\n");
        Files.write(tmp.resolve("c.gz"), new byte[] {31, -117});
        Files.writeString(tmp.resolve("empty.txt"), "");
        Files.writeString(tmp.resolve("image.png"), "png");
        Files.writeString(tmp.resolve(".hidden.txt"), "h\n");
        InputFiles.Found f = InputFiles.discover(List.of(tmp));
        assertEquals(List.of("b.txt:train:plain", "c.gz:train:gzip", "a.TXT:train:plain"), names(f));
        assertEquals(1, f.emptySkipped());
        assertEquals(1, f.otherSkipped());
    }

    // a missing path, an empty file and a directory with no text each give one message naming the path
    @Test
    void badPaths() throws IOException {
        Path missing = tmp.resolve("nope.txt");
        assertEquals(missing + ": no such file or directory",
                assertThrows(CorpusException.class, () -> InputFiles.discover(List.of(missing))).getMessage());
        Path empty = Files.writeString(tmp.resolve("empty.txt"), "");
        assertEquals(empty + ": empty file",
                assertThrows(CorpusException.class, () -> InputFiles.discover(List.of(empty))).getMessage());
        Path dir = Files.createDirectories(tmp.resolve("pictures"));
        Files.writeString(dir.resolve("cat.jpg"), "jpg");
        assertTrue(assertThrows(CorpusException.class, () -> InputFiles.discover(List.of(dir))).getMessage()
                .startsWith(dir + ": no text in this directory"));
    }

    // archive members are shards only inside the benchmark's folders
    @Test
    void memberRoles() {
        String root = "1-billion-word-language-modeling-benchmark-r13output/";
        assertEquals(Role.TRAIN, Benchmark.memberRole(root + Benchmark.TRAIN_DIR + "/news.en-00001-of-00100"));
        assertEquals(Role.HELDOUT,
                Benchmark.memberRole(root + Benchmark.HELDOUT_DIR + "/news.en.heldout-00000-of-00050"));
        assertEquals(null, Benchmark.memberRole(root + "README"));
        assertEquals(null, Benchmark.memberRole(root + "elsewhere/news.en-00001-of-00100"));
    }
}
