package io.ganlab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The three counting paths (direct, one sort, partitions) and threads give the brute-force counts. */
class NgramCounterTest {

    private static void check(short[][] lines, int vocab, int n, int threads, long bufferKeys) {
        Samples s = Samples.of(TestData.flat(lines), lines[0].length, vocab);
        NgramModel m = NgramCounter.count(s.source(), NgramPacking.of(n, vocab), threads, bufferKeys);
        Map<List<Integer>, Long> expected = TestData.counts(lines, n);
        assertEquals(expected.size(), m.distinct(), "distinct, n=" + n + " V=" + vocab + " buffer " + bufferKeys);
        long prevLo = 0;
        long prevHi = 0;
        for (int i = 0; i < m.distinct(); i++) {
            if (i > 0) { // strictly increasing keys: sorted and reduced
                int c = Long.compareUnsigned(m.hi(i), prevHi);
                assertEquals(true, c > 0 || c == 0 && Long.compareUnsigned(m.lo(i), prevLo) > 0, "order at " + i);
            }
            prevLo = m.lo(i);
            prevHi = m.hi(i);
        }
        for (var e : expected.entrySet()) {
            int[] ids = e.getKey().stream().mapToInt(Integer::intValue).toArray();
            assertEquals((long) e.getValue(), m.count(ids, 0), "count of " + e.getKey());
        }
    }

    // small buffers force the partitioned path (several partitions, two threads); results equal brute force
    @Test
    void partitionedCountingIsExact() {
        SplittableRandom rnd = new SplittableRandom(4);
        short[][] lines = TestData.lines(rnd, 3000, 20, 40);
        for (int n = 1; n <= 6; n++) {
            check(lines, 64, n, 2, 5000);   // partitions of at most 5000 keys
            check(lines, 64, n, 1, 1 << 20); // one sort
            check(lines, 64, n, 2, 1 << 20); // one sort, gathered by two threads
        }
        short[][] wide = TestData.lines(rnd, 3000, 10, 300);
        for (int n : new int[] {5, 6, 7}) {
            check(wide, 2048, n, 2, 3000); // two-word keys, partitioned
        }
    }

    // a key space of at most 22 bits is counted directly; still exact
    @Test
    void directCountingIsExact() {
        short[][] lines = TestData.lines(new SplittableRandom(9), 5000, 16, 6);
        for (int n = 1; n <= 3; n++) {
            check(lines, 8, n, 2, 1 << 20);
        }
    }

    // one bucket bigger than the buffer (all-padding lines) is a partition of its own
    @Test
    void oversizedBucket() {
        short[][] lines = new short[2000][12];
        SplittableRandom rnd = new SplittableRandom(2);
        for (int i = 0; i < lines.length; i++) {
            for (int j = 0; j < 12; j++) {
                lines[i][j] = (short) (i % 3 == 0 ? rnd.nextInt(50) : 1);
            }
        }
        check(lines, 64, 5, 2, 1000);
    }
}
