package io.ganlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.eval.JsdReport;
import io.ganlab.eval.NgramModel;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The JMH benchmarks are generated, and their set-up and measured methods do the work they name. */
class JmhBenchmarksTest {
    // the annotation processor ran: JMH's list names both benchmark methods
    @Test
    void benchmarkListIsGenerated() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/BenchmarkList")) {
            assertNotNull(in, "META-INF/BenchmarkList missing: the JMH annotation processor did not run");
            String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(list.contains("io.ganlab.bench.NgramCountingBenchmark") && list.contains("count"), list);
            assertTrue(list.contains("io.ganlab.bench.JsdScoringBenchmark") && list.contains("score"), list);
        }
    }

    // counting: seqLen - n + 1 windows a sample, and as many distinct 6-grams as a brute-force set of them
    @Test
    void countingCountsEveryWindow() {
        NgramCountingBenchmark b = new NgramCountingBenchmark();
        b.samples = 640;
        b.n = 6;
        b.vocab = 76;
        b.generate();
        NgramModel m = b.count();
        assertEquals(640L * (32 - 6 + 1), m.total());
        Set<List<Integer>> distinct = new HashSet<>();
        for (int i = 0; i < 640; i++) {
            for (int j = 0; j + 6 <= 32; j++) {
                Integer[] w = new Integer[6];
                for (int k = 0; k < 6; k++) {
                    w[k] = b.batch.id(i, j + k);
                }
                distinct.add(List.of(w));
            }
        }
        assertEquals(distinct.size(), m.distinct());
    }

    // scoring: a JSD and a floor per n = 1..6, each in [0, 1] bits; the tear-down removes the dataset
    @Test
    void scoringScoresAndCleansUp() throws Exception {
        JsdScoringBenchmark b = new JsdScoringBenchmark();
        b.lines = 3000;
        b.samples = 640;
        b.build();
        try {
            JsdReport r = b.score();
            assertEquals(640, r.samples());
            for (int n = 1; n <= 6; n++) {
                double jsd = r.jsd().get(Integer.toString(n));
                double floor = r.floor().get(Integer.toString(n));
                assertTrue(jsd >= 0 && jsd <= 1, "jsd " + n + ": " + jsd);
                assertTrue(floor >= 0 && floor <= 1, "floor " + n + ": " + floor);
            }
        } finally {
            b.delete();
        }
        assertTrue(!Files.exists(b.dir), "the set-up's dataset is deleted");
    }
}
