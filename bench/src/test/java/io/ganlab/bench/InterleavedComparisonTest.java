package io.ganlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The interleaved comparison: our child's serving protocol, and the per-block ratios (nothing timed is asserted). */
class InterleavedComparisonTest {
    // our child at a tiny width warms up, answers two blocks of each kind with as many step times as asked, in
    // either order, and ends when told
    @Test
    void ourChildServesBlocksOfSteps() throws Exception {
        try (InterleavedComparison.Served c = new InterleavedComparison.Served("ours",
                ChildProcesses.oursCommand(16, 2, 4, 5, 2, 2, 1, 1, 1, StepVariant.DEFAULT, true))) {
            assertTrue(c.awaitReady() > 0, "one warm-up critic step took time");
            for (String kind : List.of("critic", "generator", "critic")) {
                double[] ms = c.run(kind, 3);
                assertEquals(3, ms.length, kind);
                for (double m : ms) {
                    assertTrue(m > 0, kind + " " + m);
                }
            }
        }
    }

    // block medians 10 and 20 against 20 and 20 (ratios 0.5 and 1.0), and 30 against 20 (1.5): median 1.0, p10 at
    // rank round(0.2) = 0 -> 0.5, p90 at rank round(1.8) = 2 -> 1.5
    @Test
    void ratiosAreOfBlockMedians() {
        PeerComparison.Ratio r = InterleavedComparison.blockRatios(
                List.of(new double[] {9, 10, 11}, new double[] {20, 19, 40}, new double[] {30}),
                List.of(new double[] {20, 20, 20}, new double[] {18, 20, 22}, new double[] {20}));
        assertEquals(new PeerComparison.Ratio(1.0, 0.5, 1.5), r);
        assertThrows(IllegalArgumentException.class,
                () -> InterleavedComparison.blockRatios(List.of(new double[] {1}), List.of()));
    }
}
