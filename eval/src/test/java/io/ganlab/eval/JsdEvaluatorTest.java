package io.ganlab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.corpus.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator's report against brute force: JSD, floor, diversity and copying. */
class JsdEvaluatorTest {
    @TempDir
    Path tmp;

    private static final int SEQ = 12;
    private static final int VOCAB = 10;
    private short[][] train;
    private short[][] valid;
    private Dataset ds;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() {
        SplittableRandom rnd = new SplittableRandom(23);
        train = TestData.lines(rnd, 500, SEQ, 6);
        valid = TestData.lines(rnd, 80, SEQ, 6);
        ds = TestData.dataset(tmp.resolve("data"), VOCAB, SEQ, train, valid);
    }

    private JsdEvaluator open(int repeats) {
        return JsdEvaluator.open(ds, new int[] {1, 2, 3, 4, 5, 6},
                JsdEvaluator.Options.defaults().withFloorRepeats(repeats).withLog(log::add));
    }

    // jsd, floor (the first validation lines), distinct share and copied share equal brute-force values
    @Test
    void reportMatchesBruteForce() {
        SplittableRandom rnd = new SplittableRandom(31);
        short[][] samples = TestData.lines(rnd, 40, SEQ, 7);
        Set<List<Short>> trainSet = new HashSet<>();
        for (short[] l : train) {
            trainSet.add(asList(l));
        }
        for (int i = 0; i < 10; i++) {
            samples[i * 3] = train[rnd.nextInt(train.length)].clone(); // 10 copies, maybe more by chance
        }
        long copies = Arrays.stream(samples).filter(s -> trainSet.contains(asList(s))).count();
        JsdReport r = open(1).evaluate(Samples.of(TestData.flat(samples), SEQ, VOCAB));
        short[][] firstValid = Arrays.copyOf(valid, samples.length);
        assertEquals(40, r.samples());
        for (int n = 1; n <= 6; n++) {
            var cs = TestData.counts(samples, n);
            var ct = TestData.counts(train, n);
            String k = Integer.toString(n);
            assertEquals(TestData.jsd(cs, ct), r.jsd().get(k), 1e-12, "jsd n=" + n);
            assertEquals(TestData.jsd(TestData.counts(firstValid, n), ct), r.floor().get(k), 1e-12, "floor n=" + n);
            assertEquals((double) cs.size() / (samples.length * (SEQ - n + 1)), r.distinct().get(k), 1e-15);
        }
        assertEquals((double) copies / samples.length, r.copied(), 1e-15);
        assertTrue(copies >= 10);
        assertNull(r.floorStd());
        assertEquals(ds.checksum(), r.dataset());
    }

    // the JSON has the keys of the issue and reads back to the same report
    @Test
    void jsonShape() throws Exception {
        JsdReport r = open(1).evaluate(Samples.of(TestData.flat(Arrays.copyOf(train, 20)), SEQ, VOCAB));
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.toJson());
        assertEquals(20, tree.get("samples").asInt());
        assertTrue(tree.get("jsd").has("1") && tree.get("jsd").has("6"), r.toJson());
        assertTrue(tree.get("floor").has("4"), r.toJson());
        assertTrue(!tree.has("floor_std"), r.toJson());
        assertEquals(1.0, tree.get("copied").asDouble());
        assertEquals(r, JsdReport.fromJson(r.toJson()));
    }

    // with repeats, subsets as large as the split are the whole split: mean = the single floor, std = 0;
    // smaller subsets differ from each other, so their std is positive
    @Test
    void floorRepeats() {
        Samples all = Samples.of(TestData.flat(Arrays.copyOf(train, valid.length)), SEQ, VOCAB);
        JsdReport one = open(1).evaluate(all);
        JsdReport many = open(5).evaluate(all);
        for (int n = 1; n <= 6; n++) {
            String k = Integer.toString(n);
            assertEquals(one.floor().get(k), many.floor().get(k), 1e-12);
            assertEquals(0.0, many.floorStd().get(k), 1e-12);
        }
        JsdReport small = open(5).evaluate(Samples.of(TestData.flat(Arrays.copyOf(train, 10)), SEQ, VOCAB));
        assertTrue(small.floorStd().get("4") > 0, small.toString());
        assertEquals(5, small.floorRepeats());
    }

    // more samples than validation lines: no floor, one warning, the JSD is still reported
    @Test
    void noFloorWhenValidationTooSmall() {
        JsdEvaluator ev = open(1);
        JsdReport r = ev.evaluate(Samples.of(TestData.flat(Arrays.copyOf(train, 100)), SEQ, VOCAB));
        assertTrue(r.floor().isEmpty());
        assertEquals(6, r.jsd().size());
        ev.evaluate(Samples.of(TestData.flat(Arrays.copyOf(train, 100)), SEQ, VOCAB));
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).contains("validation split has 80 lines"), log.get(0));
    }

    // samples of another length or vocabulary, and n out of range, are refused
    @Test
    void refusals() {
        JsdEvaluator ev = open(1);
        assertThrows(EvalException.class, () -> ev.evaluate(Samples.of(new int[] {1, 2, 3}, 3, VOCAB)));
        assertThrows(EvalException.class, () -> ev.evaluate(Samples.of(new int[SEQ], SEQ, VOCAB + 1)));
        EvalException e = assertThrows(EvalException.class, () -> JsdEvaluator.open(ds, new int[] {0, 2},
                JsdEvaluator.Options.defaults()));
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
        assertThrows(EvalException.class, () -> JsdEvaluator.open(ds, new int[] {SEQ + 1},
                JsdEvaluator.Options.defaults()));
    }

    // --n lists and ranges
    @Test
    void orders() {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, NgramOrders.parse("1..6"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {2, 4}, NgramOrders.parse("4, 2"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, 3, 4, 5}, NgramOrders.parse("1,3..5,4"));
        assertThrows(EvalException.class, () -> NgramOrders.parse("0..3"));
        assertThrows(EvalException.class, () -> NgramOrders.parse("9"));
        assertThrows(EvalException.class, () -> NgramOrders.parse("x"));
        assertThrows(EvalException.class, () -> NgramOrders.parse("4..2"));
    }

    private static List<Short> asList(short[] l) {
        List<Short> out = new ArrayList<>();
        for (short s : l) {
            out.add(s);
        }
        return out;
    }
}
