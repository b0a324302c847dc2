package io.ganlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The ratio ours/theirs of the same-run comparison, on numbers worked by hand. */
class PeerComparisonTest {
    // three rounds: 300/150 = 2.0, 330/165 = 2.0, 280/200 = 1.4 -> median 2.0, range 1.4 to 2.0
    @Test
    void oddRoundsTakeTheMiddleRatio() {
        PeerComparison.Ratio r = PeerComparison.ratio(new double[] {300, 330, 280}, new double[] {150, 165, 200});
        assertEquals(2.0, r.median(), 1e-12);
        assertEquals(1.4, r.min(), 1e-12);
        assertEquals(2.0, r.max(), 1e-12);
    }

    // the ratio is taken per round, not of the medians: ours {90, 100, 200}, theirs {100, 50, 400} gives the ratios
    // 0.9, 2.0, 0.5 (median 0.9), while the medians' ratio would be 100/100 = 1.0
    @Test
    void ratiosArePerRound() {
        PeerComparison.Ratio r = PeerComparison.ratio(new double[] {90, 100, 200}, new double[] {100, 50, 400});
        assertEquals(0.9, r.median(), 1e-12);
        assertEquals(0.5, r.min(), 1e-12);
        assertEquals(2.0, r.max(), 1e-12);
    }

    // four rounds: 1.0, 1.2, 0.9, 0.8 -> sorted 0.8, 0.9, 1.0, 1.2 -> median (0.9 + 1.0) / 2 = 0.95
    @Test
    void evenRoundsAverageTheMiddleTwo() {
        PeerComparison.Ratio r = PeerComparison.ratio(new double[] {100, 120, 90, 80}, new double[] {100, 100, 100, 100});
        assertEquals(0.95, r.median(), 1e-12);
        assertEquals(0.8, r.min(), 1e-12);
        assertEquals(1.2, r.max(), 1e-12);
    }

    // one round: its ratio is the median and both ends of the range
    @Test
    void oneRound() {
        PeerComparison.Ratio r = PeerComparison.ratio(new double[] {50}, new double[] {40});
        assertEquals(1.25, r.median(), 1e-12);
        assertEquals(1.25, r.min(), 1e-12);
        assertEquals(1.25, r.max(), 1e-12);
    }

    // rounds must pair up
    @Test
    void unpairedRoundsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeerComparison.ratio(new double[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().contains("2 and 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PeerComparison.ratio(new double[0], new double[0]));
    }
}
