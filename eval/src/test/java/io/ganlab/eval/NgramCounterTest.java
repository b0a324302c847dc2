package io.ganlab.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every counting path (direct, buckets in one or several rounds with or without wide windows, partitions) and
 * every thread count gives the brute-force counts, and the paths give identical models.
 */
class NgramCounterTest {

    private interface Counter {
        NgramModel count(LineSource src, int n, int vocab);
    }

    private static Counter counter(int threads, long maxKeys) {
        return (src, n, vocab) -> NgramCounter.count(src, n, vocab, threads, maxKeys);
    }

    private static Counter partitions(int threads, long maxKeys) {
        return (src, n, vocab) -> PartitionedCounter.count(src, NgramPacking.of(n, vocab), threads, maxKeys);
    }

    private static NgramModel check(short[][] lines, int vocab, int n, Counter counter) {
        NgramModel m = counter.count(source(lines, vocab), n, vocab);
        assertBruteForce(lines, vocab, n, m);
        return m;
    }

    private static LineSource source(short[][] lines, int vocab) {
        return Samples.of(TestData.flat(lines), lines[0].length, vocab).source();
    }

    private static void assertBruteForce(short[][] lines, int vocab, int n, NgramModel m) {
        Map<List<Integer>, Long> expected = TestData.counts(lines, n);
        String what = "n=" + n + " V=" + vocab;
        assertEquals(expected.size(), m.distinct(), "distinct, " + what);
        assertEquals((long) lines.length * (lines[0].length - n + 1), m.total(), "total, " + what);
        for (int i = 1; i < m.distinct(); i++) { // strictly increasing keys, unsigned: sorted and reduced
            int c = Long.compareUnsigned(m.hi(i), m.hi(i - 1));
            int at = i;
            assertTrue(c > 0 || c == 0 && Long.compareUnsigned(m.lo(i), m.lo(i - 1)) > 0, () -> "order at " + at + ", " + what);
        }
        for (var e : expected.entrySet()) {
            int[] ids = e.getKey().stream().mapToInt(Integer::intValue).toArray();
            assertEquals((long) e.getValue(), m.count(ids, 0), () -> "count of " + e.getKey() + ", " + what);
        }
    }

    private static void assertSameModel(NgramModel a, NgramModel b) {
        assertEquals(a.packing(), b.packing());
        assertEquals(a.total(), b.total());
        assertArrayEquals(a.loArray(), b.loArray());
        assertArrayEquals(a.hiArray(), b.hiArray());
        assertArrayEquals(a.countArray(), b.countArray());
    }

    /**
     * Lines over {@code alphabet} ids spread over {@code [0, vocab)} (the k-th symbol is id k·vocab/alphabet, so
     * that high ids and high bits occur), the k-th drawn with a weight falling like 1/(k+1) as in text, so that
     * most windows hold frequent symbols only and some hold rare ones; a run of padding (id 1) ends some lines.
     */
    private static short[][] skewed(SplittableRandom rnd, int count, int seqLen, int alphabet, int vocab) {
        return skewed(rnd, count, seqLen, alphabet, vocab, false);
    }

    /** The same, with the most frequent symbols at the top of the id range and padding the last id if reversed. */
    private static short[][] skewed(SplittableRandom rnd, int count, int seqLen, int alphabet, int vocab,
                                    boolean reversed) {
        short[][] out = new short[count][seqLen];
        for (short[] l : out) {
            int len = rnd.nextInt(3) == 0 ? rnd.nextInt(seqLen + 1) : seqLen;
            for (int i = 0; i < seqLen; i++) {
                int k = (int) Math.min(alphabet - 1, Math.exp(rnd.nextDouble() * Math.log(alphabet + 1)) - 1);
                int id = i < len ? (int) ((long) k * vocab / alphabet) : 1;
                l[i] = (short) (reversed ? vocab - 1 - id : id);
            }
        }
        return out;
    }

