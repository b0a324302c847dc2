package io.ganlab.eval.report;

import io.ganlab.eval.report.Report.ConfigSummary;
import io.ganlab.eval.report.Report.RunSummary;
import io.ganlab.eval.report.Report.Spread;
import java.util.List;
import java.util.TreeSet;

/** {@code report.md}: one table row per config, for a README or a paper draft. */
public final class MarkdownSummary {
    private MarkdownSummary() {}

    public static String render(Report r) {
        StringBuilder b = new StringBuilder();
        b.append("| config | seeds | iterations | best JSD n=4 | best JSD n=6 | floor n=4 / n=6 | samples |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (ConfigSummary c : r.configs()) {
            List<RunSummary> runs = r.runs().stream().filter(s -> c.runs().contains(s.name())).toList();
            long lo = runs.stream().mapToLong(RunSummary::iterations).min().orElse(0);
            long hi = runs.stream().mapToLong(RunSummary::iterations).max().orElse(0);
            long unfinished = runs.stream().filter(s -> !s.state().equals("finished")).count();
            String its = (lo == hi ? Formats.count(hi) : Formats.count(lo) + "–" + Formats.count(hi))
                    + (unfinished == 0 ? "" : " (" + unfinished + " not finished)");
            Spread b4 = c.best().get(4);
            Spread b6 = c.best().get(6);
            TreeSet<Integer> sizes = new TreeSet<>();
            c.best().values().forEach(s -> sizes.addAll(s.samples()));
            b.append("| ").append(Formats.md(c.label()))
                    .append(" | ").append(runs.size())
                    .append(" | ").append(its)
                    .append(" | ").append(b4 == null ? "–" : Formats.spread(b4))
                    .append(" | ").append(b6 == null ? "–" : Formats.spread(b6))
                    .append(" | ").append(b4 == null ? "–" : Formats.jsd(b4.floor()))
                    .append(" / ").append(b6 == null ? "–" : Formats.jsd(b6.floor()))
                    .append(" | ").append(sizes.isEmpty() ? "–" : Formats.sizes(List.copyOf(sizes)))
                    .append(" |\n");
        }
        b.append("\nBest JSD: each seed's lowest n-gram JSD (bits) over its evaluations; mean ± std across seeds.")
                .append(" Floor: real data against real data at the same sample size.\n");
        for (String w : r.warnings()) {
            b.append("\n- ").append(w.replace("\n", " "));
        }
        if (!r.warnings().isEmpty()) {
            b.append('\n');
        }
        return b.toString();
    }
}
