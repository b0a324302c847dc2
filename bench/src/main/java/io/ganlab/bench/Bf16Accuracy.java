package io.ganlab.bench;

import ai.djl.nn.Parameter;
import io.ganlab.common.MetricKeys;
import io.ganlab.core.Loss;
import io.ganlab.core.Precision;
import io.ganlab.textgan.Architecture;
import java.io.PrintWriter;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How far a bf16 critic step lands from the FP32 one: two training sessions of the same seed, one per precision,
 * take the same critic steps on the same batches, and before each step the bf16 session gets the FP32 session's
 * weights, so each comparison starts from identical weights. Per step: the relative error of the penalty, the mean
 * input-gradient norm, the Wasserstein term and the loss.
 */
public final class Bf16Accuracy {
    /** Relative errors of one quantity over the steps: median and largest. */
    public record Errors(String name, double median, double max) {}

    private Bf16Accuracy() {}

    /** {@code steps} compared critic steps of the language GAN of {@code arch}. */
    public static List<Errors> measure(Architecture arch, int batch, long seed, int steps) {
        String[] keys = {Loss.PENALTY, Loss.GRAD_NORM, Loss.WASSERSTEIN, MetricKeys.CRITIC_LOSS};
        double[][] err = new double[keys.length][steps];
        try (SessionSteps fp32 = SessionSteps.text(arch, batch, seed, Precision.FP32);
             SessionSteps bf16 = SessionSteps.text(arch, batch, seed, Precision.BF16)) {
            for (int t = 0; t < steps; t++) {
                copy(fp32.criticParameters(), bf16.criticParameters());
                copy(fp32.generatorParameters(), bf16.generatorParameters());
                Map<String, Double> a = fp32.criticTerms(t);
                Map<String, Double> b = bf16.criticTerms(t);
                for (int k = 0; k < keys.length; k++) {
                    err[k][t] = Math.abs(b.get(keys[k]) - a.get(keys[k])) / Math.abs(a.get(keys[k]));
                }
            }
        }
        String[] names = {"penalty", "mean gradient norm", "Wasserstein term", "critic loss"};
        Errors[] out = new Errors[names.length];
        for (int k = 0; k < names.length; k++) {
            double[] e = err[k].clone();
            Arrays.sort(e);
            out[k] = new Errors(names[k], e.length % 2 == 1 ? e[e.length / 2] : (e[e.length / 2 - 1] + e[e.length / 2]) / 2,
                    e[e.length - 1]);
        }
        return List.of(out);
    }

    /** Prints {@link #measure}'s figures, one line each. */
    public static void print(PrintWriter out, Architecture arch, int batch, long seed, int steps) {
        out.printf(Locale.ROOT, "bf16 against FP32, DIM %d: %d critic steps, each from the same weights and on the same"
                + " batches; relative error median (largest)%n", arch.dim(), steps);
        for (Errors e : measure(arch, batch, seed, steps)) {
            out.printf(Locale.ROOT, "  %s: %.1e (%.1e)%n", e.name(), e.median(), e.max());
        }
        out.flush();
    }

    private static void copy(List<Parameter> from, List<Parameter> to) {
        for (int i = 0; i < from.size(); i++) {
            to.get(i).getArray().set(FloatBuffer.wrap(from.get(i).getArray().toFloatArray()));
        }
    }
}
