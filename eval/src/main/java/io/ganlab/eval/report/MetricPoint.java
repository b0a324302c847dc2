package io.ganlab.eval.report;

import io.ganlab.common.MetricKeys;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One line of {@code metrics.jsonl} (a train or an eval line) as a map from metric key to value: a number, or a map
 * from n to a number for the per-n text scores. Whatever a modality logs is kept, so that the report can chart it
 * without knowing it in advance. Non-finite numbers are left out.
 *
 * <p>A long run has a million lines: the numbers are kept in an array beside a key array that lines with the same
 * keys share, not in a map per line.
 */
public final class MetricPoint {
    private final long iteration;
    private final Double time;
    private final String[] keys;
    private final double[] values;
    private final Map<String, SortedMap<Integer, Double>> byN;

    /**
     * @param keys   the number-valued keys other than the iteration and the time (not copied: lines share it)
     * @param values their values, same order
     * @param byN    map-valued keys, each keyed by n
     */
    MetricPoint(long iteration, Double time, String[] keys, double[] values,
                Map<String, SortedMap<Integer, Double>> byN) {
        if (keys.length != values.length) {
            throw new IllegalArgumentException(keys.length + " keys for " + values.length + " values");
        }
        this.iteration = iteration;
        this.time = time;
        this.keys = keys;
        this.values = values;
        this.byN = byN.isEmpty() ? Map.of() : Collections.unmodifiableMap(byN);
    }

    /** A line of the given numbers and per-n numbers. */
    public static MetricPoint of(long iteration, Double time, Map<String, Double> scalars,
                                 Map<String, SortedMap<Integer, Double>> byN) {
        return new MetricPoint(iteration, time, scalars.keySet().toArray(String[]::new),
                scalars.values().stream().mapToDouble(Double::doubleValue).toArray(), byN);
    }

    /** Generator iteration of the line. */
    public long iteration() {
        return iteration;
    }

    /** {@link MetricKeys#TIME}, or {@code null}. */
    public Double time() {
        return time;
    }

    /** The number-valued keys of the line, in line order. */
    public List<String> scalarKeys() {
        return Collections.unmodifiableList(Arrays.asList(keys));
    }

    /** The number-valued keys with their values. */
    public Map<String, Double> scalars() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            m.put(keys[i], values[i]);
        }
        return m;
    }

    /** The number logged under {@code key}, or {@code null}. */
    public Double scalar(String key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return values[i];
            }
        }
        return null;
    }

    /** The map-valued keys, each keyed by n. */
    public Map<String, SortedMap<Integer, Double>> byN() {
        return byN;
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
        Double s = scalar(MetricKeys.SAMPLES);
        return s == null ? null : (int) Math.round(s);
    }

    @Override
    public String toString() {
        return "MetricPoint[iteration=" + iteration + ", time=" + time + ", " + scalars() + ", " + byN + "]";
    }
}
