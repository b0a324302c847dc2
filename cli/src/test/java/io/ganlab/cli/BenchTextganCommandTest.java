package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchTextganCommandTest {
    // a miniature run prints one timing line and one optimizer line per width
    @Test
    void tinyRunPrintsFigures() {
        CommandTreeTest.Run r = CommandTreeTest.run("bench", "textgan", "--dims", "4,6", "--steps", "2", "--warmup",
                "1", "--generator-steps", "1", "--batch", "2", "--vocab", "5", "--length", "4");
        assertEquals(0, r.code(), r.err());
        for (String dim : new String[] {"DIM 4:", "DIM 6:"}) {
            assertTrue(r.out().contains(dim + " critic step median"), r.out());
            assertTrue(r.out().contains(dim + " Adam on the critic's"), r.out());
        }
        assertTrue(r.out().contains("DIM 4: RSS") && r.out().contains("second half"), r.out());
    }

    // a width of zero is a usage error: one message, exit code 2
    @Test
    void badWidthIsUsageError() {
        CommandTreeTest.Run r = CommandTreeTest.run("bench", "textgan", "--dims", "64,0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("gan bench textgan: error: --dims must be positive widths, got 0"), r.err());
    }
}
