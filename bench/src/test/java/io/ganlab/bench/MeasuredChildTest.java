package io.ganlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The child-JVM harness: the child's own heap cap, its peak heap, its result record, its failure. */
class MeasuredChildTest {
    /** What the test child reports. */
    record Report(long maxHeapBytes, long peakHeapBytes, long allocated, String forwarded) {}

    /** Allocates args[0] MiB after the reset and keeps it reachable until the peak is read; exit 3 if asked. */
    public static final class Child {
        public static void main(String[] args) throws IOException {
            if (args[0].equals("fail")) {
                System.exit(3);
            }
            MeasuredChild.resetPeakHeap();
            byte[] block = new byte[Integer.parseInt(args[0]) << 20];
            block[block.length - 1] = 1;
            long peak = MeasuredChild.peakHeapBytes();
            MeasuredChild.report(new Report(Runtime.getRuntime().maxMemory(), peak, block.length,
                    System.getProperty("org.slf4j.simpleLogger.log.io.ganlab.bench.test", "none")));
        }
    }

    // the child runs under the heap cap given, and its peak heap covers what it allocated after the reset
    @Test
    void peakHeapCoversTheAllocation() throws Exception {
        Report r = MeasuredChild.run("256m", Child.class, Report.class, "64");
        assertTrue(r.maxHeapBytes() <= 256L << 20 && r.maxHeapBytes() > 128L << 20, "max heap " + r.maxHeapBytes());
        assertEquals(64L << 20, r.allocated());
        assertTrue(r.peakHeapBytes() >= 64L << 20, "peak " + r.peakHeapBytes());
    }

    // the parent's SLF4J settings reach the child, so its log level follows --log-level
    @Test
    void loggingSettingsAreForwarded() throws Exception {
        String key = "org.slf4j.simpleLogger.log.io.ganlab.bench.test";
        System.setProperty(key, "debug");
        try {
            assertEquals("debug", MeasuredChild.run("64m", Child.class, Report.class, "1").forwarded());
        } finally {
            System.clearProperty(key);
        }
        assertEquals("none", MeasuredChild.run("64m", Child.class, Report.class, "1").forwarded());
    }

    // a child that fails is an error naming its exit code, not an empty result
    @Test
    void failedChildIsAnError() {
        IOException e = assertThrows(IOException.class,
                () -> MeasuredChild.run("64m", Child.class, Report.class, "fail"));
        assertEquals("measured run failed (exit 3)", e.getMessage());
    }
}
