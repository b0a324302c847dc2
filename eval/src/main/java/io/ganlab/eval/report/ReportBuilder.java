package io.ganlab.eval.report;

import io.ganlab.common.MetricKeys;
import io.ganlab.eval.report.MetricLabels.Better;
import io.ganlab.eval.report.Report.Best;
import io.ganlab.eval.report.Report.ConfigSummary;
import io.ganlab.eval.report.Report.CurvePoint;
import io.ganlab.eval.report.Report.Curves;
import io.ganlab.eval.report.Report.Reference;
import io.ganlab.eval.report.Report.RunSummary;
import io.ganlab.eval.report.Report.Section;
import io.ganlab.eval.report.Report.Spread;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** Turns loaded runs into a {@link Report}: groups seeds of one config and aggregates their numbers. */
public final class ReportBuilder {
    /** Train curves with more logged iterations than this are averaged over equal iteration bins. */
    public static final int MAX_CURVE_POINTS = 400;
    /** Config keys (last segment of the dotted key) that do not make a different config. */
    public static final Set<String> NOT_CONFIG = Set.of(TrainingRun.SEED, "out", "run");
    /** The n of a per-n metric shown in the summary tables, when logged (the 4- and 6-gram scores of text). */
    static final List<Integer> HEADLINE_N = List.of(4, 6);

    private ReportBuilder() {}

    /** A value logged at an iteration. */
    private record Logged(long iteration, Double time, double value) {}

    /**
     * Builds the report (without charts; {@link ReportCharts} adds them).
     *
     * @param sampleLines lines shown from each chosen sample file
     */
    public static Report build(List<TrainingRun> loaded, String tool, String created, int sampleLines) {
        if (loaded.isEmpty()) {
            throw new ReportException("no runs given");
        }
        List<TrainingRun> runs = uniqueNames(loaded);
        List<Map<String, String>> flat = runs.stream().map(r -> TrainingRun.flatten(r.config())).toList();

        // seeds of one config: same flattened config once seed and output paths are left out
        Map<Map<String, String>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            Map<String, String> key = new LinkedHashMap<>(flat.get(i));
            key.keySet().removeIf(k -> NOT_CONFIG.contains(ConfigLabels.lastSegment(k)));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        List<Map<String, String>> groupKeys = new ArrayList<>(groups.keySet());
        List<List<String>> namesOfGroups = new ArrayList<>();
        groups.values().forEach(ix -> namesOfGroups.add(ix.stream().map(i -> runs.get(i).name()).toList()));
        List<String> labels = ConfigLabels.forGroups(groupKeys, namesOfGroups, differingKeys(groupKeys));
        String[] labelOfRun = new String[runs.size()];
        for (int g = 0; g < groupKeys.size(); g++) {
            for (int i : groups.get(groupKeys.get(g))) {
                labelOfRun[i] = labels.get(g);
            }
        }

        // what the runs logged: every metric is reported, known to the tool or not
        Set<String> evalKeys = new LinkedHashSet<>();
        Map<String, TreeSet<Integer>> orders = new TreeMap<>();
        Set<String> trainKeys = new LinkedHashSet<>();
        TreeSet<Integer> sizes = new TreeSet<>();
        for (TrainingRun r : runs) {
            for (MetricPoint e : r.evals()) {
                e.scalarKeys().stream().filter(k -> !MetricLabels.notCharted(k)).forEach(evalKeys::add);
                e.byN().forEach((k, m) -> {
                    if (!MetricLabels.notCharted(k) && !m.isEmpty()) {
                        evalKeys.add(k);
                        orders.computeIfAbsent(k, x -> new TreeSet<>()).addAll(m.keySet());
                    }
                });
                if (e.samples() != null) {
                    sizes.add(e.samples());
                }
            }
            for (MetricPoint t : r.train()) {
                t.scalarKeys().stream().filter(k -> !MetricLabels.notCharted(k)).forEach(trainKeys::add);
            }
        }
        // a key logged as a number by one run and per n by another is charted per n
        List<String> evalMetrics = MetricLabels.orderEval(evalKeys);
        Map<String, List<Integer>> orderLists = new TreeMap<>();
        orders.forEach((k, ns) -> orderLists.put(k, List.copyOf(ns)));
        List<Measure> measures = new ArrayList<>();
        for (String k : evalMetrics) {
            measures.addAll(orderLists.containsKey(k) ? orderLists.get(k).stream().map(n -> new Measure(k, n)).toList()
                    : List.of(new Measure(k, null)));
        }
        List<Measure> ranked = measures.stream()
                .filter(m -> MetricLabels.of(m.metric()).better() != Better.NEITHER).toList();

        List<String> warnings = new ArrayList<>();
        if (sizes.size() > 1) {
            warnings.add("evaluations used different sample sizes " + sizes + ": numbers are only comparable"
                    + " at the same sample size (smaller samples give larger JSD); each best is given with its size");
        }
        for (TrainingRun r : runs) {
            for (String note : r.notes()) {
                if (!note.equals(TrainingRun.INCOMPLETE_LAST_LINE)) {
                    warnings.add(r.name() + ": " + note);
                }
            }
        }

        List<RunSummary> summaries = new ArrayList<>();
        List<String> prefixes = imagePrefixes(runs);
        for (int i = 0; i < runs.size(); i++) {
            summaries.add(summary(runs.get(i), labelOfRun[i], ranked, prefixes.get(i), sampleLines));
        }
        List<ConfigSummary> configs = new ArrayList<>();
        for (int g = 0; g < groupKeys.size(); g++) {
            List<TrainingRun> members = groups.get(groupKeys.get(g)).stream().map(runs::get).toList();
            warnings.addAll(copiesOfOneSeed(members));
            configs.add(config(labels.get(g), members, measures, ranked, MetricLabels.orderTrain(trainKeys)));
        }
        return new Report(tool, created, summaries, configs, evalMetrics, orderLists,
                MetricLabels.orderTrain(trainKeys), headline(ranked), List.copyOf(sizes), references(runs, measures),
                differingKeys(flat), List.of(), warnings);
    }

