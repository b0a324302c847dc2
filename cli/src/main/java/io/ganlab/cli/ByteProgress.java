package io.ganlab.cli;

import io.ganlab.corpus.Preparer;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of reading input bytes on stderr: a live bar (MB/s, ETA) on a terminal, a line every few seconds
 * otherwise (CI logs), nothing when quiet.
 */
final class ByteProgress implements Preparer.Progress {
    private final String task;
    private final boolean quiet;
    private final PrintStream err;
    private ProgressBar bar;
    private long total;
    private long done;
    private long startNanos;
    private long lastLine;

    ByteProgress(String task, boolean quiet, PrintStream err) {
        this.task = task;
        this.quiet = quiet;
        this.err = err;
    }

    @Override
    public void start(long totalBytes) {
        total = totalBytes;
        startNanos = System.nanoTime();
        lastLine = startNanos;
        if (quiet) {
            return;
        }
        if (System.console() != null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalBytes)
                    .setUnit(" MB", 1 << 20).showSpeed().setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).setMaxRenderedLength(100)
                    .setConsumer(new ConsoleProgressBarConsumer(err))
                    .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
                    .build();
        }
    }

    @Override
    public void advance(long bytes) {
        done += bytes;
        if (bar != null) {
            bar.stepBy(bytes);
        } else if (!quiet) {
            long now = System.nanoTime();
            if (now - lastLine > 5_000_000_000L) {
                lastLine = now;
                double secs = (now - startNanos) / 1e9;
                double rate = done / secs;
                String eta = rate > 0 && total > done ? Duration.ofSeconds((long) ((total - done) / rate)).toString()
                        .substring(2).toLowerCase(java.util.Locale.ROOT) : "?";
                err.printf("%s: %,d of %,d MB (%.0f%%), %.1f MB/s, ETA %s (upper bound: reading may stop early)%n",
                        task, done >> 20, total >> 20, 100.0 * done / Math.max(1, total), rate / (1 << 20), eta);
            }
        }
    }

    @Override
    public void phase(String name) {
        if (quiet) {
            return;
        }
        if (name.startsWith("warning:") || name.startsWith("note:")) {
            err.println(task + ": " + name); // a remark, not a phase: the bar goes on
        } else if (!name.equals("reading")) {
            if (bar != null) {
                bar.close();
                bar = null;
            }
            err.printf("%s: %s... (%.1f s)%n", task, name, seconds());
        }
    }

    @Override
    public void done() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        if (!quiet) {
            err.printf("%s: read %,d MB in %.1f s%n", task, done >> 20, seconds());
        }
    }

    /** Seconds since start. */
    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    long bytesRead() {
        return done;
    }
}
