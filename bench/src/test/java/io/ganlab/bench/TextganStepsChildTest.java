package io.ganlab.bench;

import io.ganlab.core.Precision;
import io.ganlab.core.InputGradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Our side of the comparison in a fresh JVM prints the same line as the peer (nothing timed is asserted). */
class TextganStepsChildTest {
    // two critic and three generator steps at a tiny width in a child JVM with one thread: the line parses and
    // carries what was asked for
    @Test
    void childPrintsItsLine() throws Exception {
        StepTimesLine l = ChildProcesses.ours(16, 2, 4, 5, 2, 3, 1, 1, 1, StepVariant.DEFAULT);
        assertEquals("ganlab", l.impl());
        assertEquals("cpu", l.device());
        assertEquals(List.of(16, 2, 4, 5, 1), List.of(l.dim(), l.batch(), l.length(), l.vocab(), l.threads()));
        assertEquals(2, l.critic().steps());
        assertEquals(3, l.generator().steps());
        for (StepTimesLine.Times t : List.of(l.critic(), l.generator())) {
            assertTrue(0 < t.p10Ms() && t.p10Ms() <= t.medianMs() && t.medianMs() <= t.p90Ms(), t.toString());
        }
        assertTrue(l.criticWarmupSeconds() > 0, "one warm-up critic step took time: " + l.criticWarmupSeconds());
    }

    // the bf16 child says so in its line, and the one taking autograd's input gradient too
    @Test
    void bf16ChildNamesItself() throws Exception {
        StepTimesLine l = ChildProcesses.ours(16, 2, 4, 5, 2, 2, 1, 1, 1,
                new StepVariant(Precision.BF16, InputGradient.Method.EXPLICIT));
        assertEquals("ganlab-bf16", l.impl());
        assertEquals(2, l.critic().steps());
        l = ChildProcesses.ours(16, 2, 4, 5, 2, 2, 1, 1, 1,
                new StepVariant(Precision.BF16, InputGradient.Method.AUTOGRAD));
        assertEquals("ganlab-bf16-autograd", l.impl());
    }
}
