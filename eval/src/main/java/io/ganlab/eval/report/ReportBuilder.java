package io.ganlab.eval.report;

import io.ganlab.eval.report.Report.Best;
import io.ganlab.eval.report.Report.ConfigSummary;
import io.ganlab.eval.report.Report.CurvePoint;
import io.ganlab.eval.report.Report.Curves;
import io.ganlab.eval.report.Report.RunSummary;
import io.ganlab.eval.report.Report.Samples;
import io.ganlab.eval.report.Report.Spread;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** Turns loaded runs into a {@link Report}: groups seeds of one config and aggregates their numbers. */
public final class ReportBuilder {
    /** Train-loss curves with more logged iterations than this are averaged over equal iteration bins. */
    public static final int MAX_CURVE_POINTS = 400;
    /** Config keys (last segment of the dotted key) that do not make a different config. */
    public static final Set<String> NOT_CONFIG = Set.of("seed", "out", "run");

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
            key.keySet().removeIf(k -> NOT_CONFIG.contains(k.substring(k.lastIndexOf('.') + 1)));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        List<Map<String, String>> groupKeys = new ArrayList<>(groups.keySet());
        List<String> labels = labels(groupKeys);
        String[] labelOfRun = new String[runs.size()];
        for (int g = 0; g < groupKeys.size(); g++) {
            for (int i : groups.get(groupKeys.get(g))) {
                labelOfRun[i] = labels.get(g);
            }
        }

        TreeSet<Integer> ngrams = new TreeSet<>();
        TreeSet<Integer> sizes = new TreeSet<>();
        Map<Integer, Map<Integer, double[]>> floorSums = new TreeMap<>();
        for (TrainingRun r : runs) {
            for (EvalPoint e : r.evals()) {
                ngrams.addAll(e.jsd().keySet());
                if (e.samples() != null) {
                    sizes.add(e.samples());
                    e.floor().forEach((n, f) -> {
                        double[] s = floorSums.computeIfAbsent(e.samples(), k -> new TreeMap<>())
                                .computeIfAbsent(n, k -> new double[2]);
                        s[0] += f;
                        s[1]++;
                    });
                }
            }
        }
        SortedMap<Integer, SortedMap<Integer, Double>> floors = new TreeMap<>();
        floorSums.forEach((size, byN) -> {
            SortedMap<Integer, Double> m = new TreeMap<>();
            byN.forEach((n, s) -> m.put(n, s[0] / s[1]));
            floors.put(size, m);
        });

