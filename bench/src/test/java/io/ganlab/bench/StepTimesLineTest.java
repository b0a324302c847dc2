package io.ganlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The timing children's one line: the Python peer's form parses, ours round-trips, a broken line is named. */
class StepTimesLineTest {
    // a line as the Python script prints it (with keys ours does not print), among other output
    @Test
    void readsThePeersLine() {
        String out = "some warning\ntextgan_steps impl=pytorch version=1.13.0a0 device=cpu dim=64 batch=64 length=32"
                + " vocab=96 threads=2 critic_weights=1 generator_weights=2 critic_median_ms=126.500"
                + " critic_p10_ms=120.000 critic_p90_ms=140.250 critic_steps=50 critic_warmup_s=7.500"
                + " generator_median_ms=62.000"
                + " generator_p10_ms=60.500 generator_p90_ms=70.000 generator_steps=20\n";
        StepTimesLine l = StepTimesLine.find(out);
        assertEquals("pytorch", l.impl());
        assertEquals("1.13.0a0", l.version());
        assertEquals("cpu", l.device());
        assertEquals(64, l.dim());
        assertEquals(64, l.batch());
        assertEquals(32, l.length());
        assertEquals(96, l.vocab());
        assertEquals(2, l.threads());
        assertEquals(new StepTimesLine.Times(126.5, 120.0, 140.25, 50), l.critic());
        assertEquals(new StepTimesLine.Times(62.0, 60.5, 70.0, 20), l.generator());
        assertEquals(7.5, l.criticWarmupSeconds());
    }

    // what ours prints reads back to the same record (times at the printed precision, 3 decimals)
    @Test
    void oursRoundTrips() {
        StepTimesLine l = new StepTimesLine("ganlab", "2.7.1", "cpu", 128, 64, 32, 96, 2,
                new StepTimesLine.Times(189.125, 180.5, 201.0, 50), new StepTimesLine.Times(93.25, 90.0, 99.75, 20), 12.375);
        assertEquals(l, StepTimesLine.parse(l.format()));
        assertTrue(l.format().startsWith("textgan_steps impl=ganlab version=2.7.1 device=cpu dim=128 "), l.format());
    }

    // the nearest-rank quantiles of 10 values 1..10: median rank round(4.5) = 5 -> 6, p10 rank round(0.9) = 1 -> 2,
    // p90 rank round(8.1) = 8 -> 9
    @Test
    void timesAreNearestRankQuantiles() {
        StepTimesLine.Times t = StepTimesLine.Times.of(new double[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1});
        assertEquals(new StepTimesLine.Times(6, 2, 9, 10), t);
    }

    // no line, or a line without a key, is an error that names what is missing
    @Test
    void brokenOutputIsNamed() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> StepTimesLine.find("Traceback (most recent call last):\n"));
        assertTrue(none.getMessage().contains("no 'textgan_steps ...' line"), none.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> StepTimesLine.parse("textgan_steps impl=pytorch version=1 device=cpu dim=64 batch=64 length=32"
                        + " vocab=96 threads=2"));
        assertTrue(missing.getMessage().contains("critic_median_ms"), missing.getMessage());
        // a line from before the warm-up seconds were reported
        IllegalArgumentException noWarmup = assertThrows(IllegalArgumentException.class,
                () -> StepTimesLine.parse("textgan_steps impl=pytorch version=1 device=cpu dim=64 batch=64 length=32"
                        + " vocab=96 threads=2 critic_median_ms=1 critic_p10_ms=1 critic_p90_ms=1 critic_steps=5"
                        + " generator_median_ms=1 generator_p10_ms=1 generator_p90_ms=1 generator_steps=5"));
        assertTrue(noWarmup.getMessage().contains("critic_warmup_s"), noWarmup.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> StepTimesLine.parse("textgan_steps impl=pytorch dim=sixty"));
        assertTrue(bad.getMessage().contains("version"), bad.getMessage());
    }
}
