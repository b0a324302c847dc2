package io.ganlab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import io.ganlab.core.Bf16;
import io.ganlab.core.Precision;
import io.ganlab.core.TorchScriptArchive;
import io.ganlab.textgan.Architecture;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The language networks' residual convolution (kernel {@link Architecture#KERNEL}, D → D channels, 'same' padding),
 * timed pass by pass as the training steps run it: the forward pass, the input-gradient pass (backward to the data)
 * and the weight-gradient pass (backward to the weight and bias), on a {@code (B, D, 1, T)} input in channels-last
 * memory with a channels-last weight, the form textgan's {@code ChannelsLastConv1d} gives libtorch. Those passes are
 * most of both training steps' work (about 50 of a generator step, over 100 of a critic step), and eager PyTorch
 * runs the same kernels, so their times set how far a step can get below PyTorch's.
 *
 * <p>Each pass is called {@code calls} times in a loop inside one TorchScript function, so that no Java call is
 * counted; a figure is the fastest of {@code repeats} such loops, per call. The loops run with libtorch's graph
 * optimizer off: it unrolls loops and merges the unrolled body's identical calls, which timed a fraction of the calls
 * (0.08 ms for a DIM 128 forward pass that takes 0.8 ms).
 */
public final class ConvolutionPasses {
    /** The passes in the order they are measured and printed. */
    public enum Pass {
        FORWARD("forward"), INPUT_GRADIENT("input gradient"), WEIGHT_GRADIENT("weight gradient");

        final String label;

        Pass(String label) {
            this.label = label;
        }
    }

    /**
     * Milliseconds per call of each {@link Pass}, in their order.
     *
     * @param flops the multiply-adds of one pass, counted twice: {@code 2·B·T·D·D·k}
     */
    public record Times(int dim, int batch, int length, Precision precision, double[] ms, double flops) {
        /** GFLOP/s of pass {@code p}. */
        public double gflops(Pass p) {
            return flops / ms[p.ordinal()] / 1e6;
        }

        /** The printed line, e.g. {@code forward 0.822 ms (408 GFLOP/s), input gradient ...}. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            for (Pass p : Pass.values()) {
                sb.append(p.ordinal() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.3f ms (%.0f GFLOP/s)",
                        p.label, ms[p.ordinal()], gflops(p)));
            }
            return sb.toString();
        }
    }

    private static final String CODE = """
            class ConvolutionPasses(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.ConvolutionPasses,
                x: Tensor,
                w: Tensor,
                g: Tensor,
                which: Tensor) -> List[Tensor]:
                recording = torch.is_grad_enabled()
                torch.set_grad_enabled(False)
                p = int(torch.select(which, 0, 0))
                n = int(torch.select(which, 0, 1))
                pad = int(torch.select(which, 0, 2))
                d = torch.size(w, 0)
                out = [x]
                for i in range(n):
                  if p == 0:
                    out = [torch.conv2d(x, w, None, [1, 1], [0, pad])]
                  elif p == 1:
                    r = ops.aten.convolution_backward(g, x, w, None, [1, 1], [0, pad], [1, 1], False, [0, 0], 1, [True, False, False])
                    out = [r[0]]
                  else:
                    r = ops.aten.convolution_backward(g, x, w, [d], [1, 1], [0, pad], [1, 1], False, [0, 0], 1, [False, True, True])
                    out = [r[1], r[2]]
                torch.set_grad_enabled(recording)
                return out
            """;

    private ConvolutionPasses() {}

    /**
     * What {@link #run} measures.
     *
     * @param rounds  rounds per width: ours (each precision) then PyTorch's, alternately
     * @param calls   calls per timed loop
     * @param repeats timed loops per pass; a figure is the fastest
     */
    public record Settings(List<Integer> dims, List<Precision> precisions, int batch, int length, int threads,
                           int rounds, int calls, int repeats, String device) {}

