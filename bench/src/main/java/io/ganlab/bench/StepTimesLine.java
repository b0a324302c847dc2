package io.ganlab.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one line in which a timing child, ours ({@link TextganStepsChild}) or eager PyTorch's
 * ({@code bench/python/textgan_steps.py}), reports its step times: {@code textgan_steps key=value ...}, with the
 * implementation, its version and device, the shape, the thread count, and median/p10/p90 milliseconds and step
 * counts of the critic and generator steps, and the seconds its untimed warm-up critic steps took. Both sides print the
 * same keys, so one parser reads both.
 */
public record StepTimesLine(String impl, String version, String device, int dim, int batch, int length, int vocab,
                            int threads, Times critic, Times generator, double criticWarmupSeconds) {
    /** The first word of the line. */
    public static final String TAG = "textgan_steps";

    /** Milliseconds of one kind of step: nearest-rank quantiles and how many steps were timed. */
    public record Times(double medianMs, double p10Ms, double p90Ms, int steps) {
        static Times of(double[] ms) {
            return new Times(TextganStepBench.quantile(ms, 0.5), TextganStepBench.quantile(ms, 0.1),
                    TextganStepBench.quantile(ms, 0.9), ms.length);
        }
    }

    /** The line, as {@link #parse} reads it. */
    public String format() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("impl", impl);
        f.put("version", version);
        f.put("device", device);
        f.put("dim", dim);
        f.put("batch", batch);
        f.put("length", length);
        f.put("vocab", vocab);
        f.put("threads", threads);
        put(f, "critic", critic);
        f.put("critic_warmup_s", String.format(Locale.ROOT, "%.3f", criticWarmupSeconds));
        put(f, "generator", generator);
        StringBuilder sb = new StringBuilder(TAG);
        f.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    private static void put(Map<String, Object> f, String kind, Times t) {
        f.put(kind + "_median_ms", String.format(Locale.ROOT, "%.3f", t.medianMs()));
        f.put(kind + "_p10_ms", String.format(Locale.ROOT, "%.3f", t.p10Ms()));
        f.put(kind + "_p90_ms", String.format(Locale.ROOT, "%.3f", t.p90Ms()));
        f.put(kind + "_steps", t.steps());
    }

    /**
     * The last {@link #TAG} line of a child's output.
     *
     * @throws IllegalArgumentException naming what is missing when there is no such line or a key is absent or
     *                                  malformed
     */
    public static StepTimesLine find(String output) {
        String line = null;
        for (String l : output.lines().toList()) {
            if (l.startsWith(TAG + " ")) {
                line = l;
            }
        }
        if (line == null) {
            throw new IllegalArgumentException("no '" + TAG + " ...' line in the output");
        }
        return parse(line);
    }

    /** Reads a line written by {@link #format} or by the Python peer. */
    public static StepTimesLine parse(String line) {
        Map<String, String> kv = fields(line, TAG);
        return new StepTimesLine(text(kv, "impl"), text(kv, "version"), text(kv, "device"), integer(kv, "dim"),
                integer(kv, "batch"), integer(kv, "length"), integer(kv, "vocab"), integer(kv, "threads"),
                times(kv, "critic"), times(kv, "generator"), number(kv, "critic_warmup_s"));
    }

    /**
     * The {@code key=value} words after the first word {@code tag} of a timing child's line (this one's, or
     * {@link ConvolutionPasses}'), in order.
     *
     * @throws IllegalArgumentException when the line starts otherwise or a word is not {@code key=value}
     */
    static Map<String, String> fields(String line, String tag) {
        String[] words = line.trim().split("\\s+");
        if (!words[0].equals(tag)) {
            throw new IllegalArgumentException("not a '" + tag + "' line: " + line);
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + words[i] + "' is not key=value in: " + line);
            }
            kv.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        return kv;
    }

    private static Times times(Map<String, String> kv, String kind) {
        return new Times(number(kv, kind + "_median_ms"), number(kv, kind + "_p10_ms"), number(kv, kind + "_p90_ms"),
                integer(kv, kind + "_steps"));
    }

    private static String text(Map<String, String> kv, String key) {
        String v = kv.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("the '" + TAG + "' line has no " + key + "=");
        }
        return v;
    }

    private static int integer(Map<String, String> kv, String key) {
        try {
            return Integer.parseInt(text(kv, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + kv.get(key) + " is not an integer");
        }
    }

    private static double number(Map<String, String> kv, String key) {
        try {
            return Double.parseDouble(text(kv, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + kv.get(key) + " is not a number");
        }
    }
}