        List<String> warnings = new ArrayList<>();
        if (sizes.size() > 1) {
            warnings.add("JSD was evaluated on different sample sizes " + sizes + ": numbers are only comparable"
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
        for (int i = 0; i < runs.size(); i++) {
            summaries.add(summary(runs.get(i), labelOfRun[i], sampleLines));
        }
        List<ConfigSummary> configs = new ArrayList<>();
        for (int g = 0; g < groupKeys.size(); g++) {
            List<TrainingRun> members = groups.get(groupKeys.get(g)).stream().map(runs::get).toList();
            configs.add(config(labels.get(g), members, ngrams));
        }
        return new Report(tool, created, summaries, configs, List.copyOf(ngrams), List.copyOf(sizes), floors,
                differingKeys(flat), List.of(), warnings);
    }

    private static List<TrainingRun> uniqueNames(List<TrainingRun> runs) {
        Set<java.nio.file.Path> seen = new HashSet<>();
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

    /** Labels configs by the keys in which they differ, e.g. "objective=fogan, lr_critic=3e-4". */
    private static List<String> labels(List<Map<String, String>> configs) {
        List<String> diff = differingKeys(configs);
        List<String> labels = new ArrayList<>();
        for (Map<String, String> c : configs) {
            List<String> parts = new ArrayList<>();
            if (configs.size() == 1) {
                for (String k : List.of("objective", "preset")) {
                    if (c.containsKey(k)) {
                        parts.add(c.get(k));
                    }
                }
                labels.add(parts.isEmpty() ? "config" : String.join(" ", parts));
            } else {
                for (String k : diff) {
                    parts.add(k + "=" + shortNumber(c.getOrDefault(k, "-")));
                }
                labels.add(String.join(", ", parts));
            }
        }
        return labels;
    }

    /** "3.0E-4" as "3e-4": learning rates read better in a legend that way. */
    static String shortNumber(String v) {
        if (!v.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
            return v;
        }
        return v.replaceAll("\\.0([eE])", "$1").replace("E", "e");
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

    private static RunSummary summary(TrainingRun r, String config, int sampleLines) {
        Map<Integer, Best> best = new TreeMap<>();
        for (EvalPoint e : r.evals()) {
            e.jsd().forEach((n, v) -> {
                Best b = best.get(n);
                // ties keep the earlier iteration: the run reached that value first there
                if (b == null || v < b.jsd()) {
                    best.put(n, new Best(v, e.iteration(), e.time(), e.samples(), e.floor().get(n)));
                }
            });
        }
        EvalPoint last = r.evals().isEmpty() ? null : r.evals().get(r.evals().size() - 1);
        List<Samples> samples = new ArrayList<>();
        List<Long> its = new ArrayList<>(r.samples().keySet());
        for (int idx : new TreeSet<>(List.of(0, (its.size() - 1) / 2, its.size() - 1))) {
            if (idx >= 0 && idx < its.size()) {
                java.nio.file.Path f = r.samples().get(its.get(idx));
                samples.add(new Samples(its.get(idx), TrainingRun.SAMPLES + "/" + f.getFileName(),
                        TrainingRun.headLines(f, sampleLines)));
            }
        }
        long lastIt = r.lastIteration();
        return new RunSummary(r.name(), r.dir().toString(), config, r.seed(), r.status().state(),
                r.status().describe(lastIt), r.status().targetIterations(), lastIt, r.lastTime(), r.train().size(),
                r.evals().size(), best, last == null ? Map.of() : last.jsd(), last == null ? null : last.samples(),
                samples, r.notes(), r.config(), r.env());
    }

    private static ConfigSummary config(String label, List<TrainingRun> runs, Set<Integer> ngrams) {
        Map<Integer, Spread> best = new TreeMap<>();
        Map<Integer, List<CurvePoint>> jsd = new TreeMap<>();
        for (int n : ngrams) {
            List<Double> values = new ArrayList<>();
            TreeSet<Integer> sizes = new TreeSet<>();
            List<Double> floors = new ArrayList<>();
            for (TrainingRun r : runs) {
                EvalPoint bestAt = null;
                for (EvalPoint e : r.evals()) {
                    Double v = e.jsd().get(n);
                    if (v != null && (bestAt == null || v < bestAt.jsd().get(n))) {
                        bestAt = e;
                    }
                }
                if (bestAt != null) {
                    values.add(bestAt.jsd().get(n));
                    if (bestAt.samples() != null) {
                        sizes.add(bestAt.samples());
                    }
                    if (bestAt.floor().get(n) != null) {
                        floors.add(bestAt.floor().get(n));
                    }
                }
            }
            if (!values.isEmpty()) {
                double[] s = stats(values);
                best.put(n, new Spread(s[0], s[1], s[2], std(values, s[0]), values.size(), List.copyOf(sizes),
                        floors.isEmpty() ? null : floors.stream().mapToDouble(Double::doubleValue).average()
                                .orElseThrow()));
            }
            final int order = n;
            List<CurvePoint> c = curve(runs, r -> logged(r.evals(), e -> e.jsd().get(order)), 1);
            if (!c.isEmpty()) {
                jsd.put(n, c);
            }
        }
        long width = binWidth(runs);
        Curves curves = new Curves(jsd,
                curve(runs, r -> loggedTrain(r.train(), TrainPoint::criticLoss), width),
                curve(runs, r -> loggedTrain(r.train(), TrainPoint::generatorLoss), width),
                curve(runs, r -> logged(r.evals(), EvalPoint::criticTrain), 1),
                curve(runs, r -> logged(r.evals(), EvalPoint::criticValid), 1));
        return new ConfigSummary(label, runs.stream().map(TrainingRun::name).toList(),
                runs.stream().map(TrainingRun::seed).filter(Objects::nonNull).toList(), best, curves);
    }

    private static List<Logged> logged(List<EvalPoint> evals, Function<EvalPoint, Double> f) {
        List<Logged> out = new ArrayList<>();
        for (EvalPoint e : evals) {
            Double v = f.apply(e);
            if (v != null) {
                out.add(new Logged(e.iteration(), e.time(), v));
            }
        }
        return out;
    }

    private static List<Logged> loggedTrain(List<TrainPoint> train, Function<TrainPoint, Double> f) {
        List<Logged> out = new ArrayList<>();
        for (TrainPoint t : train) {
            Double v = f.apply(t);
            if (v != null) {
                out.add(new Logged(t.iteration(), t.time(), v));
            }
        }
        return out;
    }

    /** 1 (every iteration its own point) unless some seed logged more than {@link #MAX_CURVE_POINTS} lines. */
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
     * Mean and spread across seeds per iteration bin. Each seed first contributes its mean over the bin, so a
     * seed that logs more often does not weigh more; with width 1 a bin is one iteration.
     */
    private static List<CurvePoint> curve(List<TrainingRun> runs, Function<TrainingRun, List<Logged>> values,
                                          long width) {
        // bin -> per seed [sum of values, sum of iterations, sum of times, count, count of times]
        TreeMap<Long, List<double[]>> bins = new TreeMap<>();
        for (TrainingRun r : runs) {
            Map<Long, double[]> mine = new HashMap<>();
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
            mine.forEach((b, s) -> bins.computeIfAbsent(b, k -> new ArrayList<>()).add(s));
        }
        List<CurvePoint> out = new ArrayList<>();
        bins.forEach((b, seeds) -> {
            List<Double> v = new ArrayList<>();
            double its = 0;
            double times = 0;
            int timed = 0;
            for (double[] s : seeds) {
                v.add(s[0] / s[3]);
                its += s[1] / s[3];
                if (s[4] > 0) {
                    times += s[2] / s[4];
                    timed++;
                }
            }
            double[] st = stats(v);
            out.add(new CurvePoint(Math.round(its / seeds.size()), timed == 0 ? null : times / timed, st[0], st[1],
                    st[2], std(v, st[0]), v.size()));
        });
        return out;
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
