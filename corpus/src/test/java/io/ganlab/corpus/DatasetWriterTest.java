package io.ganlab.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetWriterTest {
    @TempDir
    Path tmp;

    private static final Vocabulary VOCAB = new Vocabulary(Symbols.CODEPOINT, new int[] {-1, '`', 'a'});

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Manifest.Counts counts() {
        return new Manifest.Counts(2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1);
    }

    private Manifest writeSmall(Path out, boolean force) throws IOException {
        try (DatasetWriter w = DatasetWriter.create(out, force)) {
            Files.writeString(w.scratch().resolve("lines.scratch"), "scratch data");
            w.begin(VOCAB, 3);
            w.addTrain(new short[] {2, 2, 1}, 2);
            w.addTrain(new short[] {2, 0, 2}, 7);
            w.addValid(new short[] {1, 1, 1}, 0);
            return w.commit(List.of(), counts(), Map.of("seqLen", 3));
        }
    }

    // the dataset appears complete: the four files, no scratch directory (bug: scratch files were left in it),
    // no partial sibling; train.bin holds little-endian uint16 ids row by row
    @Test
    void commitWritesExactlyTheDataset() throws IOException {
        Path out = tmp.resolve("ds");
        Manifest m = writeSmall(out, false);
        assertEquals(List.of("ds"), names(tmp));
        assertEquals(List.of("manifest.json", "train.bin", "valid.bin", "vocab.json"), names(out));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(out.resolve("train.bin"))).order(ByteOrder.LITTLE_ENDIAN);
        short[] ids = new short[6];
        b.asShortBuffer().get(ids);
        assertArrayEquals(new short[] {2, 2, 1, 2, 0, 2}, ids);
        assertEquals(2, m.train().lines());
        assertEquals(1, m.train().unkSymbols());
        assertEquals(1, m.train().truncatedLines()); // the line of original length 7 > 3
        assertEquals(Map.of(2, 1L, 7, 1L), m.train().lengthHistogram());
        Dataset ds = Dataset.open(out);
        assertEquals(VOCAB, ds.vocabulary());
        assertArrayEquals(new short[] {2, 0, 2}, ds.train().line(1));
        assertArrayEquals(new short[] {1, 1, 1}, ds.valid().line(0));
    }

    // closing without commit (an error or an interruption) leaves nothing behind
    @Test
    void abandonedWriteLeavesNothing() throws IOException {
        Path out = tmp.resolve("ds");
        try (DatasetWriter w = DatasetWriter.create(out, false)) {
            w.begin(VOCAB, 3);
            w.addTrain(new short[] {2, 2, 1}, 2);
            assertEquals(1, names(tmp).size()); // the partial directory exists while writing...
            assertTrue(names(tmp).get(0).startsWith(".ds.partial-"), names(tmp).toString());
        }
        assertEquals(List.of(), names(tmp)); // ...and is gone after
    }

    // an existing dataset is kept without --force, replaced with it; a directory that is no dataset never
    @Test
    void existingOutput() throws IOException {
        Path out = tmp.resolve("ds");
        writeSmall(out, false);
        String before = Files.readString(out.resolve("manifest.json"));
        CorpusException e = assertThrows(CorpusException.class, () -> DatasetWriter.create(out, false));
        assertEquals(out + ": already exists; use --force to replace it", e.getMessage());
        assertEquals(before, Files.readString(out.resolve("manifest.json")));
        writeSmall(out, true);
        assertEquals(List.of("ds"), names(tmp));

        Path mine = tmp.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("thesis.tex"), "precious");
        CorpusException refused = assertThrows(CorpusException.class, () -> DatasetWriter.create(mine, true));
        assertTrue(refused.getMessage().contains("is not a dataset; refusing to replace it even with --force"));
        assertTrue(Files.exists(mine.resolve("thesis.tex")));
        Path file = tmp.resolve("file");
        Files.writeString(file, "x");
        assertThrows(CorpusException.class, () -> DatasetWriter.create(file, true));
    }

    // opening a damaged dataset fails with a message naming the file
    @Test
    void damagedDatasetIsRefused() throws IOException {
        Path out = tmp.resolve("ds");
        writeSmall(out, false);
        Files.write(out.resolve("train.bin"), new byte[5]);
        CorpusException e = assertThrows(CorpusException.class, () -> Dataset.open(out));
        assertTrue(e.getMessage().contains("train.bin: size 5 bytes, expected 12"), e.getMessage());
        Files.delete(out.resolve("manifest.json"));
        CorpusException noManifest = assertThrows(CorpusException.class, () -> Dataset.open(out));
        assertTrue(noManifest.getMessage().contains("not a dataset (no manifest.json)"), noManifest.getMessage());
        assertFalse(Files.exists(out.resolve("manifest.json")));
    }
}
