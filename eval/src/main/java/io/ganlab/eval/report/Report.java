package io.ganlab.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Everything a report shows, as numbers: written as {@code report.json} (snake_case keys) and rendered as
 * HTML and Markdown. Metrics are the keys of {@code metrics.jsonl}; a per-n metric (the n-gram scores of text) is
 * keyed by its n below it. Whatever metrics the runs logged are reported, whatever the modality.
 *
 * @param tool         version of the tool that made the report
 * @param created      when, ISO-8601
 * @param evalMetrics  keys of the eval lines, in page order (yardsticks such as the real-data floor left out)
 * @param orders       the n logged for each per-n eval metric
 * @param trainMetrics keys of the train lines, in page order
 * @param headline     the measures of the summary tables: a best value each
 * @param sampleSizes  the sample sizes of the evaluations; more than one means the numbers of runs evaluated
 *                     at different sizes are not comparable
 * @param references   yardsticks of the metrics (e.g. the real-data JSD floor), mean over the eval lines that
 *                     logged one
 * @param configKeys   config keys (dotted) whose values differ between runs
 * @param charts       the charts drawn, in page order
 * @param warnings     what the reader must know before comparing numbers
 */
public record Report(String tool, String created, List<RunSummary> runs, List<ConfigSummary> configs,
                     List<String> evalMetrics, Map<String, List<Integer>> orders, List<String> trainMetrics,
                     List<Measure> headline, List<Integer> sampleSizes, List<Reference> references,
                     List<String> configKeys, List<Chart> charts, List<String> warnings) {

    public Report withCharts(List<Chart> c) {
        return new Report(tool, created, runs, configs, evalMetrics, orders, trainMetrics, headline, sampleSizes,
                references, configKeys, List.copyOf(c), warnings);
    }

    /** The measures of an eval metric: one per logged n, or the metric itself for a number. */
    public List<Measure> measures(String metric) {
        List<Integer> ns = orders.get(metric);
        return ns == null ? List.of(new Measure(metric, null)) : ns.stream().map(n -> new Measure(metric, n)).toList();
    }

    /** The yardsticks of a measure, one per sample size. */
    public List<Reference> referencesOf(Measure m) {
        return references.stream().filter(r -> r.metric().equals(m.metric()) && java.util.Objects.equals(r.n(), m.n()))
                .toList();
    }

    /**
     * One run.
     *
     * @param name        unique name (the directory name)
     * @param config      label of the config group the run belongs to
     * @param state       status state ({@code running}, {@code finished}, {@code stopped}, {@code failed},
     *                    {@code unknown})
     * @param statusText  the status in a sentence
     * @param iterations  the iteration reached: the larger of the status's and the last logged one
     * @param time        training wall time (seconds) at the last line that has one
     * @param best        per number-valued metric with a direction (lower or higher is better): the best value
     *                    over the run's evaluations
     * @param bestByN     the same for the per-n metrics, per n
     * @param last        the last eval line's values
     * @param sections    what the run shows of its outputs: text samples, image grids, plots
     * @param effectiveConfig {@code config.json} as written by the run
     */
    public record RunSummary(String name, String path, String config, Long seed, String state, String statusText,
                             Long targetIterations, long iterations, Double time, int trainLines, int evalLines,
                             Map<String, Best> best, Map<String, Map<Integer, Best>> bestByN,
                             Map<String, Object> last, Integer lastSamples, List<Section> sections, List<String> notes,
                             JsonNode effectiveConfig, JsonNode env) {
        /** The best value of a measure, or {@code null}. */
        public Best best(Measure m) {
            return m.n() == null ? best.get(m.metric()) : bestByN.getOrDefault(m.metric(), Map.of()).get(m.n());
        }
    }

    /**
     * The best value of one measure in one run, with the evaluation it came from.
     *
     * @param reference the measure's yardstick in that evaluation (e.g. the real-data floor), or {@code null}
     */
    public record Best(double value, long iteration, Double time, Integer samples, Double reference) {}

    /**
     * What a {@link RunSection} shows of one run.
     *
     * @param kind  the {@link RunSection#id()} that made it and renders it
     * @param shown the files shown, by iteration
     */
    public record Section(String kind, List<Shown> shown) {}

    /**
     * One file of a run shown in the report.
     *
     * @param file  its path inside the run directory
     * @param lines its first lines, for a text file
     * @param image its copy's path inside the report directory, for an image
     */
    public record Shown(long iteration, String file, List<String> lines, String image) {}

    /**
     * A yardstick of a measure: e.g. the JSD of real data against real data at the same sample size.
     *
     * @param key     the yardstick's key in {@code metrics.jsonl}
     * @param metric  the metric it is the yardstick of
     * @param n       the n, for a per-n metric
     * @param samples the sample size of the evaluations that logged it, or {@code null}
     */
    public record Reference(String key, String metric, Integer n, Integer samples, double value) {}

    /**
     * Runs whose configs differ only in seed (and output paths), aggregated. Copies of one seed (two runs with the
     * same config and seed) count once: each seed is the mean of its copies.
     *
     * @param seeds     the distinct seeds
     * @param seedCount distinct seeds, each run without a seed counted as one
     * @param best      per measure (as in {@link RunSummary#best} and {@link RunSummary#bestByN}): the seeds' best
     *                  values, mean and spread
     * @param curves    mean and spread across seeds at each logged iteration
     */
    public record ConfigSummary(String label, List<String> runs, List<Long> seeds, int seedCount,
                                Map<String, Spread> best, Map<String, Map<Integer, Spread>> bestByN, Curves curves) {
        /** The spread of the seeds' best values of a measure, or {@code null}. */
        public Spread best(Measure m) {
            return m.n() == null ? best.get(m.metric()) : bestByN.getOrDefault(m.metric(), Map.of()).get(m.n());
        }
    }

    /**
     * Mean and spread of one number across seeds. {@code std} is the sample standard deviation (n − 1),
     * {@code null} for a single seed.
     *
     * @param samples   the evaluation sample sizes the values came from
     * @param reference mean yardstick of those evaluations ({@code null} when none logged one)
     */
    public record Spread(double mean, double min, double max, Double std, int seeds, List<Integer> samples,
                         Double reference) {}

    /**
     * Curves of a config by metric key (per n for the per-n metrics). Eval metrics are at the evaluated iterations;
     * train metrics are averaged over iteration bins when there are more than {@link ReportBuilder#MAX_CURVE_POINTS}.
     */
    public record Curves(Map<String, List<CurvePoint>> eval, Map<String, Map<Integer, List<CurvePoint>>> evalByN,
                         Map<String, List<CurvePoint>> train) {
        /** The curve of an eval measure, or {@code null}. */
        public List<CurvePoint> eval(Measure m) {
            return m.n() == null ? eval.get(m.metric()) : evalByN.getOrDefault(m.metric(), Map.of()).get(m.n());
        }
    }

    /**
     * One point of a config's curve: mean and spread across the seeds that logged this iteration.
     *
     * @param time mean training wall time of those seeds at this iteration (seconds), {@code null} if none
     */
    public record CurvePoint(long iteration, Double time, double mean, double min, double max, Double std,
                             int seeds) {}

    /**
     * A chart of the report: {@code id.png} beside the page, inline SVG in it.
     *
     * @param group  {@code evaluation} or {@code training}: the part of the page it is in
     * @param series the names in its legend
     */
    public record Chart(String id, String group, String title, String png, List<String> series) {}
}
