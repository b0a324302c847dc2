package io.ganlab.eval.report;

/**
 * One quantity the report charts and ranks: a metric key of {@code metrics.jsonl}, at one n for the per-n metrics
 * (e.g. JSD of 4-grams) or {@code n == null} for a number (e.g. modes covered).
 */
public record Measure(String metric, Integer n) {
    /** The value of this measure in a line, or {@code null} when the line did not log it. */
    public Double of(MetricPoint p) {
        return p.value(metric, n);
    }

    /** The measure's name for people: "4-gram JSD", "modes covered". */
    public String title() {
        return MetricLabels.of(metric).title(n);
    }

    /** The metric's short name: "JSD", "modes covered". */
    public String metricName() {
        return MetricLabels.of(metric).name();
    }

    /** {@code jsd-4}, {@code modes-covered}: a chart id and file name. */
    public String id() {
        String key = metric.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return key + (n == null ? "" : "-" + n);
    }
}
