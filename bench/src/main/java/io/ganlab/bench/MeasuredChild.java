package io.ganlab.bench;

import io.ganlab.common.Json;
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
 * reported and nothing of the parent (generating the input) is counted. The child prints one JSON object, its
 * result record, on stdout; its stderr (progress) goes to the parent's.
 */
public final class MeasuredChild {
    /** System properties passed on to the child: the logging level chosen for the parent. */
    private static final String FORWARDED_PREFIX = "org.slf4j.simpleLogger.";

    private MeasuredChild() {}

    /**
     * Runs {@code main} with {@code -Xmx<heap>} and the parent's class path and reads the JSON it printed as a
     * {@code result}.
     */
    public static <T> T run(String heap, Class<?> main, Class<T> result, String... args)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseParallelGC"));
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(FORWARDED_PREFIX)).sorted()
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("measured run failed (exit " + p.exitValue() + ")");
        }
        return Json.LINE.readValue(json, result);
    }

    /** In the child: prints the result record as the one JSON line the parent reads. */
    public static void report(Object result) throws IOException {
        System.out.println(Json.LINE.writeValueAsString(result));
        System.out.flush();
    }

    /** In the child: forget the heap used so far (after a GC), so the peak covers only what follows. */
    public static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** In the child: the peak heap since {@link #resetPeakHeap()}, summed over the heap pools. */
    public static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
