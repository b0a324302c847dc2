package io.ganlab.bench;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.textgan.Architecture;
import io.ganlab.textgan.GeneratorNorm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The step bench's figures: as many as asked, positive, and quantiles by nearest rank. */
class TextganStepBenchTest {
    // nearest rank round(q (n - 1)) of the sorted values, worked by hand on 5 values
    @Test
    void quantileByNearestRank() {
        double[] v = {5, 1, 4, 2, 3};
        assertEquals(3, TextganStepBench.quantile(v, 0.5));
        assertEquals(1, TextganStepBench.quantile(v, 0.1)); // rank round(0.4) = 0
        assertEquals(5, TextganStepBench.quantile(v, 0.9)); // rank round(3.6) = 4
        assertEquals(1, TextganStepBench.quantile(v, 0.0));
        assertEquals(5, TextganStepBench.quantile(v, 1.0));
        assertEquals(5, v[0], "the input is left unsorted");
    }

    // one time per measured step (warm-up excluded), all positive; memory read; 20 optimizer timings at least
    @Test
    void figuresOfATinyRun() {
        TextganStepBench.Settings s = new TextganStepBench.Settings(List.of(16), 3, 2, 1, 2, 5, 4, 1L,
                StepVariant.DEFAULT);
        TextganStepBench.Figures f = TextganStepBench.measure(s, new Architecture(4, 5, 16, 128, 5, GeneratorNorm.NONE));
        assertEquals(3, f.criticMs().length);
        assertEquals(2, f.generatorMs().length);
        for (double ms : f.criticMs()) {
            assertTrue(ms > 0, "critic step " + ms);
        }
        for (double ms : f.generatorMs()) {
            assertTrue(ms > 0, "generator step " + ms);
        }
        assertEquals(0, f.nonFinite());
        assertTrue(f.rssBefore() > 0 && f.rssHalf() > 0 && f.rssAfter() > 0);
        assertEquals(20, f.ourAdamMs().length);
        assertTrue(f.ourAdamMs()[0] > 0 && f.djlAdamMs()[0] > 0);
    }
}
