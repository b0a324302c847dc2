package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchTextganCommandTest {
    // a miniature run prints one timing line and one optimizer line per width
    @Test
    void tinyRunPrintsFigures() {
        GanRunner.Run r = GanRunner.run("bench", "textgan", "--dims", "16,32", "--steps", "2", "--warmup",
                "1", "--generator-steps", "1", "--batch", "2", "--vocab", "5", "--length", "4");
        assertEquals(0, r.code(), r.err());
        for (String dim : new String[] {"DIM 16:", "DIM 32:"}) {
            assertTrue(r.out().contains(dim + " critic step median"), r.out());
            assertTrue(r.out().contains(dim + " Adam on the critic's"), r.out());
        }
        assertTrue(r.out().contains("DIM 16: RSS") && r.out().contains("second half"), r.out());
        assertTrue(r.out().contains("DIM 32: critic steps with a non-finite gradient: 0 of 3"), r.out());
    }

    // a width of zero is a usage error: one message, exit code 2
    @Test
    void badWidthIsUsageError() {
        GanRunner.Run r = GanRunner.run("bench", "textgan", "--dims", "64,0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("gan bench textgan: error: --dims must be positive widths, got 0"), r.err());
    }

    // on the CPU a width that is not a multiple of 16 would train on NaN gradients: refused before any work
    @Test
    void widthOffTheVectorBlockIsRefusedOnTheCpu() {
        GanRunner.Run r = GanRunner.run("bench", "textgan", "--dims", "64,24");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("gan bench textgan: error: --dims: DIM is 24: on the CPU it must be a multiple of 16"),
                r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }
}
