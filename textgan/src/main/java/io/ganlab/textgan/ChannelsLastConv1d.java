package io.ganlab.textgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.ganlab.core.CpuConvolution;
import io.ganlab.core.TorchScriptArchive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A 1-D convolution with 'same' padding (odd kernels), {@code (B, C, T) → (B, filters, T)}, weight
 * {@code (filters, C, k)} and bias {@code (filters)}: the same parameters, initialisation order and checkpoint bytes as
 * DJL's {@code Conv1d}, computed in channels-last memory.
 *
 * <p>Why: libtorch's CPU convolutions (oneDNN) work on channels-last or blocked layouts. Given plain {@code (B, C, T)}
 * activations, every convolution call, forward and backward, reorders its input in and its output back out; in the
 * language critic step those reorders took about 40% of oneDNN's time (measured with {@code ONEDNN_VERBOSE}).
 * libtorch makes any 3-D convolution input contiguous, so the channels-last path is reached as a 2-D convolution over
 * {@code (B, C, 1, T)} whose memory is ordered {@code (B, T, C)}. Its output keeps that order, and so do the
 * element-wise operations between convolutions; callers give the first convolution such an input
 * ({@link #channelsLast}, or the transpose of a contiguous {@code (B, T, C)}). A network may keep its activations as
 * that {@code (B, C, 1, T)} from one convolution to the next: given 4-D input the convolution returns 4-D output, and
 * the two views around each call (and their autograd nodes, in every pass of the critic step) are not made.
 *
 * <p>The weight is handed to libtorch in the same order, {@code (F, k, C)} in memory, made once per call; given the
 * parameter's plain order, libtorch copied it into that order in every forward and backward call (about 70 copies a
 * critic step). An output scale ({@link #ChannelsLastConv1d(int, int, double)}) is folded into that copy and into
 * the bias: the residual blocks' 0.3 then costs a product over the weights, not over the activations in each of the
 * forward, backward and double-backward passes.
 */
public final class ChannelsLastConv1d extends AbstractBlock {
    /** DJL 0.35's {@code Convolution} version: checkpoints its {@code Conv1d} blocks wrote load unchanged. */
    private static final byte VERSION = 3;

    private final int filters;
    private final int kernel;
    private final double scale;
    private final Parameter weight;
    private final Parameter bias;
    private Prepared last;                 // the latest step's weight and bias (prepared)

    public ChannelsLastConv1d(int filters, int kernel) {
        this(filters, kernel, 1);
    }

    /** A convolution whose output is multiplied by {@code scale}: {@code scale · conv(x)}, as numbers. */
    public ChannelsLastConv1d(int filters, int kernel, double scale) {
        super(VERSION);
        if (kernel % 2 != 1) {
            throw new IllegalArgumentException("'same' padding needs an odd kernel, got " + kernel);
        }
        this.filters = filters;
        this.kernel = kernel;
        this.scale = scale;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    /**
     * {@code x (B, C, T)} with the same values, its memory ordered {@code (B, T, C)}: one copy, for activations that
     * come from elsewhere in plain order (a reshaped linear layer).
     */
    public static NDArray channelsLast(NDArray x) {
        Shape s = x.getShape();
        // reshaping the transposed view cannot be a view, so libtorch copies it into (B, T, C) order
        return x.transpose(0, 2, 1).reshape(s.get(0), s.get(2) * s.get(1)).reshape(s.get(0), s.get(2), s.get(1))
                .transpose(0, 2, 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();                                        // (B, C, T) or (B, C, 1, T)
        boolean flat = x.getShape().dimension() == 3;
        NDArray w = ps.getValue(weight, x.getDevice(), training);                     // (F, C, k)
        NDArray b = ps.getValue(bias, x.getDevice(), training);                       // (F)
        Prepared p = prepared(w, b, x.getManager());
        NDArray y = CpuConvolution.conv2d(flat ? x.expandDims(2) : x, p.weight, p.bias, new Shape(1, 1),
                new Shape(0, kernel / 2), new Shape(1, 1), 1);                        // (B, F, 1, T)
        return new NDList(flat ? y.squeeze(2) : y);                                   // (B, F, T) or (B, F, 1, T)
    }

    /**
     * The step's weight and bias as the forward pass hands them to libtorch: {@code (F, C, 1, k)} in channels-last
     * memory with the scale folded in, and {@code (F)} (see {@link #prepared}); {@code like} gives the step's
     * manager and device. For a graph that reuses them ({@link CriticGradientScript}).
     */
    NDArray[] libtorchWeights(ParameterStore ps, NDArray like, boolean training) {
        NDArray w = ps.getValue(weight, like.getDevice(), training);
        NDArray b = ps.getValue(bias, like.getDevice(), training);
        Prepared p = prepared(w, b, like.getManager());
        return new NDArray[] {p.weight, p.bias};
    }

    /** The weight and bias as libtorch takes them, for one step's arrays: see {@link #prepared}. */
    private record Prepared(NDArray source, NDManager step, boolean recorded, NDArray weight, NDArray bias) {}

    /**
     * The channels-last (and scaled) weight and bias of {@code w} and {@code b}, owned by the step's manager
     * {@code m}. Made once per step and reused while the step and the weights stay the same: the critic takes two
     * or three forward passes a step (real and fake, the penalty's, the explicit input gradient's masks), and each
     * making its own copy multiplied the copies and the autograd nodes behind them. A closed manager, other weights
     * (a bf16 step's copies), or a recorded pass after copies made without recording (which have no graph to the
     * weights) gets a fresh one.
     */
    private Prepared prepared(NDArray w, NDArray b, NDManager m) {
        if (!current(last, w, m)) {
            make(List.of(this), List.of(w), List.of(b), m);
        }
        return last;
    }

    /**
     * Whether {@code p} serves weight {@code w} in a pass of step {@code m} under the current recording: weights
     * prepared with graph serve a pass without (which records nothing), not the other way round.
     */
    private static boolean current(Prepared p, NDArray w, NDManager m) {
        boolean recorded = JniUtils.isGradMode() && w.hasGradient();
        return p != null && p.source == w && p.step == m && (p.recorded || !recorded) && m.isOpen();
    }

    /**
     * Makes the step's weights of several convolutions (a network's) in one TorchScript call, unless all current ones
     * serve (see {@link #prepared}); {@code like} gives the step's manager and device. One call instead of about six
     * DJL operations per convolution: at DIM 64 those were a tenth of a critic step's calls.
     */
    static void prepareAll(List<ChannelsLastConv1d> convs, ParameterStore ps, NDArray like, boolean training) {
        List<NDArray> ws = new ArrayList<>();
        List<NDArray> bs = new ArrayList<>();
        boolean stale = false;
        for (ChannelsLastConv1d c : convs) {
            NDArray w = ps.getValue(c.weight, like.getDevice(), training);
            ws.add(w);
            bs.add(ps.getValue(c.bias, like.getDevice(), training));
            stale |= !current(c.last, w, like.getManager());
        }
        if (stale) {
            make(convs, ws, bs, like.getManager());
        }
    }

    /** Prepares {@code convs} from their weights {@code ws} and biases {@code bs}, owned by step {@code m}. */
    private static void make(List<ChannelsLastConv1d> convs, List<NDArray> ws, List<NDArray> bs, NDManager m) {
        NDList args = new NDList();
        double[] scales = new double[convs.size()];
        for (int i = 0; i < scales.length; i++) {
            args.add(ws.get(i));
            args.add(bs.get(i));
            scales[i] = convs.get(i).scale;
        }
        boolean recording = JniUtils.isGradMode();
        String[] script = script(scales);
        NDList out = IValueUtils.forward(TorchScriptArchive.shared(script[0], "ChannelsLastWeights", script[1]), args,
                recording);
        out.attach(m);
        for (int i = 0; i < scales.length; i++) {
            NDArray w = ws.get(i);
            convs.get(i).last = new Prepared(w, m, recording && w.hasGradient(), out.get(2 * i), out.get(2 * i + 1));
        }
    }

    /** Archive name and source of the module per list of scales (a network's pattern). */
    private static final Map<String, String[]> PREPARE = new java.util.HashMap<>();

    private static synchronized String[] script(double[] scales) {
        return PREPARE.computeIfAbsent(java.util.Arrays.toString(scales),
                k -> new String[] {"channels_last_weights_" + PREPARE.size(), prepareCode(scales)});
    }

    /**
     * The module that makes, for each convolution with output scale {@code scales[i]}, {@code scale · w} as
     * {@code (F, C, 1, k)} in libtorch's channels-last memory, ordered {@code (F, k, C)}, and {@code scale · b}: the
     * copy of the transposed view is that order.
     */
    private static String prepareCode(double[] scales) {
        StringBuilder args = new StringBuilder();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < scales.length; i++) {
            args.append(",\n    w").append(i).append(": Tensor,\n    b").append(i).append(": Tensor");
            String copy = "torch.contiguous(torch.permute(w" + i + ", [0, 2, 1]))";
            String bias = "b" + i;
            if (scales[i] != 1) {
                copy = "torch.mul(" + copy + ", " + scales[i] + ")";
                bias = "torch.mul(b" + i + ", " + scales[i] + ")";
            }
            out.append(i == 0 ? "" : ", ").append("torch.unsqueeze(torch.permute(").append(copy)
                    .append(", [0, 2, 1]), 2), ").append(bias);
        }
        return """
                class ChannelsLastWeights(Module):
                  __parameters__ = []
                  __buffers__ = []
                  training : bool
                  def forward(self: __torch__.ChannelsLastWeights%s) -> List[Tensor]:
                    return [%s]
                """.formatted(args, out);
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(filters, inputShapes[0].get(1), kernel));
        bias.setShape(new Shape(filters));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), filters, inputShapes[0].get(2))};
    }

    @Override
    public String toString() {
        return "ChannelsLastConv1d(filters=" + filters + ", kernel=" + kernel + ")";
    }
}
