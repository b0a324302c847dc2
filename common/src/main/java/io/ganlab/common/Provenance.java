package io.ganlab.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The tool's version and the machine it runs on, recorded in every file the tool writes. */
public final class Provenance {
    private static final String VERSION = readVersion();

    private Provenance() {}

    /** The build's version ({@code dev} outside a build). */
    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }

    /** The CPU model from /proc/cpuinfo, or the architecture where that is not available. */
    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }
}