    // several orders at once (the smaller derived from the largest and from the lines' last symbols): each
    // equals brute force and the order counted alone, with plenty of memory and with little (rounds, tails
    // too many to hold, partitions), over a small vocabulary and over 2048 ids where n = 6..8 take wide keys
    @Test
    void ordersTogether() {
        SplittableRandom rnd = new SplittableRandom(12);
        short[][] small = TestData.lines(rnd, 3000, 10, 40);
        short[][] wide = skewed(rnd, 2000, 10, 1500, 2048);
        int[][] orders = {{1, 2, 3, 4, 5, 6, 7, 8}, {2, 5}, {10}, {3, 10}, {1, 9, 10}, {6, 4}, {3, 7, 3}};
        for (int vocab : new int[] {64, 2048}) {
            short[][] lines = vocab == 64 ? small : wide;
            for (int[] ns : orders) {
                for (long maxKeys : new long[] {1 << 22, 20_000, 3000}) {
                    NgramModel[] ms = NgramCounter.count(source(lines, vocab), ns, vocab, 2, maxKeys);
                    assertEquals(ns.length, ms.length);
                    for (int i = 0; i < ns.length; i++) {
                        assertEquals(ns[i], ms[i].n());
                        assertBruteForce(lines, vocab, ns[i], ms[i]);
                        assertSameModel(ms[i], NgramCounter.count(source(lines, vocab), ns[i], vocab, 1, 1 << 22));
                    }
                }
            }
        }
    }

    // buckets in one round, in several rounds (little memory), by one or two threads; equal to brute force
    @Test
    void bucketsAreExact() {
        SplittableRandom rnd = new SplittableRandom(4);
        short[][] lines = TestData.lines(rnd, 3000, 20, 40);
        for (int n = 1; n <= 6; n++) {
            NgramModel one = check(lines, 64, n, counter(1, 1 << 20));
            assertSameModel(one, check(lines, 64, n, counter(2, 1 << 20)));
            assertSameModel(one, check(lines, 64, n, counter(2, 9000))); // rounds of at most 9000 keys
        }
    }

    // windows of 1024 frequent and some rare ids of a vocabulary of 2048 at n = 6: the rare ones make wide windows,
    // taken apart while the code keys of the others are counted in several rounds (little memory); with buckets
    // larger than a core's cache, sorted by their top digit first
    @Test
    void roundsWithWideWindows() {
        SplittableRandom rnd = new SplittableRandom(6);
        short[][] lines = new short[3000][12];
        for (short[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                l[i] = (short) (rnd.nextInt(50) == 0 ? 1024 + rnd.nextInt(1024) : rnd.nextInt(1024));
            }
        }
        NgramModel m = check(lines, 2048, 6, counter(2, 1 << 22));
        assertSameModel(m, check(lines, 2048, 6, counter(2, 24_000)));
        short[][] many = new short[20_000][20];
        for (short[] l : many) {
            for (int i = 0; i < l.length; i++) {
                l[i] = (short) (rnd.nextBoolean() ? 2 : rnd.nextInt(30)); // half the keys in one bucket
            }
        }
        assertSameModel(check(many, 64, 5, counter(2, 1 << 24)), check(many, 64, 5, partitions(2, 1 << 24)));
    }

    // the partitioned way (forced with small buffers) gives the same models as the buckets
    @Test
    void partitionsAreExact() {
        SplittableRandom rnd = new SplittableRandom(4);
        short[][] lines = TestData.lines(rnd, 3000, 20, 40);
        for (int n = 1; n <= 6; n++) {
            NgramModel buckets = check(lines, 64, n, counter(2, 1 << 20));
            assertSameModel(buckets, check(lines, 64, n, partitions(2, 20_000))); // partitions of at most 5000 keys
            assertSameModel(buckets, check(lines, 64, n, partitions(1, 1 << 22))); // one sort
            assertSameModel(buckets, check(lines, 64, n, partitions(2, 1 << 22))); // one sort, gathered by two threads
        }
        short[][] wide = TestData.lines(rnd, 3000, 10, 300);
        for (int n : new int[] {5, 6, 7}) {
            assertSameModel(check(wide, 2048, n, counter(2, 1 << 20)),
                    check(wide, 2048, n, partitions(2, 12_000))); // two-word keys, partitioned
        }
    }