    /** The measures of the summary tables: for a per-n metric its 4 and 6 (or its largest n), else each metric. */
    private static List<Measure> headline(List<Measure> ranked) {
        List<Measure> out = new ArrayList<>();
        Map<String, List<Measure>> byMetric = new LinkedHashMap<>();
        ranked.forEach(m -> byMetric.computeIfAbsent(m.metric(), k -> new ArrayList<>()).add(m));
        byMetric.forEach((k, ms) -> {
            List<Measure> chosen = ms.stream().filter(m -> m.n() == null || HEADLINE_N.contains(m.n())).toList();
            out.addAll(chosen.isEmpty() ? List.of(ms.get(ms.size() - 1)) : chosen);
        });
        return out;
    }

    /** A warning for each two runs of one config that also share a seed: they count as one seed. */
    private static List<String> copiesOfOneSeed(List<TrainingRun> members) {
        Map<Long, List<String>> bySeed = new TreeMap<>();
        for (TrainingRun r : members) {
            if (r.seed() != null) {
                bySeed.computeIfAbsent(r.seed(), k -> new ArrayList<>()).add(r.name());
            }
        }
        List<String> out = new ArrayList<>();
        bySeed.forEach((seed, names) -> {
            if (names.size() > 1) {
                out.add(String.join(" and ", names) + " have the same config and seed " + seed
                        + ": they are counted as one seed (the mean of the copies)");
            }
        });
        return out;
    }

    /** Yardsticks (e.g. the real-data floor) per measure and sample size, mean over the eval lines with one. */
    private static List<Reference> references(List<TrainingRun> runs, List<Measure> measures) {
        List<Reference> out = new ArrayList<>();
        for (Measure m : measures) {
            String key = MetricLabels.of(m.metric()).reference();
            if (key == null) {
                continue;
            }
            Measure ref = new Measure(key, m.n());
            // sample size (-1: not logged) -> [sum, count]
            TreeMap<Integer, double[]> sums = new TreeMap<>();
            for (TrainingRun r : runs) {
                for (MetricPoint e : r.evals()) {
                    Double v = ref.of(e);
                    if (v != null && m.of(e) != null) {
                        double[] s = sums.computeIfAbsent(e.samples() == null ? -1 : e.samples(), x -> new double[2]);
                        s[0] += v;
                        s[1]++;
                    }
                }
            }
            sums.forEach((size, s) -> out.add(new Reference(key, m.metric(), m.n(), size < 0 ? null : size,
                    s[0] / s[1])));
        }
        return out;
    }

    private static List<TrainingRun> uniqueNames(List<TrainingRun> runs) {
        Set<Path> seen = new HashSet<>();
        for (TrainingRun r : runs) {
            if (!seen.add(r.dir().toAbsolutePath().normalize())) {
                throw new ReportException(r.dir() + ": given twice");
            }
        }
        Map<String, Integer> count = new HashMap<>();
        runs.forEach(r -> count.merge(r.name(), 1, Integer::sum));
        List<TrainingRun> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (TrainingRun r : runs) {
            String name = count.get(r.name()) == 1 ? r.name() : r.dir().toString();
            for (int k = 2; !used.add(name); k++) {
                name = r.name() + "#" + k;
            }
            out.add(r.withName(name));
        }
        return out;
    }

