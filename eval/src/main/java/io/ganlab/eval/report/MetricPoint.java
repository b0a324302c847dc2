package io.ganlab.eval.report;

import io.ganlab.common.MetricKeys;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;

/**
 * One line of {@code metrics.jsonl} (a train or an eval line) as a map from metric key to value: a number, or a map
 * from n to a number for the per-n text scores. Whatever a modality logs is kept, so that the report can chart it
 * without knowing it in advance. Non-finite numbers are left out.
 *
 * @param iteration generator iteration of the line
 * @param time      {@link MetricKeys#TIME}, or {@code null}
 * @param scalars   number-valued keys other than the iteration and the time
 * @param byN       map-valued keys, each keyed by n
 */
public record MetricPoint(long iteration, Double time, Map<String, Double> scalars,
                          Map<String, SortedMap<Integer, Double>> byN) {
    public MetricPoint {
        // compact copies: a long run holds hundreds of thousands of lines
        scalars = Map.copyOf(scalars);
        byN = Map.copyOf(byN);
    }

    /** The number logged under {@code key}, or {@code null}. */
    public Double scalar(String key) {
        return scalars.get(key);
    }

    /** The per-n values logged under {@code key}, empty when none. */
    public SortedMap<Integer, Double> byN(String key) {
        return byN.getOrDefault(key, Collections.emptySortedMap());
    }

    /** The value of {@code key} at {@code n}, or the number of {@code key} when {@code n} is {@code null}. */
    public Double value(String key, Integer n) {
        return n == null ? scalar(key) : byN(key).get(n);
    }

    /** {@link MetricKeys#SAMPLES}: how many samples the scores of this line used, or {@code null}. */
    public Integer samples() {
        Double s = scalars.get(MetricKeys.SAMPLES);
        return s == null ? null : (int) Math.round(s);
    }
}