    /**
     * Prints the passes' times per width, ours in each precision and, when {@code peer} is given, eager PyTorch's
     * (FP32), alternately for {@code s.rounds()} rounds, each in a fresh process (so that no idle side's OpenMP
     * threads spin beside the other's), then per precision the ratio ours/PyTorch of each pass:
     * the median of the rounds' ratios and their range.
     */
    public static void run(Settings s, PytorchPeer peer, PrintWriter out) throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "convolution passes: the residual convolution (kernel %d, D -> D, 'same'), batch %d,"
                + " length %d, %d threads; per pass the fastest of %d loops of %d calls. Ours: channels-last memory,"
                + " the loops in one TorchScript function with the graph optimizer off%s%n", Architecture.KERNEL,
                s.batch(), s.length(), s.threads(), s.repeats(), s.calls(), peer == null ? "" : "; PyTorch "
                        + peer.torchVersion() + ": Conv1d on contiguous (B, D, T) as its networks run it, the loops"
                        + " in Python");
        out.flush();
        for (int dim : s.dims()) {
            Map<Precision, List<double[]>> ratios = new LinkedHashMap<>();
            for (int r = 0; r < s.rounds(); r++) {
                List<Times> ours = new ArrayList<>();
                for (Precision p : s.precisions()) {
                    Times t = inChild(dim, s.batch(), s.length(), s.threads(), p, s.calls(), s.repeats());
                    ours.add(t);
                    out.printf(Locale.ROOT, "DIM %d round %d, ours %s: %s%n", dim, r + 1, p.label(), t.describe());
                    out.flush();
                }
                if (peer == null) {
                    continue;
                }
                double[] theirs = peer.convolutionPasses(dim, s.batch(), s.length(), s.threads(), s.calls(),
                        s.repeats(), s.device());
                Times t = new Times(dim, s.batch(), s.length(), Precision.FP32, theirs,
                        flops(dim, s.batch(), s.length()));
                out.printf(Locale.ROOT, "DIM %d round %d, PyTorch fp32: %s%n", dim, r + 1, t.describe());
                out.flush();
                for (Times o : ours) {
                    double[] q = new double[theirs.length];
                    for (int i = 0; i < q.length; i++) {
                        q[i] = o.ms()[i] / theirs[i];
                    }
                    ratios.computeIfAbsent(o.precision(), k -> new ArrayList<>()).add(q);
                }
            }
            ratios.forEach((p, rs) -> {
                StringBuilder sb = new StringBuilder();
                for (Pass pass : Pass.values()) {
                    double[] v = rs.stream().mapToDouble(q -> q[pass.ordinal()]).sorted().toArray();
                    sb.append(pass.ordinal() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2f (%.2f-%.2f)",
                            pass.label, TextganStepBench.quantile(v, 0.5), v[0], v[v.length - 1]));
                }
                out.printf(Locale.ROOT, "DIM %d: ours %s/PyTorch fp32 per pass, median of %d rounds (range): %s%n",
                        dim, p.label(), rs.size(), sb);
            });
            out.flush();
        }
    }

    /**
     * Times the three passes at width {@code dim}, batch {@code batch} and length {@code length} in
     * {@code precision}, on random data.
     */
    public static Times measure(int dim, int batch, int length, Precision precision, int calls, int repeats) {
        if (calls < 1 || repeats < 1) {
            throw new IllegalArgumentException("calls and repeats must be >= 1");
        }
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            JniUtils.setGraphExecutorOptimize(false);                  // after the manager: the engine is loaded
            NDArray[] xwg = operands(m, dim, batch, length, precision, 1);
            double[] ms = new double[Pass.values().length];
            Arrays.fill(ms, Double.MAX_VALUE);
            for (Pass p : Pass.values()) {
                run(m, xwg, p, Math.max(1, calls / 5));                // warm-up: oneDNN makes its kernels
            }
            for (int r = 0; r < repeats; r++) {                        // the passes take turns: drift hits all alike
                for (Pass p : Pass.values()) {
                    long t0 = System.nanoTime();
                    run(m, xwg, p, calls);
                    ms[p.ordinal()] = Math.min(ms[p.ordinal()], (System.nanoTime() - t0) / 1e6 / calls);
                }
            }
            return new Times(dim, batch, length, precision, ms, flops(dim, batch, length));
        } finally {
            // DJL's setting: on unless the system property turns it off
            JniUtils.setGraphExecutorOptimize(!"false".equalsIgnoreCase(System.getProperty(GRAPH_OPTIMIZER)));
        }
    }

    private static final String GRAPH_OPTIMIZER = "ai.djl.pytorch.graph_optimizer";

    /**
     * The outputs of pass {@code p} called once: the convolution's output, the input's gradient, or the weight's and
     * the bias's gradients, for the loss {@code sum(conv(x) · g)}. For tests, which check them against autograd.
     */
    static NDList once(NDArray x, NDArray w, NDArray g, Pass p) {
        NDManager m = x.getManager();
        NDArray[] cl = channelsLast(new NDArray[] {x, w, g});
        NDList out = IValueUtils.forward(module(), new NDList(cl[0], cl[1], cl[2],
                m.create(new long[] {p.ordinal(), 1, Architecture.KERNEL / 2})), JniUtils.isGradMode());
        out.attach(m);
        return out;
    }

    /**
     * The first word of the line a timing child prints, ours ({@link #main}) or the PyTorch peer's
     * ({@code bench/python/textgan_steps.py --convolutions}).
     */
    static final String TAG = "textgan_convolutions";

    /**
     * Our side's child: {@code --dim D --batch B --length T --calls N --repeats R --bf16 0|1}; prints one
     * {@link #TAG} line.
     */
    public static void main(String[] args) {
        Map<String, Integer> a = ChildProcesses.intArguments(args);
        Precision p = a.getOrDefault("--bf16", 0) == 1 ? Precision.BF16 : Precision.FP32;
        Times t = measure(a.get("--dim"), a.get("--batch"), a.get("--length"), p, a.get("--calls"),
                a.get("--repeats"));
        StringBuilder sb = new StringBuilder(TAG).append(" impl=ganlab version=")
                .append(ai.djl.engine.Engine.getEngine("PyTorch").getVersion()).append(" precision=")
                .append(p.label()).append(" dim=").append(t.dim()).append(" batch=").append(t.batch())
                .append(" length=").append(t.length());
        for (Pass pass : Pass.values()) {
            sb.append(' ').append(pass.name().toLowerCase(Locale.ROOT)).append("_ms=")
                    .append(String.format(Locale.ROOT, "%.4f", t.ms()[pass.ordinal()]));
        }
        System.out.println(sb);
        System.out.flush();
    }

    /** {@link #measure} in a fresh JVM ({@link #main}). */
    static Times inChild(int dim, int batch, int length, int threads, Precision p, int calls, int repeats)
            throws IOException, InterruptedException {
        List<String> cmd = ChildProcesses.javaCommand(threads, ConvolutionPasses.class);
        cmd.addAll(List.of("--dim", "" + dim, "--batch", "" + batch, "--length", "" + length, "--calls", "" + calls,
                "--repeats", "" + repeats, "--bf16", p == Precision.BF16 ? "1" : "0"));
        double[] ms = fromChild(cmd, "our timing child (" + ConvolutionPasses.class.getSimpleName() + ")");
        return new Times(dim, batch, length, p, ms, flops(dim, batch, length));
    }

    /**
     * Runs a timing child, ours or the PyTorch peer's, and reads its {@link #TAG} line ({@link #parseLine}).
     *
     * @throws IOException naming {@code what} when it fails or prints no such line
     */
    static double[] fromChild(List<String> cmd, String what) throws IOException, InterruptedException {
        String out = ChildProcesses.output(cmd, what, line -> {});
        try {
            return parseLine(out);
        } catch (IllegalArgumentException e) {
            throw new IOException(what + ": " + e.getMessage());
        }
    }

    /** The multiply-adds of one pass, counted twice. */
    static double flops(int dim, int batch, int length) {
        return 2.0 * batch * length * (double) dim * dim * Architecture.KERNEL;
    }

    /**
     * The milliseconds per call of the passes, in {@link Pass} order, from a child's output: the last line starting
     * with {@link #TAG}, keys {@code forward_ms}, {@code input_gradient_ms}, {@code weight_gradient_ms}.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    static double[] parseLine(String output) {
        String line = output.lines().filter(l -> l.startsWith(TAG + " ")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalArgumentException("no '" + TAG + "' line in its output"));
        Map<String, String> kv = StepTimesLine.fields(line, TAG);
        double[] ms = new double[Pass.values().length];
        for (Pass p : Pass.values()) {
            String key = p.name().toLowerCase(Locale.ROOT) + "_ms";
            String v = kv.get(key);
            if (v == null) {
                throw new IllegalArgumentException("its line has no " + key + ": " + line);
            }
            try {
                ms[p.ordinal()] = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("its " + key + " is not a number: " + v);
            }
            if (!(ms[p.ordinal()] > 0) || Double.isInfinite(ms[p.ordinal()])) {
                throw new IllegalArgumentException("its " + key + " is not a positive time: " + v);
            }
        }
        return ms;
    }

    private static void run(NDManager m, NDArray[] xwg, Pass p, int calls) {
        try (NDManager scope = m.newSubManager()) {
            NDList out = IValueUtils.forward(module(), new NDList(xwg[0], xwg[1], xwg[2],
                    scope.create(new long[] {p.ordinal(), calls, Architecture.KERNEL / 2})), false);
            out.attach(scope);
            if (out.get(0).getDevice().isGpu()) {
                out.get(0).sum().getFloat();      // a GPU runs the loop asynchronously: wait for it to finish
            }
        }
    }

    /** x (B, D, 1, T), w (D, D, 1, k), g (B, D, 1, T): random, channels-last, in {@code precision}. */
    private static NDArray[] operands(NDManager m, int dim, int batch, int length, Precision precision, long seed) {
        m.getEngine().setRandomSeed((int) seed);
        NDArray x = m.randomNormal(new Shape(batch, dim, 1, length));
        NDArray w = m.randomNormal(0, 0.05f, new Shape(dim, dim, 1, Architecture.KERNEL), DataType.FLOAT32);
        NDArray g = m.randomNormal(new Shape(batch, dim, 1, length));
        NDArray[] xwg = channelsLast(new NDArray[] {x, w, g});
        if (precision == Precision.BF16) {
            for (int i = 0; i < xwg.length; i++) {
                xwg[i] = Bf16.down(xwg[i], m);       // DJL's toType cannot make bf16; a cast keeps the memory order
            }
        }
        return xwg;
    }

    /** The same values with their memory ordered (N, H, W, C), as a network's activations and prepared weights are. */
    private static NDArray[] channelsLast(NDArray[] a) {
        return Arrays.stream(a).map(t -> {
            Shape s = t.getShape();                                     // (N, C, H, W)
            // reshaping the transposed view cannot be a view: libtorch copies it in (N, H, W, C) order
            return t.transpose(0, 2, 3, 1).reshape(s.get(0), -1).reshape(s.get(0), s.get(2), s.get(3), s.get(1))
                    .transpose(0, 3, 1, 2);
        }).toArray(NDArray[]::new);
    }

    private static PtSymbolBlock module() {
        return TorchScriptArchive.shared("convolution_passes", "ConvolutionPasses", CODE);
    }
}
