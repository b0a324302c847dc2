package io.ganlab.cli;

import io.ganlab.common.MetricKeys;
import io.ganlab.core.Trainer;
import io.ganlab.core.TrainingListener;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Progress of a training run on stderr: iterations/s, ETA, the latest losses and JSD. On a terminal the line is
 * redrawn in place; otherwise (logs, CI) a line is printed every {@code interval} seconds.
 */
final class TrainProgress implements TrainingListener {
    private final PrintStream err;
    private final long targetIterations;
    private final double targetSeconds;
    private final boolean tty;
    private final double interval;
    private long startIteration;
    private long startNanos;
    private long lastPrint;
    private String jsd = "";
    private Map<String, Object> last;

    TrainProgress(PrintStream err, long targetIterations, double targetMinutes, boolean quiet) {
        this.err = quiet ? null : err;
        this.targetIterations = targetIterations;
        this.targetSeconds = targetMinutes * 60;
        this.tty = System.console() != null;
        this.interval = tty ? 0.5 : 10;
    }

    /** Warnings are shown even with --quiet. */
    @Override
    public void notice(String message) {
        System.err.println("gan: warning: " + message);
    }

    @Override
    public void started(long iteration, double time) {
        startIteration = iteration;
        startNanos = System.nanoTime();
        lastPrint = startNanos;
        if (err != null && iteration > 0) {
            err.printf("resuming at iteration %,d (%.0f s of training so far)%n", iteration, time);
        }
    }

    @Override
    public void iteration(Map<String, Object> m) {
        last = m;
        long now = System.nanoTime();
        if (err != null && (now - lastPrint) / 1e9 >= interval) {
            lastPrint = now;
            print(false);
        }
    }

    @Override
    public void evaluated(Map<String, Object> m) {
        if (m.get("jsd") instanceof Map<?, ?> j) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<?, ?> e : j.entrySet()) {
                if (e.getKey().toString().equals("4") || e.getKey().toString().equals("6")) {
                    sb.append(String.format(Locale.ROOT, " JSD%s %.3f", e.getKey(), ((Number) e.getValue()).doubleValue()));
                }
            }
            jsd = sb.toString();
        }
        if (m.get(MetricKeys.CLASSIFIER_FID) instanceof Number fid) {
            jsd = String.format(Locale.ROOT, " classifier score %.2f FID %.2f KID %.3f",
                    num(m, MetricKeys.CLASSIFIER_SCORE), fid.doubleValue(), num(m, MetricKeys.CLASSIFIER_KID));
        }
        if (err != null && !tty) {
            err.printf(Locale.ROOT, "eval @%,d:%s critic train/valid %.3f/%.3f%n", ((Number) m.get("iteration")).longValue(),
                    jsd, num(m, "critic_train"), num(m, "critic_valid"));
        }
    }

    @Override
    public void checkpointed(long iteration, Path file) {}

    @Override
    public void finished(Trainer.Outcome outcome) {
        if (err != null && last != null) {
            print(true);
        }
    }

    private void print(boolean end) {
        long it = ((Number) last.get("iteration")).longValue();
        double time = num(last, "time");
        double secs = (System.nanoTime() - startNanos) / 1e9;
        double rate = (it - startIteration) / Math.max(secs, 1e-9);
        String eta;
        if (targetIterations > 0) {
            eta = duration((targetIterations - it) / Math.max(rate, 1e-9));
        } else {
            eta = duration(targetSeconds - time);
        }
        String target = targetIterations > 0 ? String.format(Locale.ROOT, "/%,d", targetIterations) : "";
        String line = String.format(Locale.ROOT, "iter %,d%s  %.2f it/s  ETA %s  D %.3f G %.3f W %.3f%s",
                it, target, rate, end ? "0s" : eta, num(last, "critic_loss"), num(last, "generator_loss"),
                num(last, "wasserstein"), jsd);
        if (tty) {
            err.print("\r" + line + "   " + (end ? "\n" : ""));
        } else {
            err.println(line);
        }
        err.flush();
    }

    private static double num(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
