package io.ganlab.eval.report;

import static io.ganlab.eval.report.Formats.count;
import static io.ganlab.eval.report.Formats.html;
import static io.ganlab.eval.report.Formats.value;

import com.fasterxml.jackson.databind.JsonNode;
import io.ganlab.eval.report.Report.Best;
import io.ganlab.eval.report.Report.ConfigSummary;
import io.ganlab.common.RunState;
import io.ganlab.eval.report.Report.RunSummary;
import io.ganlab.eval.report.Report.Section;
import io.ganlab.eval.report.Report.Spread;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: one page (inline CSS and SVG, no script, nothing fetched from the network) that opens from
 * disk. The chart PNGs beside it are only linked; the images of runs ({@code images/}) are shown from the copies in
 * the report directory.
 */
public final class HtmlReport {
    private HtmlReport() {}

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1720px;\
            padding:0 1em;color:#222}
            h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
            table{border-collapse:collapse;margin:.6em 0;font-variant-numeric:tabular-nums}
            th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
            th{background:#f4f4f4}td.num{text-align:right}
            tr.diff td,tr.diff th{background:#fff3c4}
            .warn{background:#fff4e5;border-left:4px solid #e69f00;padding:.5em 1em;margin:1em 0}
            .state-running,.state-unknown{color:#9a5b00}.state-stopped,.state-failed{color:#b00020}
            .state-finished{color:#1b7f3b}
            .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(600px,1fr));gap:1em 2em}
            figure{margin:.5em 0}figcaption{color:#555;font-size:.92em;max-width:820px}
            svg{max-width:100%;height:auto}
            pre{background:#f7f7f7;padding:.5em;overflow-x:auto;font-size:12.5px;line-height:1.3}
            .muted{color:#666}
            .images{display:flex;flex-wrap:wrap;gap:1em 2em}.images img{max-width:400px;height:auto;border:1px solid #ddd}
            """;

    /**
     * Renders the page.
     *
     * @param svgs one inline SVG per chart of {@code r.charts()}, same order
     * @param captions one caption per chart
     */
    public static String render(Report r, List<String> svgs, List<String> captions) {
        StringBuilder b = new StringBuilder(64 * 1024);
        List<RunSection> sections = RunSection.all().stream()
                .filter(k -> r.runs().stream().anyMatch(s -> section(s, k) != null)).toList();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Training report: ").append(html(String.join(", ",
                        r.configs().stream().map(ConfigSummary::label).toList()))).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<h1>Training report</h1>\n<p class=\"muted\">").append(r.runs().size()).append(" run")
                .append(r.runs().size() == 1 ? "" : "s").append(" in ").append(r.configs().size()).append(" config")
                .append(r.configs().size() == 1 ? "" : "s").append(" · made ").append(html(r.created()))
                .append(" by gan ").append(html(r.tool())).append("</p>\n")
                .append("<p><a href=\"#runs\">runs</a> · <a href=\"#best\">best scores</a>")
                .append(" · <a href=\"#charts\">charts</a>");
        if (sections.isEmpty()) {
            b.append(" · <a href=\"#samples\">samples</a>");
        }
        sections.forEach(k -> b.append(" · <a href=\"#").append(k.id()).append("\">")
                .append(html(k.title().toLowerCase(java.util.Locale.ROOT))).append("</a>"));
        b.append(" · <a href=\"#config\">configs</a> · <a href=\"#environment\">environment</a></p>\n");

        long unfinished = r.runs().stream().filter(s -> !s.state().equals(RunState.FINISHED.word())).count();
        if (unfinished > 0 || !r.warnings().isEmpty()) {
            b.append("<div class=\"warn\">");
            if (unfinished > 0) {
                b.append("<p><b>").append(unfinished).append(" of ").append(r.runs().size())
                        .append(" runs are not finished</b>: they are reported with what they had logged when this"
                                + " report was made.</p>");
            }
            if (!r.warnings().isEmpty()) {
                b.append("<ul>");
                r.warnings().forEach(w -> b.append("<li>").append(html(w)).append("</li>"));
                b.append("</ul>");
            }
            b.append("</div>\n");
        }

        runsTable(b, r);
        bestTables(b, r);

        b.append("<h2 id=\"charts\">Charts</h2>\n");
        if (r.charts().isEmpty()) {
            b.append("<p>Nothing to chart yet: no run has logged metrics.</p>\n");
        }
        for (String group : List.of(ReportCharts.EVALUATION, ReportCharts.TRAINING)) {
            if (r.charts().stream().noneMatch(c -> c.group().equals(group))) {
                continue;
            }
            b.append("<h3>").append(group.equals(ReportCharts.EVALUATION) ? "Evaluations" : "Training")
                    .append("</h3>\n<div class=\"charts\">\n");
            for (int i = 0; i < r.charts().size(); i++) {
                Report.Chart c = r.charts().get(i);
                if (!c.group().equals(group)) {
                    continue;
                }
                b.append("<figure id=\"").append(html(c.id())).append("\">\n").append(svgs.get(i))
                        .append("\n<figcaption>").append(html(captions.get(i))).append(" <a href=\"")
                        .append(html(c.png())).append("\">PNG</a>").append("</figcaption>\n</figure>\n");
            }
            b.append("</div>\n");
        }

        if (sections.isEmpty()) {
            b.append("<h2 id=\"samples\">Samples</h2>\n<p class=\"muted\">No run has written samples or plots"
                    + " yet.</p>\n");
        }
        for (RunSection k : sections) {
            b.append("<h2 id=\"").append(k.id()).append("\">").append(html(k.title())).append("</h2>\n<p>")
                    .append(html(k.intro())).append("</p>\n");
            for (RunSummary s : r.runs()) {
                b.append("<h3>").append(html(s.name())).append(" <span class=\"muted\">").append(html(s.config()))
                        .append("</span></h3>\n");
                Section x = section(s, k);
                if (x == null) {
                    b.append("<p class=\"muted\">None yet.</p>\n");
                } else {
                    k.render(b, x);
                }
            }
        }
        keyTable(b, "config", "Effective configs",
                "Highlighted rows differ between runs (seeds included).", r, RunSummary::effectiveConfig);
        keyTable(b, "environment", "Environment",
                "Tool, Java, OS, DJL and engine versions, device, threads and CPU of each run.", r, RunSummary::env);
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static Section section(RunSummary s, RunSection kind) {
        return s.sections().stream().filter(x -> x.kind().equals(kind.id())).findFirst().orElse(null);
    }

    private static void runsTable(StringBuilder b, Report r) {
        b.append("<h2 id=\"runs\">Runs</h2>\n<table>\n<tr><th>run</th><th>config</th><th>seed</th><th>status</th>")
                .append("<th>iterations</th><th>wall time</th><th>evaluations</th><th>notes</th></tr>\n");
        for (RunSummary s : r.runs()) {
            b.append("<tr><td>").append(html(s.name())).append("</td><td>").append(html(s.config()))
                    .append("</td><td class=\"num\">").append(s.seed() == null ? "–" : s.seed())
                    .append("</td><td class=\"state-").append(html(s.state())).append("\">")
                    .append(html(s.statusText())).append("</td><td class=\"num\">").append(count(s.iterations()))
                    .append("</td><td class=\"num\">").append(Formats.duration(s.time()))
                    .append("</td><td class=\"num\">").append(s.evalLines()).append("</td><td>")
                    .append(html(String.join("; ", s.notes()))).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    /**
     * The best value of every measure that has a better direction: one table per per-n metric (columns n), one for
     * the metrics that are numbers (a column each), each followed by the runs' bests and where they were reached.
     */
    private static void bestTables(StringBuilder b, Report r) {
        List<Measure> ranked = new ArrayList<>();
        for (String k : r.evalMetrics()) {
            if (MetricLabels.of(k).better() != MetricLabels.Better.NEITHER) {
                ranked.addAll(r.measures(k));
            }
        }
        if (ranked.isEmpty()) {
            b.append("<h2 id=\"best\">Best scores</h2>\n<p>No evaluations yet.</p>\n");
            return;
        }
        boolean first = true;
        Map<String, List<Measure>> tables = new LinkedHashMap<>();
        for (Measure m : ranked) {
            tables.computeIfAbsent(m.n() == null ? "" : m.metric(), k -> new ArrayList<>()).add(m);
        }
        for (Map.Entry<String, List<Measure>> t : tables.entrySet()) {
            boolean perN = !t.getKey().isEmpty();
            MetricLabels.Metric metric = perN ? MetricLabels.of(t.getKey()) : null;
            String title = perN ? "Best " + metric.perN().replace("%d", "n") : "Best scores";
            b.append("<h2").append(first ? " id=\"best\"" : "").append(">").append(html(title)).append("</h2>\n");
            first = false;
            b.append("<p>Each run's best value over its evaluations (").append(html(betterWords(t.getValue())))
                    .append("). Per config: mean ± std across seeds, with the range. Numbers are only comparable at"
                            + " the same sample size.</p>\n");
            bestTable(b, r, t.getValue(), perN);
        }
    }

    private static String betterWords(List<Measure> ms) {
        List<String> parts = new ArrayList<>();
        for (Measure m : ms) {
            MetricLabels.Metric x = MetricLabels.of(m.metric());
            String w = x.name() + ": " + (x.better() == MetricLabels.Better.LOWER ? "lower" : "higher") + " is better";
            if (!parts.contains(w)) {
                parts.add(w);
            }
        }
        return String.join("; ", parts);
    }

    private static String header(Measure m, boolean perN) {
        return perN ? "n=" + m.n() : MetricLabels.of(m.metric()).name();
    }

    private static void bestTable(StringBuilder b, Report r, List<Measure> columns, boolean perN) {
        b.append("<table>\n<tr><th>config</th><th>seeds</th><th>samples</th>");
        columns.forEach(m -> b.append("<th>").append(html(header(m, perN))).append("</th>"));
        b.append("</tr>\n");
        for (ConfigSummary c : r.configs()) {
            b.append("<tr><td>").append(html(c.label())).append("</td><td class=\"num\">").append(c.seedCount())
                    .append("</td><td class=\"num\">");
            LinkedHashSet<Integer> sizes = new LinkedHashSet<>();
            columns.forEach(m -> {
                Spread s = c.best(m);
                if (s != null) {
                    sizes.addAll(s.samples());
                }
            });
            b.append(sizes.isEmpty() ? "–" : Formats.sizes(new ArrayList<>(sizes))).append("</td>");
            for (Measure m : columns) {
                Spread s = c.best(m);
                b.append("<td class=\"num\">");
                if (s == null) {
                    b.append("–");
                } else {
                    b.append(Formats.spread(s));
                    if (s.seeds() > 1) {
                        b.append("<br><span class=\"muted\">").append(value(s.min())).append("–")
                                .append(value(s.max())).append(", ").append(s.seeds()).append(" seeds</span>");
                    }
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        // yardsticks (the real-data floor per sample size): one row each
        Map<String, Map<Measure, Double>> refRows = new LinkedHashMap<>();
        for (Measure m : columns) {
            for (Report.Reference ref : r.referencesOf(m)) {
                String row = MetricLabels.of(m.metric()).referenceName() + "\u0000"
                        + (ref.samples() == null ? "" : count(ref.samples()));
                refRows.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(m, ref.value());
            }
        }
        refRows.forEach((row, values) -> {
            String[] p = row.split("\u0000", -1);
            b.append("<tr><td><i>").append(html(p[0])).append("</i></td><td></td><td class=\"num\">")
                    .append(p[1].isEmpty() ? "–" : p[1]).append("</td>");
            for (Measure m : columns) {
                b.append("<td class=\"num\"><i>").append(values.containsKey(m) ? value(values.get(m)) : "")
                        .append("</i></td>");
            }
            b.append("</tr>\n");
        });
        b.append("</table>\n<p>Per run: best value @ generator iteration.</p>\n<table>\n<tr><th>run</th>")
                .append("<th>config</th><th>samples</th>");
        columns.forEach(m -> b.append("<th>").append(html(header(m, perN))).append("</th>"));
        b.append("</tr>\n");
        for (RunSummary s : r.runs()) {
            LinkedHashSet<Integer> sizes = new LinkedHashSet<>();
            columns.forEach(m -> {
                Best x = s.best(m);
                if (x != null && x.samples() != null) {
                    sizes.add(x.samples());
                }
            });
            b.append("<tr><td>").append(html(s.name())).append("</td><td>").append(html(s.config()))
                    .append("</td><td class=\"num\">")
                    .append(sizes.isEmpty() ? "–" : Formats.sizes(new ArrayList<>(sizes))).append("</td>");
            for (Measure m : columns) {
                Best x = s.best(m);
                b.append("<td class=\"num\">").append(x == null ? "–" : value(x.value()) + " <span class=\"muted\">@ "
                        + count(x.iteration()) + "</span>").append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    /** Keys × runs, rows whose values differ highlighted. */
    private static void keyTable(StringBuilder b, String id, String title, String note, Report r,
                                 java.util.function.Function<RunSummary, JsonNode> part) {
        List<Map<String, String>> flat = r.runs().stream().map(s -> TrainingRun.flatten(part.apply(s))).toList();
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        flat.forEach(m -> keys.addAll(m.keySet()));
        List<String> diff = ReportBuilder.differingKeys(flat);
        b.append("<h2 id=\"").append(id).append("\">").append(title).append("</h2>\n");
        if (keys.isEmpty()) {
            b.append("<p class=\"muted\">Not recorded.</p>\n");
            return;
        }
        b.append("<p>").append(html(note)).append("</p>\n<table>\n<tr><th>key</th>");
        r.runs().forEach(s -> b.append("<th>").append(html(s.name())).append("</th>"));
        b.append("</tr>\n");
        for (String k : keys) {
            b.append(diff.contains(k) ? "<tr class=\"diff\">" : "<tr>").append("<th>").append(html(k)).append("</th>");
            for (Map<String, String> m : flat) {
                b.append("<td>").append(m.containsKey(k) ? html(m.get(k)) : "<span class=\"muted\">–</span>")
                        .append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }
}
