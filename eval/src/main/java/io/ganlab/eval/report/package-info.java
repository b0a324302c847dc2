/**
 * Training reports: turns one or more training run directories into a self-contained HTML page with
 * charts, the same numbers as JSON, and a short Markdown summary.
 *
 * <p>A run directory holds {@code config.json}, {@code env.json}, {@code status.json}, {@code metrics.jsonl}
 * (train and eval lines) and {@code samples/iter-NNNNNNNN.txt}; {@link TrainingRun#load} reads one,
 * tolerating what a run still being written leaves behind. {@link ReportBuilder} groups runs whose configs
 * differ only in their seed and aggregates them (mean and min–max across seeds); {@link ReportCharts} draws
 * the charts with XChart; {@link ReportWriter} writes the report directory atomically.
 *
 * <p>This package computes no JSD itself: it reports what the training loop logged. It depends on no
 * model code.
 */
package io.ganlab.eval.report;