    // vocabularies past one byte (300), two-word keys (2048 at n = 6) and the largest (65,536 ids) with more
    // symbols present than a code key holds at n = 6..8 (1024, 512, 128): the windows holding a rare symbol
    // are counted apart and merged in; with little memory they go the partitioned way. All equal brute force.
    @Test
    void wideWindowsAreExact() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int vocab : new int[] {300, 2048, 65536}) {
            short[][] lines = skewed(rnd, 2500, 12, Math.min(vocab, 1500), vocab);
            for (int n = 1; n <= 8; n++) {
                NgramModel m = check(lines, vocab, n, counter(2, 1 << 22));
                assertSameModel(m, check(lines, vocab, n, counter(1, 1 << 22)));
                assertSameModel(m, check(lines, vocab, n, counter(2, 6000)));  // rounds, or partitions
                assertSameModel(m, check(lines, vocab, n, partitions(2, 1 << 22)));
            }
        }
    }

    // the most frequent symbols at the top of the id range (padding the last id, as in the bench's vocabulary):
    // they still get the codes, so that the windows of rare symbols alone are wide; equal to brute force
    @Test
    void frequentSymbolsWithHighIds() {
        short[][] lines = skewed(new SplittableRandom(14), 2500, 12, 1500, 2048, true);
        for (int n = 5; n <= 8; n++) {
            NgramModel m = check(lines, 2048, n, counter(2, 1 << 22));
            assertSameModel(m, check(lines, 2048, n, partitions(2, 1 << 22)));
        }
    }

    // 256 ids at n = 8 fill all 64 bits of one word: keys with the top bit set still sort unsigned
    @Test
    void fullWordKeys() {
        short[][] lines = skewed(new SplittableRandom(5), 2000, 10, 256, 256);
        NgramModel m = check(lines, 256, 8, counter(2, 1 << 20));
        assertEquals(1, NgramPacking.of(8, 256).loSymbols() / 8);
        assertSameModel(m, check(lines, 256, 8, partitions(2, 1 << 20)));
    }

    // a vocabulary of 2048 of which 8 ids occur: 3 bits per symbol, counted directly; still exact
    @Test
    void fewSymbolsOfALargeVocabulary() {
        short[][] lines = TestData.lines(new SplittableRandom(9), 5000, 16, 6);
        for (short[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                l[i] = (short) (l[i] == 1 ? 2047 : l[i] * 300); // padding at the top of the id range
            }
        }
        for (int n = 1; n <= 8; n++) {
            assertSameModel(check(lines, 2048, n, counter(2, 1 << 20)), check(lines, 2048, n, partitions(2, 1 << 20)));
        }
    }

    // a key space of at most 22 bits is counted directly; still exact
    @Test
    void directCountingIsExact() {
        short[][] lines = TestData.lines(new SplittableRandom(9), 5000, 16, 6);
        for (int n = 1; n <= 3; n++) {
            check(lines, 8, n, counter(2, 1 << 20));
        }
    }

    // one bucket bigger than the memory allowed (all-padding lines) goes the partitioned way, as its own partition
    @Test
    void oversizedBucket() {
        short[][] lines = new short[2000][12];
        SplittableRandom rnd = new SplittableRandom(2);
        for (int i = 0; i < lines.length; i++) {
            for (int j = 0; j < 12; j++) {
                lines[i][j] = (short) (i % 3 == 0 ? rnd.nextInt(50) : 1);
            }
        }
        check(lines, 64, 5, counter(2, 4000));
        check(lines, 64, 5, partitions(2, 4000));
    }

    // an id outside the vocabulary (a damaged dataset file) is reported, not counted
    @Test
    void idOutsideTheVocabulary() {
        LineSource src = new LineSource() {
            @Override
            public long lines() {
                return 3;
            }

            @Override
            public int seqLen() {
                return 4;
            }

            @Override
            public void read(long line, short[] dst) {
                java.util.Arrays.fill(dst, (short) (line == 2 ? 80 : 5));
            }
        };
        EvalException e = assertThrows(EvalException.class,
                () -> NgramCounter.count(src, 2, 76, 1, 1 << 20));
        assertEquals("the lines hold symbol id 80, outside the vocabulary of 76 ids; the dataset is damaged",
                e.getMessage());
    }
}
