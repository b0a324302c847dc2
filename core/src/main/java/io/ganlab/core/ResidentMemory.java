package io.ganlab.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of this process (VmRSS in /proc/self/status), to watch native memory that the JVM cannot see. */
public final class ResidentMemory {
    private ResidentMemory() {}

    /** Bytes resident now, or -1 where /proc is not available (not Linux). */
    public static long bytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] f = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(f[0]) * 1024;          // reported in kB
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
