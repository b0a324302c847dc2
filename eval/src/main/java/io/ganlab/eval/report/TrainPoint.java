package io.ganlab.eval.report;

/** One {@code "kind":"train"} line of {@code metrics.jsonl}; a missing key is {@code null}. */
public record TrainPoint(long iteration, Double time, Double criticLoss, Double generatorLoss, Double wasserstein,
                         Double penalty, Double gradNorm) {}
