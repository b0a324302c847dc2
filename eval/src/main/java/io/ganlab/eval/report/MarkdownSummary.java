package io.ganlab.eval.report;

import io.ganlab.common.RunState;
import io.ganlab.eval.report.Report.ConfigSummary;
import io.ganlab.eval.report.Report.RunSummary;
import io.ganlab.eval.report.Report.Spread;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code report.md}: one table row per config with the best value of each {@link Report#headline()} measure (for
 * text the 4- and 6-gram JSD and their floor), for a README or a paper draft.
 */
public final class MarkdownSummary {
    private MarkdownSummary() {}

    public static String render(Report r) {
        // the yardstick columns: one per metric, its n joined ("floor n=4 / n=6")
        Map<String, List<Measure>> withReference = new LinkedHashMap<>();
        for (Measure m : r.headline()) {
            if (MetricLabels.of(m.metric()).reference() != null) {
                withReference.computeIfAbsent(m.metric(), k -> new ArrayList<>()).add(m);
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("| config | seeds | iterations |");
        for (Measure m : r.headline()) {
            b.append(" best ").append(Formats.md(MetricLabels.of(m.metric()).name()))
                    .append(m.n() == null ? "" : " n=" + m.n()).append(" |");
        }
        withReference.forEach((k, ms) -> {
            b.append(' ').append(Formats.md(MetricLabels.of(k).referenceName()));
            if (ms.get(0).n() != null) {
                b.append(" n=").append(String.join(" / n=", ms.stream().map(m -> m.n().toString()).toList()));
            }
            b.append(" |");
        });
        b.append(" samples |\n|---|---:|---:|");
        b.append("---:|".repeat(r.headline().size() + withReference.size())).append("---:|\n");
        for (ConfigSummary c : r.configs()) {
            List<RunSummary> runs = r.runs().stream().filter(s -> c.runs().contains(s.name())).toList();
            long lo = runs.stream().mapToLong(RunSummary::iterations).min().orElse(0);
            long hi = runs.stream().mapToLong(RunSummary::iterations).max().orElse(0);
            long unfinished = runs.stream().filter(s -> !s.state().equals(RunState.FINISHED.word())).count();
            String its = (lo == hi ? Formats.count(hi) : Formats.count(lo) + "–" + Formats.count(hi))
                    + (unfinished == 0 ? "" : " (" + unfinished + " not finished)");
            b.append("| ").append(Formats.md(c.label())).append(" | ").append(c.seedCount()).append(" | ").append(its)
                    .append(" |");
            TreeSet<Integer> sizes = new TreeSet<>();
            for (Measure m : r.headline()) {
                Spread s = c.best(m);
                b.append(' ').append(s == null ? "–" : Formats.spread(s)).append(" |");
                if (s != null) {
                    sizes.addAll(s.samples());
                }
            }
            withReference.forEach((k, ms) -> {
                List<String> refs = ms.stream().map(m -> c.best(m) == null ? "–" : Formats.value(c.best(m).reference()))
                        .toList();
                b.append(' ').append(String.join(" / ", refs)).append(" |");
            });
            b.append(' ').append(sizes.isEmpty() ? "–" : Formats.sizes(List.copyOf(sizes))).append(" |\n");
        }
        b.append("\nBest: each seed's best value over its evaluations; mean ± std across seeds.");
        withReference.keySet().forEach(k -> {
            MetricLabels.Metric m = MetricLabels.of(k);
            b.append(' ').append(Character.toUpperCase(m.referenceName().charAt(0)))
                    .append(m.referenceName().substring(1)).append(": ").append(m.referenceNote()).append('.');
        });
        b.append('\n');
        for (String w : r.warnings()) {
            b.append("\n- ").append(w.replace("\n", " "));
        }
        if (!r.warnings().isEmpty()) {
            b.append('\n');
        }
        return b.toString();
    }
}
