package io.ganlab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** n-gram counts and the JSD against brute force on small random cases. */
class JensenShannonTest {

    private static NgramModel model(short[][] lines, int n, int vocab) {
        return NgramModel.of(Samples.of(TestData.flat(lines), lines[0].length, vocab), n);
    }

    private static void assertCountsMatch(Map<List<Integer>, Long> expected, NgramModel m, int n) {
        assertEquals(expected.size(), m.distinct(), "distinct " + n + "-grams");
        long total = 0;
        for (var e : expected.entrySet()) {
            int[] ids = e.getKey().stream().mapToInt(Integer::intValue).toArray();
            assertEquals((long) e.getValue(), m.count(ids, 0), "count of " + e.getKey());
            total += e.getValue();
        }
        assertEquals(total, m.total());
    }

    // counts and JSD equal the brute-force values for n = 1..6 on random lines with padding
    @Test
    void matchesBruteForceForN1To6() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 4; trial++) {
            int vocab = 3 + rnd.nextInt(20);
            int alphabet = 2 + rnd.nextInt(vocab - 1);
            short[][] a = TestData.lines(rnd, 30 + rnd.nextInt(40), 12, alphabet);
            short[][] b = TestData.lines(rnd, 30 + rnd.nextInt(40), 12, Math.max(2, alphabet - 1));
            for (int n = 1; n <= 6; n++) {
                Map<List<Integer>, Long> ca = TestData.counts(a, n);
                Map<List<Integer>, Long> cb = TestData.counts(b, n);
                NgramModel ma = model(a, n, vocab);
                NgramModel mb = model(b, n, vocab);
                assertCountsMatch(ca, ma, n);
                assertCountsMatch(cb, mb, n);
                double expected = TestData.jsd(ca, cb);
                assertEquals(expected, JensenShannon.divergence(ma, mb), 1e-12, "n=" + n + " trial " + trial);
            }
        }
    }

    // a few samples against a large model (the scoring case: lookups gallop through the large model)
    @Test
    void fewSamplesAgainstLargeModel() {
        SplittableRandom rnd = new SplittableRandom(13);
        short[][] large = TestData.lines(rnd, 1500, 16, 12);
        for (int trial = 0; trial < 5; trial++) {
            short[][] few = TestData.lines(rnd, 1 + rnd.nextInt(8), 16, 14);
            for (int n = 1; n <= 6; n++) {
                assertEquals(TestData.jsd(TestData.counts(few, n), TestData.counts(large, n)),
                        JensenShannon.divergence(model(few, n, 16), model(large, n, 16)), 1e-12, "n=" + n);
            }
        }
    }

    // identical distributions give exactly 0 (also when the counts differ by a constant factor)
    @Test
    void identicalIsZero() {
        short[][] a = TestData.lines(new SplittableRandom(3), 50, 10, 7);
        short[][] twice = new short[100][];
        for (int i = 0; i < 100; i++) {
            twice[i] = a[i % 50];
        }
        for (int n = 1; n <= 6; n++) {
            assertEquals(0.0, JensenShannon.divergence(model(a, n, 8), model(a, n, 8)), "n=" + n);
            assertEquals(0.0, JensenShannon.divergence(model(a, n, 8), model(twice, n, 8)), 1e-15, "n=" + n);
        }
    }

    // models with no n-gram in common give exactly 1 bit
    @Test
    void disjointIsOne() {
        SplittableRandom rnd = new SplittableRandom(5);
        short[][] a = new short[20][16];
        short[][] b = new short[25][16];
        for (short[] l : a) {
            for (int i = 0; i < l.length; i++) {
                l[i] = (short) (2 + rnd.nextInt(4)); // ids 2..5
            }
        }
        for (short[] l : b) {
            for (int i = 0; i < l.length; i++) {
                l[i] = (short) (6 + rnd.nextInt(4)); // ids 6..9
            }
        }
        for (int n = 1; n <= 6; n++) {
            assertEquals(1.0, JensenShannon.divergence(model(a, n, 10), model(b, n, 10)), "n=" + n);
        }
    }

    // JSD(P, Q) = JSD(Q, P), whichever model is the smaller one
    @Test
    void symmetric() {
        SplittableRandom rnd = new SplittableRandom(8);
        short[][] a = TestData.lines(rnd, 10, 14, 5);
        short[][] b = TestData.lines(rnd, 200, 14, 6);
        for (int n = 1; n <= 6; n++) {
            NgramModel ma = model(a, n, 7);
            NgramModel mb = model(b, n, 7);
            assertEquals(JensenShannon.divergence(ma, mb), JensenShannon.divergence(mb, ma), 1e-15);
            double v = JensenShannon.divergence(ma, mb);
            assertTrue(v > 0 && v < 1, "n=" + n + ": " + v);
        }
    }

    // a hand-worked case: P = {x: 1}, Q = {x: 1/2, y: 1/2} gives ½(1·log2(1/(3/4))) + ½(½log2(½/(3/4)) + ½·1)
    @Test
    void handWorkedUnigrams() {
        short[][] p = {{2, 2}};
        short[][] q = {{2, 3}};
        double expected = 0.5 * Math.log(4.0 / 3) / Math.log(2)
                + 0.5 * (0.5 * Math.log(0.5 / 0.75) / Math.log(2) + 0.5);
        assertEquals(expected, JensenShannon.divergence(model(p, 1, 4), model(q, 1, 4)), 1e-15);
    }

    // 2048 symbols at n = 6 need 66 bits: the two-word packing stays exact, and agrees with brute force
    @Test
    void twoWordPackingIsExact() {
        NgramPacking p = NgramPacking.of(6, 2048);
        assertEquals(11, p.bits());
        assertTrue(p.twoWords(), p.toString());
        assertFalse(NgramPacking.of(5, 2048).twoWords());
        assertFalse(NgramPacking.of(6, 1024).twoWords()); // 60 bits fit one word
        assertTrue(NgramPacking.of(6, 1025).twoWords());  // 11 bits per symbol: 66
        assertTrue(NgramPacking.of(8, 65536).twoWords());
        assertThrows(EvalException.class, () -> NgramPacking.of(9, 65536));

        SplittableRandom rnd = new SplittableRandom(21);
        for (int vocab : new int[] {2048, 65536, 1025}) {
            short[][] a = new short[40][9];
            short[][] b = new short[40][9];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < 9; j++) {
                    // few distinct ids so that n-grams repeat; some at the top of the range, where bits are set
                    int[] pool = {0, 1, vocab - 1, vocab - 2, vocab / 2 + 1};
                    a[i][j] = (short) pool[rnd.nextInt(pool.length)];
                    b[i][j] = (short) pool[rnd.nextInt(pool.length - 1)];
                }
            }
            for (int n : new int[] {1, 4, 5, 6, 7, 8}) {
                Map<List<Integer>, Long> ca = TestData.counts(a, n);
                NgramModel ma = model(a, n, vocab);
                assertCountsMatch(ca, ma, n);
                assertEquals(TestData.jsd(ca, TestData.counts(b, n)),
                        JensenShannon.divergence(ma, model(b, n, vocab)), 1e-12, "V=" + vocab + " n=" + n);
            }
        }
    }

    // models of different n cannot be compared
    @Test
    void differentOrdersRefused() {
        short[][] a = TestData.lines(new SplittableRandom(1), 5, 8, 4);
        assertThrows(IllegalArgumentException.class, () -> JensenShannon.divergence(model(a, 2, 5), model(a, 3, 5)));
    }
}
