/**
 * Training reports: turns one or more training run directories into an HTML page with charts, the same numbers
 * as JSON, and a short Markdown summary, whatever the runs model (text, toy sets, images).
 *
 * <p>A run directory is laid out as {@link io.ganlab.common.RunLayout} says; {@link TrainingRun#load} reads one,
 * tolerating what a run still being written leaves behind. Each line of {@code metrics.jsonl} becomes a
 * {@link MetricPoint}: a map from metric key ({@link io.ganlab.common.MetricKeys}) to a number or to per-n numbers,
 * so every metric a run logged is reported without the report knowing it in advance. {@link MetricLabels} is the
 * one table of metric names, directions (lower or higher is better) and yardsticks (the real-data JSD floor, the
 * number of modes); {@link ConfigLabels} the one table of short config names for legends.
 *
 * <p>{@link ReportBuilder} groups runs whose configs differ only in their seed and aggregates them (mean and
 * min–max across seeds, copies of one seed counted once); {@link ReportCharts} draws one kind of chart for every
 * metric with XChart; a {@link RunSection} per kind of output file (text samples, sample grids, plots) shows what
 * the runs wrote; {@link ReportWriter} writes the report directory atomically.
 *
 * <p>This package computes no score itself: it reports what training logged. It depends on no model code.
 */
package io.ganlab.eval.report;
