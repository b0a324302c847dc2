package io.ganlab.eval.report;

import java.util.SortedMap;

/**
 * One {@code "kind":"eval"} line of {@code metrics.jsonl}: n-gram JSD of {@code samples} generated lines
 * (keyed by n), the same-size real-vs-real floor, and the negative critic loss on a training and a held-out
 * real batch. A missing key is {@code null} (or an empty map).
 */
public record EvalPoint(long iteration, Double time, Integer samples, SortedMap<Integer, Double> jsd,
                        SortedMap<Integer, Double> floor, SortedMap<Integer, Double> distinct, Double copied,
                        Double criticTrain, Double criticValid) {}
