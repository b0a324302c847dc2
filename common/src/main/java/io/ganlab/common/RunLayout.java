package io.ganlab.common;

import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of a training run directory, the one place their names are declared. Training writes them
 * ({@code RunDirectory} in core) and {@code gan report} reads them:
 * <pre>
 * RUN/config.json     effective config          RUN/metrics.jsonl  one JSON object per line (see {@link MetricKeys})
 * RUN/env.json        versions, device, threads RUN/status.json    {@link RunState}, iteration, message
 * RUN/checkpoints/iter-NNNNNNNN.ckpt            RUN/samples/iter-NNNNNNNN.txt|ids|png
 * RUN/plots/iter-NNNNNNNN.png                   RUN/.lock          held by the process that trains the run
 * </pre>
 */
public final class RunLayout {
    public static final String CONFIG = "config.json";
    public static final String ENV = "env.json";
    public static final String STATUS = "status.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String SAMPLES = "samples";
    public static final String PLOTS = "plots";
    public static final String LOCK = ".lock";
    /** Extension of checkpoint files. */
    public static final String CHECKPOINT_EXTENSION = "ckpt";

    /** {@code iter-NNNNNNNN.EXT}: files written at a generator iteration. */
    private static final Pattern ITERATION_FILE = Pattern.compile("iter-(\\d+)\\.([A-Za-z0-9]+)");

    private RunLayout() {}

    /** {@code iter-00001000.EXT}. */
    public static String iterationFile(long iteration, String extension) {
        return String.format(Locale.ROOT, "iter-%08d.%s", iteration, extension);
    }

    /** {@code dir/iter-00001000.EXT}. */
    public static Path iterationFile(Path dir, long iteration, String extension) {
        return dir.resolve(iterationFile(iteration, extension));
    }

    /** The iteration of a file named {@code iter-N.EXT}, empty for any other name or extension. */
    public static OptionalLong iterationOf(Path file, String extension) {
        Matcher m = ITERATION_FILE.matcher(file.getFileName().toString());
        if (!m.matches() || !m.group(2).equals(extension)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
