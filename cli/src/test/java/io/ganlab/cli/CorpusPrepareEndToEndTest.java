package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan corpus prepare} on a benchmark-shaped fixture, as a directory and as a .tar.gz, checked byte for
 * byte against {@link ReferenceLoader}.
 */
class CorpusPrepareEndToEndTest {
    @TempDir
    static Path tmp;
    static BenchmarkFixture fixture;

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void fixture() throws IOException {
        fixture = BenchmarkFixture.write(tmp, 4, 150, 11L);
    }

    private static GanRunner.Run prepare(Path input, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("corpus", "prepare", "-q", "--input", input.toString(),
                "--output", out.toString()));
        args.addAll(List.of(extra));
        GanRunner.Run r = GanRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.toString());
        return r;
    }

    static List<short[]> lines(Path file, int seqLen) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, b.remaining() % (2 * seqLen), file + " holds whole lines");
        List<short[]> out = new ArrayList<>();
        while (b.hasRemaining()) {
            short[] l = new short[seqLen];
            for (int k = 0; k < seqLen; k++) {
                l[k] = b.getShort();
            }
            out.add(l);
        }
        return out;
    }

    /** The dataset in {@code out} is exactly the expected one: both splits line by line, the vocabulary. */
    static void assertDataset(ReferenceLoader.Expected want, Path out, int seqLen, String symbols) throws IOException {
        JsonNode vocab = JSON.readTree(out.resolve("vocab.json").toFile());
        assertEquals(symbols, vocab.get("symbols").asText());
        int[] codes = new int[vocab.get("codes").size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = vocab.get("codes").get(i).asInt();
        }
        assertArrayEquals(want.codes(), codes, "vocabulary codes by id");
        assertLines(want.train(), lines(out.resolve("train.bin"), seqLen), "train");
        assertLines(want.valid(), lines(out.resolve("valid.bin"), seqLen), "valid");
        JsonNode m = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals(want.train().size(), m.get("train").get("lines").asLong());
        assertEquals(want.valid().size(), m.get("valid").get("lines").asLong());
        assertEquals(want.truncatedTrain(), m.get("train").get("truncatedLines").asLong());
    }

    private static void assertLines(List<short[]> want, List<short[]> got, String split) {
        assertEquals(want.size(), got.size(), split + " lines");
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i), got.get(i), split + " line " + i);
        }
    }

    private static byte[] bytes(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    private static void assertSameDataset(Path a, Path b) throws IOException {
        for (String f : List.of("train.bin", "valid.bin", "vocab.json")) {
            assertArrayEquals(bytes(a.resolve(f)), bytes(b.resolve(f)), f + " of " + a + " and " + b);
        }
        assertEquals(JSON.readTree(a.resolve("manifest.json").toFile()).get("checksum"),
                JSON.readTree(b.resolve("manifest.json").toFile()).get("checksum"));
    }

    // the extracted directory, code points, held-out folder as validation: exactly the reference's dataset;
    // the limit stops reading inside the third shard, blank lines are skipped and counted
    @Test
    void directoryMatchesReference() throws IOException {
        Path out = tmp.resolve("dir-cp");
        GanRunner.Run r = prepare(fixture.dir, out, "--max-examples", "400", "--valid", "30", "--seed", "5");
        ReferenceLoader.Expected want = ReferenceLoader.load(fixture.dir, 32, 400, 2048, 5, 30, true, false);
        assertEquals(400, want.train().size());
        assertDataset(want, out, 32, "codepoint");
        JsonNode m = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals(want.blankSkipped(), m.get("counts").get("blankSkipped").asLong());
        assertTrue(want.blankSkipped() > 0, "the fixture has whitespace-only lines");
        assertEquals("heldout", m.get("options").get("validFrom").asText());
        assertTrue(r.out().contains("lines     400 train + 30 valid (heldout), 32 symbols each"), r.out());
    }

    // byte symbols, a small vocabulary (so unk appears), a split of the training lines, another length and seed
    @Test
    void byteModeSplitMatchesReference() throws IOException {
        Path out = tmp.resolve("dir-byte");
        prepare(fixture.dir, out, "--symbols", "byte", "--valid-source", "split", "--valid", "40", "--max-examples",
                "250", "--vocab-size", "24", "--seq-len", "20", "--seed", "7");
        ReferenceLoader.Expected want = ReferenceLoader.load(fixture.dir, 20, 250, 24, 7, 40, false, true);
        assertDataset(want, out, 20, "byte");
        assertTrue(want.train().stream().anyMatch(l -> {
            for (short s : l) {
                if (s == 0) {
                    return true;
                }
            }
            return false;
        }), "unk occurs");
    }

    // all lines of the input (limit above its size): nothing dropped, every shard complete in the manifest
    @Test
    void wholeInputMatchesReference() throws IOException {
        Path out = tmp.resolve("dir-all");
        prepare(fixture.dir, out, "--max-examples", "100000", "--valid", "1000");
        ReferenceLoader.Expected want = ReferenceLoader.load(fixture.dir, 32, 100000, 2048, 1, 1000, true, false);
        assertDataset(want, out, 32, "codepoint");
        JsonNode sources = JSON.readTree(out.resolve("manifest.json").toFile()).get("sources");
        assertEquals(6, sources.size());
        sources.forEach(s -> assertTrue(s.get("complete").asBoolean(), s.toString()));
    }

    // the .tar.gz, read in place, gives the same dataset as its extracted directory
    @Test
    void archiveMatchesDirectory() throws IOException {
        Path tgz = BenchmarkFixture.archive(tmp.resolve("in-order").resolve(BenchmarkFixture.ARCHIVE),
                fixture.members());
        Path fromDir = tmp.resolve("dir-a");
        Path fromTgz = tmp.resolve("tgz-a");
        prepare(fixture.dir, fromDir, "--max-examples", "400", "--valid", "30", "--seed", "5");
        prepare(tgz, fromTgz, "--max-examples", "400", "--valid", "30", "--seed", "5");
        assertSameDataset(fromDir, fromTgz);
    }

    // an archive listing its shards out of numeric order gives the same dataset as the directory: shards are put
    // back in numeric order, also when the limit falls in a shard listed before the earlier ones
    @Test
    void archiveOutOfOrderMatchesDirectory() throws IOException {
        List<BenchmarkFixture.Member> m = fixture.members(); // train 1..4, heldout 0..1
        List<BenchmarkFixture.Member> shuffled = List.of(m.get(2), m.get(5), m.get(0), m.get(3), m.get(4), m.get(1));
        Path tgz = BenchmarkFixture.archive(tmp.resolve("out-of-order").resolve(BenchmarkFixture.ARCHIVE), shuffled);
        for (String limit : List.of("400", "100000")) {
            Path fromDir = tmp.resolve("dir-o" + limit);
            Path fromTgz = tmp.resolve("tgz-o" + limit);
            prepare(fixture.dir, fromDir, "--max-examples", limit, "--valid", "30", "--seed", "3");
            prepare(tgz, fromTgz, "--max-examples", limit, "--valid", "30", "--seed", "3");
            assertSameDataset(fromDir, fromTgz);
            // the manifest counts the lines kept from each member, not those read past the limit
            JsonNode manifest = JSON.readTree(fromTgz.resolve("manifest.json").toFile());
            long trainLines = manifest.get("train").get("lines").asLong();
            assertEquals(30, manifest.get("valid").get("lines").asLong());
            long train = 0;
            long held = 0;
            long archive = -1;
            for (JsonNode src : manifest.get("sources")) {
                long n = src.get("lines").asLong();
                switch (src.get("role").asText()) {
                    case "train" -> train += n;
                    case "heldout" -> held += n;
                    default -> archive = n;
                }
            }
            assertEquals(trainLines, train, "train lines of the members");
            assertEquals(30, held, "held-out lines of the members");
            assertEquals(trainLines + 30, archive, "lines of the archive");
        }
    }

    // the dataset holds only its four files: no scratch files, no partial directory beside it
    @Test
    void datasetHoldsOnlyItsFiles() throws IOException {
        Path parent = Files.createDirectories(tmp.resolve("clean"));
        prepare(fixture.dir, parent.resolve("ds"), "--max-examples", "100", "--valid", "10");
        try (var s = Files.list(parent.resolve("ds"))) {
            assertEquals(List.of("manifest.json", "train.bin", "valid.bin", "vocab.json"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (var s = Files.list(parent)) {
            assertEquals(List.of("ds"), s.map(p -> p.getFileName().toString()).toList());
        }
        assertFalse(Files.exists(parent.resolve("ds").resolve("scratch")));
    }
}
