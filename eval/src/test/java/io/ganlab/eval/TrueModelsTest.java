package io.ganlab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.corpus.Dataset;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache of true models: reused when valid; stale or damaged caches are rebuilt, never used. */
class TrueModelsTest {
    @TempDir
    Path tmp;

    private Dataset ds;
    private short[][] train;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() {
        SplittableRandom rnd = new SplittableRandom(17);
        train = TestData.lines(rnd, 400, 10, 9);
        ds = TestData.dataset(tmp.resolve("data"), 12, 10, train, TestData.lines(rnd, 50, 10, 9));
    }

    private NgramModel load(int n, String version) {
        return TrueModels.load(ds, n, version, 2, log::add);
    }

    private void assertExact(NgramModel m, int n) {
        Map<List<Integer>, Long> expected = TestData.counts(train, n);
        assertEquals(expected.size(), m.distinct());
        for (var e : expected.entrySet()) {
            assertEquals((long) e.getValue(), m.count(e.getKey().stream().mapToInt(Integer::intValue).toArray(), 0));
        }
    }

    // the first load counts and writes the cache; the second reads it, silently, with the same counts
    @Test
    void writtenThenReused() throws Exception {
        Path f = TrueModels.file(ds, 4);
        assertExact(load(4, "v1"), 4);
        assertTrue(Files.isRegularFile(f));
        long modified = Files.getLastModifiedTime(f).toMillis();
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(modified - 10_000));
        assertExact(load(4, "v1"), 4);
        assertEquals(List.of(), log);
        assertEquals(modified - 10_000, Files.getLastModifiedTime(f).toMillis(), "the cache was rewritten");
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    // several orders at once: a cached one is read as it is, the others are counted together (the smaller from
    // the largest) and cached; every model equals brute force, and the caches equal those of one order at a time
    @Test
    void severalOrdersAtOnce() throws Exception {
        byte[] alone = null;
        for (int n = 1; n <= 6; n++) {
            assertExact(load(n, "v1"), n);
            if (n == 5) {
                alone = Files.readAllBytes(TrueModels.file(ds, 5));
            }
        }
        for (int n : new int[] {1, 2, 3, 5, 6}) {
            Files.delete(TrueModels.file(ds, n));
        }
        long modified = Files.getLastModifiedTime(TrueModels.file(ds, 4)).toMillis();
        Files.setLastModifiedTime(TrueModels.file(ds, 4), java.nio.file.attribute.FileTime.fromMillis(modified - 10_000));
        int[] ns = {6, 1, 4, 2, 5, 3};
        NgramModel[] ms = TrueModels.load(ds, ns, "v1", 2, log::add);
        for (int i = 0; i < ns.length; i++) {
            assertEquals(ns[i], ms[i].n());
            assertExact(ms[i], ns[i]);
            assertTrue(Files.isRegularFile(TrueModels.file(ds, ns[i])));
        }
        assertEquals(modified - 10_000, Files.getLastModifiedTime(TrueModels.file(ds, 4)).toMillis(), "n=4 was cached");
        org.junit.jupiter.api.Assertions.assertArrayEquals(alone, Files.readAllBytes(TrueModels.file(ds, 5)));
        assertEquals(List.of(), log);
    }

    // another tool version: stale, counted again and replaced
    @Test
    void otherVersionIsStale() {
        load(3, "v1");
        assertExact(load(3, "v2"), 3);
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).contains("stale (made by tool version v1, this is v2)"), log.get(0));
        log.clear();
        load(3, "v2");
        assertEquals(List.of(), log, "the rebuilt cache is used");
    }

    // a cache of another n (renamed file) or of another dataset (other checksum) is stale
    @Test
    void otherNOrDatasetIsStale() throws Exception {
        load(2, "v1");
        Files.copy(TrueModels.file(ds, 2), TrueModels.file(ds, 5), StandardCopyOption.REPLACE_EXISTING);
        assertExact(load(5, "v1"), 5);
        assertTrue(log.get(0).contains("stale (made with parameters [1, 2, 12, 10], wanted [1, 5, 12, 10])"),
                log.toString());

        // the same directory name holding other lines: other checksum
        log.clear();
        SplittableRandom rnd = new SplittableRandom(99);
        short[][] other = TestData.lines(rnd, 300, 10, 9);
        Path ngrams = tmp.resolve("data/ngrams");
        Path keep = tmp.resolve("kept-ngrams");
        Files.move(ngrams, keep);
        train = other;
        ds = TestData.dataset(tmp.resolve("data"), 12, 10, other, TestData.lines(rnd, 50, 10, 9));
        Files.move(keep, ngrams);
        assertExact(load(2, "v1"), 2);
        assertTrue(log.get(0).contains("stale (made for another version of the dataset"), log.toString());
    }

    // one flipped byte anywhere (header or contents) or a truncated file: detected and rebuilt
    @Test
    void corruptIsRebuilt() throws Exception {
        load(4, "v1");
        Path f = TrueModels.file(ds, 4);
        byte[] good = Files.readAllBytes(f);
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 12; trial++) {
            int at = trial < 4 ? good.length - 1 - trial * 7 : rnd.nextInt(good.length);
            byte[] bad = good.clone();
            bad[at] ^= (byte) (1 << rnd.nextInt(8));
            Files.write(f, bad);
            log.clear();
            assertExact(load(4, "v1"), 4);
            assertEquals(1, log.size(), "flipped byte " + at + ": " + log);
            assertTrue(Files.readAllBytes(f).length == good.length, "rewritten");
        }
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(good.length - 9);
        }
        log.clear();
        assertExact(load(4, "v1"), 4);
        assertTrue(log.get(0).contains("truncated"), log.toString());
        org.junit.jupiter.api.Assertions.assertArrayEquals(good, Files.readAllBytes(f));
    }
}