    /** {@code images/NAME-}: a file-name-safe prefix per run for the images copied into the report. */
    private static List<String> imagePrefixes(List<TrainingRun> runs) {
        List<String> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (TrainingRun r : runs) {
            String base = r.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
            base = base.isEmpty() ? "run" : base;
            String name = base;
            for (int k = 2; !used.add(name); k++) {
                name = base + "-" + k;
            }
            out.add(ImageFiles.FOLDER + "/" + name + "-");
        }
        return out;
    }

    /** Keys whose values differ between the maps (or that some lack), in first-seen order. */
    static List<String> differingKeys(List<Map<String, String>> maps) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        maps.forEach(m -> keys.addAll(m.keySet()));
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            Set<String> values = new HashSet<>();
            maps.forEach(m -> values.add(m.getOrDefault(k, "\u0000missing")));
            if (values.size() > 1) {
                out.add(k);
            }
        }
        return out;
    }

    /** The best evaluation of a measure in a run: lowest or highest; ties keep the earlier iteration. */
    private static MetricPoint bestAt(TrainingRun r, Measure m) {
        boolean lower = MetricLabels.of(m.metric()).better() == Better.LOWER;
        MetricPoint at = null;
        for (MetricPoint e : r.evals()) {
            Double v = m.of(e);
            if (v != null && (at == null || (lower ? v < m.of(at) : v > m.of(at)))) {
                at = e;
            }
        }
        return at;
    }

    private static RunSummary summary(TrainingRun r, String config, List<Measure> ranked, String imagePrefix,
                                      int sampleLines) {
        Map<String, Best> best = new TreeMap<>();
        Map<String, Map<Integer, Best>> bestByN = new TreeMap<>();
        for (Measure m : ranked) {
            MetricPoint e = bestAt(r, m);
            if (e == null) {
                continue;
            }
            String ref = MetricLabels.of(m.metric()).reference();
            Best b = new Best(m.of(e), e.iteration(), e.time(), e.samples(),
                    ref == null ? null : new Measure(ref, m.n()).of(e));
            if (m.n() == null) {
                best.put(m.metric(), b);
            } else {
                bestByN.computeIfAbsent(m.metric(), k -> new TreeMap<>()).put(m.n(), b);
            }
        }
        MetricPoint last = r.evals().isEmpty() ? null : r.evals().get(r.evals().size() - 1);
        Map<String, Object> lastValues = new TreeMap<>();
        if (last != null) {
            lastValues.putAll(last.scalars());
            lastValues.putAll(last.byN());
        }
        List<Section> sections = new ArrayList<>();
        for (RunSection s : RunSection.all()) {
            Section x = s.of(r, imagePrefix, sampleLines);
            if (x != null) {
                sections.add(x);
            }
        }
        return new RunSummary(r.name(), r.dir().toString(), config, r.seed(), r.status().word(),
                r.status().describe(r.lastIteration()), r.status().targetIterations(), r.reachedIteration(),
                r.lastTime(), r.train().size(), r.evals().size(), best, bestByN, lastValues,
                last == null ? null : last.samples(), sections, r.notes(), r.config(), r.env());
    }

    /** The runs of a config by seed: copies of one seed together, a run without a seed on its own. */
    private static List<List<TrainingRun>> bySeed(List<TrainingRun> runs) {
        Map<Object, List<TrainingRun>> m = new LinkedHashMap<>();
        for (TrainingRun r : runs) {
            m.computeIfAbsent(r.seed() != null ? r.seed() : r, k -> new ArrayList<>()).add(r);
        }
        return List.copyOf(m.values());
    }

    private static ConfigSummary config(String label, List<TrainingRun> runs, List<Measure> measures,
                                        List<Measure> ranked, List<String> trainMetrics) {
        List<List<TrainingRun>> seeds = bySeed(runs);
        Map<String, Spread> best = new TreeMap<>();
        Map<String, Map<Integer, Spread>> bestByN = new TreeMap<>();
        for (Measure m : ranked) {
            String ref = MetricLabels.of(m.metric()).reference();
            List<Double> values = new ArrayList<>();
            TreeSet<Integer> sizes = new TreeSet<>();
            List<Double> refs = new ArrayList<>();
            for (List<TrainingRun> copies : seeds) {
                List<Double> mine = new ArrayList<>();
                for (TrainingRun r : copies) {
                    MetricPoint at = bestAt(r, m);
                    if (at != null) {
                        mine.add(m.of(at));
                        if (at.samples() != null) {
                            sizes.add(at.samples());
                        }
                        Double rv = ref == null ? null : new Measure(ref, m.n()).of(at);
                        if (rv != null) {
                            refs.add(rv);
                        }
                    }
                }
                if (!mine.isEmpty()) {
                    values.add(mean(mine));
                }
            }
            if (values.isEmpty()) {
                continue;
            }
            double[] s = stats(values);
            Spread spread = new Spread(s[0], s[1], s[2], std(values, s[0]), values.size(), List.copyOf(sizes),
                    refs.isEmpty() ? null : mean(refs));
            if (m.n() == null) {
                best.put(m.metric(), spread);
            } else {
                bestByN.computeIfAbsent(m.metric(), k -> new TreeMap<>()).put(m.n(), spread);
            }
        }
        Map<String, List<CurvePoint>> eval = new LinkedHashMap<>();
        Map<String, Map<Integer, List<CurvePoint>>> evalByN = new LinkedHashMap<>();
        for (Measure m : measures) {
            List<CurvePoint> c = curve(seeds, r -> logged(r.evals(), m::of), 1);
            if (c.isEmpty()) {
                continue;
            }
            if (m.n() == null) {
                eval.put(m.metric(), c);
            } else {
                evalByN.computeIfAbsent(m.metric(), k -> new TreeMap<>()).put(m.n(), c);
            }
        }
        long width = binWidth(runs);
        Map<String, List<CurvePoint>> train = new LinkedHashMap<>();
        for (String k : trainMetrics) {
            List<CurvePoint> c = curve(seeds, r -> logged(r.train(), p -> p.scalar(k)), width);
            if (!c.isEmpty()) {
                train.put(k, c);
            }
        }
        List<Long> distinctSeeds = runs.stream().map(TrainingRun::seed).filter(Objects::nonNull).distinct().toList();
        return new ConfigSummary(label, runs.stream().map(TrainingRun::name).toList(), distinctSeeds, seeds.size(),
                best, bestByN, new Curves(eval, evalByN, train));
    }

    private static List<Logged> logged(List<MetricPoint> points, Function<MetricPoint, Double> f) {
        List<Logged> out = new ArrayList<>();
        for (MetricPoint p : points) {
            Double v = f.apply(p);
            if (v != null) {
                out.add(new Logged(p.iteration(), p.time(), v));
            }
        }
        return out;
    }

    /** 1 (every iteration its own point) unless some run logged more than {@link #MAX_CURVE_POINTS} lines. */
    private static long binWidth(List<TrainingRun> runs) {
        long maxIt = 0;
        int maxLines = 0;
        for (TrainingRun r : runs) {
            maxLines = Math.max(maxLines, r.train().size());
            if (!r.train().isEmpty()) {
                maxIt = Math.max(maxIt, r.train().get(r.train().size() - 1).iteration());
            }
        }
        return maxLines <= MAX_CURVE_POINTS ? 1 : Math.max(1, (maxIt + MAX_CURVE_POINTS) / MAX_CURVE_POINTS);
    }

    /**
     * Mean and spread across seeds per iteration bin. Each seed first contributes its mean over the bin (over the
     * lines of all its copies), so a seed that logs more often, or was run twice, does not weigh more; with width 1
     * a bin is one iteration.
     */
    private static List<CurvePoint> curve(List<List<TrainingRun>> seeds, Function<TrainingRun, List<Logged>> values,
                                          long width) {
        // bin -> per seed [sum of values, sum of iterations, sum of times, count, count of times]
        TreeMap<Long, List<double[]>> bins = new TreeMap<>();
        for (List<TrainingRun> copies : seeds) {
            Map<Long, double[]> mine = new HashMap<>();
            for (TrainingRun r : copies) {
                for (Logged l : values.apply(r)) {
                    double[] s = mine.computeIfAbsent(l.iteration() / width, k -> new double[5]);
                    s[0] += l.value();
                    s[1] += l.iteration();
                    s[3]++;
                    if (l.time() != null) {
                        s[2] += l.time();
                        s[4]++;
                    }
                }
            }
            mine.forEach((b, s) -> bins.computeIfAbsent(b, k -> new ArrayList<>()).add(s));
        }
        List<CurvePoint> out = new ArrayList<>();
        bins.forEach((b, perSeed) -> {
            List<Double> v = new ArrayList<>();
            double its = 0;
            double times = 0;
            int timed = 0;
            for (double[] s : perSeed) {
                v.add(s[0] / s[3]);
                its += s[1] / s[3];
                if (s[4] > 0) {
                    times += s[2] / s[4];
                    timed++;
                }
            }
            double[] st = stats(v);
            out.add(new CurvePoint(Math.round(its / perSeed.size()), timed == 0 ? null : times / timed, st[0], st[1],
                    st[2], std(v, st[0]), v.size()));
        });
        return out;
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).sum() / v.size();
    }

    /** {mean, min, max}. */
    private static double[] stats(List<Double> v) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        return new double[] {sum / v.size(), min, max};
    }

    private static Double std(List<Double> v, double mean) {
        if (v.size() < 2) {
            return null;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (v.size() - 1));
    }
}
