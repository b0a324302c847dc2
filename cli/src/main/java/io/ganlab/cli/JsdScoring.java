package io.ganlab.cli;

import io.ganlab.common.MetricKeys;
import io.ganlab.corpus.Dataset;
import io.ganlab.eval.JsdEvaluator;
import io.ganlab.eval.JsdReport;
import io.ganlab.eval.Samples;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The n-gram JSD as the training loop's score: the link between textgan (samples) and eval (JSD). */
final class JsdScoring {
    private JsdScoring() {}

    /**
     * A scorer for in-memory samples: JSD, floor, diversity and copying per n, as metrics-line values. The true
     * models are loaded (or counted once and cached) now, before training starts.
     */
    static Function<int[][], Map<String, Object>> during(Dataset ds, List<Integer> ns, int samples) {
        int[] n = ns.stream().mapToInt(Integer::intValue).toArray();
        JsdEvaluator ev = JsdEvaluator.open(ds, n, JsdEvaluator.Options.defaults()
                .withLog(msg -> System.err.println("gan: " + msg)));
        int vocab = ds.vocabulary().size();
        return ids -> {
            JsdReport r = ev.evaluate(Samples.of(ids, vocab));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put(MetricKeys.SAMPLES, r.samples());
            out.put(MetricKeys.JSD, r.jsd());
            out.put(MetricKeys.FLOOR, r.floor());
            out.put(MetricKeys.DISTINCT, r.distinct());
            out.put(MetricKeys.COPIED, r.copied());
            return out;
        };
    }
}
