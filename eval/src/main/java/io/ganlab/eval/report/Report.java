package io.ganlab.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Everything a report shows, as numbers: written as {@code report.json} (snake_case keys) and rendered as
 * HTML and Markdown. Maps keyed by an integer are keyed by the n of the n-gram, or by a sample size.
 *
 * @param tool         version of the tool that made the report
 * @param created      when, ISO-8601
 * @param ngrams       the n for which some run logged a JSD
 * @param sampleSizes  the sample sizes of the JSD evaluations; more than one means the numbers of runs evaluated
 *                     at different sizes are not comparable
 * @param floors       real-data floor by sample size, then by n (mean over the eval lines that logged one)
 * @param configKeys   config keys (dotted) whose values differ between runs
 * @param charts       the charts drawn, in page order
 * @param warnings     what the reader must know before comparing numbers
 */
public record Report(String tool, String created, List<RunSummary> runs, List<ConfigSummary> configs,
                     List<Integer> ngrams, List<Integer> sampleSizes,
                     SortedMap<Integer, SortedMap<Integer, Double>> floors, List<String> configKeys,
                     List<Chart> charts, List<String> warnings) {

    public Report withCharts(List<Chart> c) {
        return new Report(tool, created, runs, configs, ngrams, sampleSizes, floors, configKeys, List.copyOf(c),
                warnings);
    }

    /**
     * One run.
     *
     * @param name        unique name (the directory name)
     * @param config      label of the config group the run belongs to
     * @param state       status state ({@code running}, {@code finished}, {@code stopped}, {@code failed},
     *                    {@code unknown})
     * @param statusText  the status in a sentence
     * @param iterations  highest generator iteration logged
     * @param time        training wall time (seconds) at the last line that has one
     * @param best        lowest JSD per n over the run's evaluations
     * @param last        the last evaluation's JSD per n
     * @param samples     decoded samples at the first, middle and last sample file
     * @param effectiveConfig {@code config.json} as written by the run
     */
    public record RunSummary(String name, String path, String config, Long seed, String state, String statusText,
                             Long targetIterations, long iterations, Double time, int trainLines, int evalLines,
                             Map<Integer, Best> best, Map<Integer, Double> last, Integer lastSamples,
                             List<Samples> samples, List<String> notes, JsonNode effectiveConfig, JsonNode env) {}

    /** The lowest JSD for one n in one run, with the evaluation it came from. */
    public record Best(double jsd, long iteration, Double time, Integer samples, Double floor) {}

    /** The first lines of one sample file. */
    public record Samples(long iteration, String file, List<String> lines) {}

    /**
     * Runs whose configs differ only in seed (and output paths), aggregated.
     *
     * @param best   per n: the runs' best JSD, mean and spread across seeds
     * @param curves mean and spread across seeds at each logged iteration
     */
    public record ConfigSummary(String label, List<String> runs, List<Long> seeds, Map<Integer, Spread> best,
                                Curves curves) {}

    /**
     * Mean and spread of one number across seeds. {@code std} is the sample standard deviation (n − 1),
     * {@code null} for a single seed.
     *
     * @param samples the evaluation sample sizes the values came from
     * @param floor   mean real-data floor of those evaluations ({@code null} when none logged one)
     */
    public record Spread(double mean, double min, double max, Double std, int seeds, List<Integer> samples,
                         Double floor) {}

    /**
     * Curves of a config. JSD and the negative critic losses are at the evaluated iterations; the train losses
     * are averaged over iteration bins when there are more than {@link ReportBuilder#MAX_CURVE_POINTS} of them.
     */
    public record Curves(Map<Integer, List<CurvePoint>> jsd, List<CurvePoint> criticLoss,
                         List<CurvePoint> generatorLoss, List<CurvePoint> criticTrain, List<CurvePoint> criticValid) {}

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
     * @param series the names in its legend
     */
    public record Chart(String id, String title, String png, List<String> series) {}
}
