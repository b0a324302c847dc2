package io.ganlab.eval.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ganlab.common.Json;
import io.ganlab.common.Provenance;
import io.ganlab.common.RunLayout;
import io.ganlab.common.StagedOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a report directory: {@code report.html}, {@code report.json}, {@code report.md}, one PNG per chart and
 * copies of the runs' images ({@code images/}).
 * Everything is built in a hidden sibling directory and renamed into place when complete, so a report directory
 * is either the old one or the whole new one.
 */
public final class ReportWriter {
    public static final String HTML = "report.html";
    public static final String JSON = "report.json";
    public static final String MARKDOWN = "report.md";

    /** The JSON form of {@link Report}: snake_case keys, indented. */
    public static final ObjectMapper MAPPER = Json.SNAKE_CASE;

    private ReportWriter() {}

    /**
     * What to report and where.
     *
     * @param sampleLines lines shown from each chosen sample file
     */
    public record Options(List<Path> runs, Path out, boolean force, int sampleLines) {
        public Options {
            runs = List.copyOf(runs);
            if (sampleLines < 0) {
                throw new ReportException("--sample-lines must be >= 0, got " + sampleLines);
            }
        }
    }

    /** Loads the runs, builds the report and writes it; returns the report as written. */
    public static Report write(Options o) {
        Path out = o.out().toAbsolutePath().normalize();
        checkDestination(o.out(), out, o.force());
        List<TrainingRun> runs = new ArrayList<>();
        for (Path p : o.runs()) {
            Path abs = p.toAbsolutePath().normalize();
            if (out.equals(abs) || abs.startsWith(out)) {
                throw new ReportException(p + ": a run inside the report directory " + o.out() + " would be replaced");
            }
            runs.add(TrainingRun.load(p));
        }
        Report report = ReportBuilder.build(runs, Provenance.version(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), o.sampleLines());
        // charts are drawn headless: a report must work on a machine without a display
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        List<ReportCharts.Drawn> drawn = ReportCharts.draw(report);
        report = report.withCharts(drawn.stream().map(ReportCharts.Drawn::info).toList());

        Path tmp = StagedOutput.stagingPath(out);
        try {
            StagedOutput.deleteTree(tmp);
            Files.createDirectories(tmp);
            List<String> svgs = new ArrayList<>();
            for (int i = 0; i < drawn.size(); i++) {
                ReportCharts.Drawn d = drawn.get(i);
                svgs.add(ReportCharts.svg(d.chart(), "c" + i));
                Files.write(tmp.resolve(d.info().png()), ReportCharts.png(d.chart()));
            }
            for (Report.RunSummary run : report.runs()) {
                for (Report.Section section : run.sections()) {
                    for (Report.Shown shown : section.shown()) {
                        if (shown.image() != null) {
                            Path to = tmp.resolve(shown.image());
                            Files.createDirectories(to.getParent());
                            Files.copy(Path.of(run.path()).resolve(shown.file()), to);
                        }
                    }
                }
            }
            String page = HtmlReport.render(report, svgs, drawn.stream().map(ReportCharts.Drawn::caption).toList());
            Files.writeString(tmp.resolve(HTML), page, StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve(MARKDOWN), MarkdownSummary.render(report), StandardCharsets.UTF_8);
            // report.json last: a directory with it is a complete report (see checkDestination)
            MAPPER.writeValue(tmp.resolve(JSON).toFile(), report);
            StagedOutput.moveIntoPlace(tmp, out, o.force());
        } catch (IOException e) {
            throw new ReportException(o.out() + ": cannot write the report (" + e.getMessage() + ")", e);
        } finally {
            StagedOutput.deleteTreeQuietly(tmp);
        }
        return report;
    }

    /** Fails before any work when the destination may not be replaced. */
    private static void checkDestination(Path given, Path out, boolean force) {
        for (Path p = out; p != null; p = p.getParent()) {
            if (isRun(p)) {
                throw new ReportException(given + ": " + (p.equals(out) ? "is a training run directory"
                        : "is inside the training run directory " + p) + "; write the report somewhere else");
            }
        }
        if (!Files.exists(out)) {
            return;
        }
        if (!force) {
            throw new ReportException(given + ": already exists; use --force to replace it");
        }
        if (!Files.isDirectory(out)) {
            throw new ReportException(given + ": exists and is not a directory; refusing to replace it");
        }
        if (!Files.exists(out.resolve(JSON)) && !isEmptyDir(out)) {
            throw new ReportException(given + ": exists and is not a report (no " + JSON
                    + "); refusing to replace it even with --force");
        }
    }

    /** A directory that training wrote: metrics, checkpoints, or a config with a status. */
    private static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(RunLayout.METRICS))
                || Files.isDirectory(dir.resolve(RunLayout.CHECKPOINTS))
                || Files.isRegularFile(dir.resolve(RunLayout.CONFIG)) && Files.isRegularFile(dir.resolve(RunLayout.STATUS));
    }

    private static boolean isEmptyDir(Path p) {
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
