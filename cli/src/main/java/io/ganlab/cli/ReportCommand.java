package io.ganlab.cli;

import io.ganlab.eval.report.Measure;
import io.ganlab.eval.report.Report;
import io.ganlab.eval.report.Report.ConfigSummary;
import io.ganlab.eval.report.Report.Spread;
import io.ganlab.eval.report.ReportWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gan report}: training runs in, an HTML/JSON/Markdown report with charts out. */
@Command(name = "report", mixinStandardHelpOptions = true,
        header = "Write a report (HTML with charts, JSON, Markdown) of one or more training runs.",
        description = {"Reads each RUN directory (config.json, env.json, status.json, metrics.jsonl, samples/) and"
                + " writes DIR/report.html (self-contained: opens from disk, no network), DIR/report.json (the same"
                + " numbers), DIR/report.md (a summary table) and one PNG per chart. Runs whose configs differ only"
                + " in their seed are shown as one line with the mean and the min-max band across seeds. Every metric"
                + " the runs logged is charted; sample text, sample grids and plots are shown at the first, middle"
                + " and last iteration. Runs still going or stopped early are reported with what they have logged,"
                + " and say so.",
            "The report is built beside DIR and renamed into place when complete."},
        footer = {"", "Example:", "  ./gan report runs/wgan-gp-s1 runs/wgan-gp-s2 runs/fogan-s1 --out reports/cmp"})
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN", description = "Training run directories.")
    List<Path> runs;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Report directory to write (not a run directory, nor inside one).")
    Path out;

    @Option(names = "--force", description = "Replace an existing report at DIR.")
    boolean force;

    @Option(names = "--sample-lines", paramLabel = "N", defaultValue = "10",
            description = "Sample lines shown from each of the first, middle and last sample file"
                    + " (default: ${DEFAULT-VALUE}).")
    int sampleLines;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (sampleLines < 0) {
            throw new UsageException("--sample-lines must be >= 0, got " + sampleLines);
        }
        long t0 = System.nanoTime();
        Report r = ReportWriter.write(new ReportWriter.Options(runs, out, force, sampleLines));
        PrintWriter err = spec.commandLine().getErr();
        for (String w : r.warnings()) {
            err.println("gan report: warning: " + w);
        }
        err.flush();
        PrintWriter o = spec.commandLine().getOut();
        for (ConfigSummary c : r.configs()) {
            StringBuilder best = new StringBuilder();
            String metric = null;
            for (Measure m : r.headline()) {
                Spread s = c.best(m);
                // "best JSD n=4 0.350  n=6 0.750  modes covered 8.000": a metric's name once
                best.append(best.isEmpty() ? "best " : "  ");
                if (!m.metric().equals(metric)) {
                    best.append(m.metricName()).append(' ');
                }
                metric = m.metric();
                best.append(m.n() == null ? "" : "n=" + m.n() + " ").append(s == null ? "-" : fmt(s));
            }
            o.printf(Locale.ROOT, "%-40s %d seed%s  %s%n", c.label(), c.seedCount(), c.seedCount() == 1 ? " " : "s",
                    best);
        }
        o.printf(Locale.ROOT, "report    %s (%d chart%s, %.1f s)%n", out.resolve(ReportWriter.HTML), r.charts().size(),
                r.charts().size() == 1 ? "" : "s", (System.nanoTime() - t0) / 1e9);
        o.printf("numbers   %s%nsummary   %s%n", out.resolve(ReportWriter.JSON), out.resolve(ReportWriter.MARKDOWN));
        o.flush();
        return 0;
    }

    private static String fmt(Spread s) {
        return s.std() == null ? String.format(Locale.ROOT, "%.3f", s.mean())
                : String.format(Locale.ROOT, "%.3f ± %.3f", s.mean(), s.std());
    }
}
