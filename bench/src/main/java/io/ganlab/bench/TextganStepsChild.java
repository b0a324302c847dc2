package io.ganlab.bench;

import ai.djl.engine.Engine;
import io.ganlab.core.InputGradient;
import io.ganlab.core.Precision;
import io.ganlab.textgan.Architecture;
import io.ganlab.textgan.GeneratorNorm;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Our side of the same-run comparison, run in a child JVM: times {@link SessionSteps}' critic steps, then its
 * generator steps, exactly as the Python peer times its own (warm-up steps of each kind first, one clock reading
 * around each step, nothing else between steps), and prints one {@link StepTimesLine}.
 *
 * <p>Arguments: {@code --dim D --batch B --length T --vocab V --steps N --generator-steps N --warmup N --seed S
 * --bf16 0|1 --autograd 0|1 [--serve 0|1]}.
 */
public final class TextganStepsChild {
    private TextganStepsChild() {}

    public static void main(String[] args) {
        Map<String, Integer> a = ChildProcesses.intArguments(args);
        int dim = a.getOrDefault("--dim", 64);
        int batch = a.getOrDefault("--batch", 64);
        int length = a.getOrDefault("--length", 32);
        int vocab = a.getOrDefault("--vocab", 96);
        int warmup = a.getOrDefault("--warmup", 10);
        Architecture arch = new Architecture(length, vocab, dim, 128, 5, GeneratorNorm.NONE);
        double[] critic;
        double[] generator;
        double[] criticWarmup = new double[1];
        Precision precision = a.getOrDefault("--bf16", 0) == 1 ? Precision.BF16 : Precision.FP32;
        InputGradient.Method method = a.getOrDefault("--autograd", 0) == 1 ? InputGradient.Method.AUTOGRAD
                : InputGradient.Method.EXPLICIT;
        try (SessionSteps steps = SessionSteps.text(arch, batch, a.getOrDefault("--seed", 1),
                new StepVariant(precision, method))) {
            if (a.getOrDefault("--serve", 0) == 1) {
                serve(steps, warmup);
                return;
            }
            critic = timed(steps::criticStep, warmup, a.getOrDefault("--steps", 50), criticWarmup);
            generator = timed(steps::generatorStep, warmup, a.getOrDefault("--generator-steps", 20), new double[1]);
        }
        Engine engine = Engine.getEngine("PyTorch");
        ai.djl.Device device = engine.defaultDevice();
        StepTimesLine line = new StepTimesLine("ganlab" + (precision == Precision.BF16 ? "-bf16" : "")
                + (method == InputGradient.Method.AUTOGRAD ? "-autograd" : ""),
                engine.getVersion(),
                device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu", dim, batch, length, vocab,
                Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors()),
                StepTimesLine.Times.of(critic), StepTimesLine.Times.of(generator), criticWarmup[0]);
        System.out.println(line.format());
        System.out.flush();
    }

    /**
     * The interleaved comparison's protocol ({@link InterleavedComparison}): {@code warmup} steps of each kind, the line
     * {@code ready critic_warmup_s=S}, then for each line {@code critic K} or {@code generator K} on stdin the line
     * {@code times} with the K step times in ms, until {@code quit} or the end of stdin.
     */
    private static void serve(SessionSteps steps, int warmup) {
        double[] criticWarmup = new double[1];
        timed(steps::criticStep, warmup, 0, criticWarmup);
        timed(steps::generatorStep, warmup, 0, new double[1]);
        System.out.printf(java.util.Locale.ROOT, "ready critic_warmup_s=%.3f%n", criticWarmup[0]);
        System.out.flush();
        long[] next = {warmup, warmup};                  // the step indices each kind continues from
        try (java.io.BufferedReader in = new java.io.BufferedReader(
                new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] w = line.trim().split("\\s+");
                if (w[0].isEmpty() || w[0].equals("quit")) {
                    break;
                }
                int kind = w[0].equals("critic") ? 0 : 1;
                int k = Integer.parseInt(w[1]);
                long first = next[kind];
                LongConsumer step = kind == 0 ? steps::criticStep : steps::generatorStep;
                double[] ms = timed(t -> step.accept(first + t), 0, k, new double[1]);
                next[kind] += k;
                StringBuilder sb = new StringBuilder("times");
                for (double m : ms) {
                    sb.append(String.format(java.util.Locale.ROOT, " %.3f", m));
                }
                System.out.println(sb);
                System.out.flush();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * {@code warmup} untimed steps, whose seconds go to {@code warmupSeconds[0]}, then the milliseconds of each of
     * {@code n} steps.
     */
    private static double[] timed(LongConsumer step, int warmup, int n, double[] warmupSeconds) {
        long w0 = System.nanoTime();
        for (int t = 0; t < warmup; t++) {
            step.accept(t);
        }
        warmupSeconds[0] = (System.nanoTime() - w0) / 1e9;
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            step.accept(warmup + i);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }
}
