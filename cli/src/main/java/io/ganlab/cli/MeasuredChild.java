package io.ganlab.cli;

import io.ganlab.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.ganlab.corpus.Dataset;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's measured run in a child JVM of its own, so that its heap limit and peak heap are the figures
 * reported and nothing of the parent (generating the input) is counted. The child prints one JSON object.
 */
final class MeasuredChild {
    private MeasuredChild() {}

    /** Runs {@code main} with {@code -Xmx<heap>} and the parent's class path; returns the JSON it printed. */
    static JsonNode run(String heap, Class<?> main, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("measured run failed (exit " + p.exitValue() + ")");
        }
        return Json.PRETTY.readTree(json);
    }

    /** In the child: forget the heap used so far (after a GC), so the peak covers only what follows. */
    static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** In the child: the peak heap since {@link #resetPeakHeap()}, summed over the heap pools. */
    static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
