package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.ganlab.core.Bf16;
import io.ganlab.core.CpuConvolution;
import io.ganlab.core.HostCopy;

/**
 * The reference's {@code lib.ops.deconv2d.Deconv2D}: a k×k transposed convolution of stride 2 with TensorFlow's
 * {@code 'SAME'} padding, {@code (B, in, H, W) → (B, out, 2H, 2W)}; weights {@code (in, out, k, k)}
 * ({@code .Filters}, stored by TensorFlow as {@code (k, k, out, in)}), bias {@code (out)} zero.
 *
 * <p>DJL 0.35.1's PyTorch engine has no transposed convolution ({@code Conv2dTranspose} throws "Not
 * implemented"), so it is computed exactly as an ordinary convolution plus a pixel shuffle. TensorFlow places
 * input pixel j, kernel tap t at output {@code i = 2j + t − p} with {@code p = ⌊(k − 2)/2⌋} (the "before" half
 * of SAME's padding of the matching forward convolution). Output pixel {@code i = 2a + r} (phase r ∈ {0, 1})
 * therefore reads input {@code j = a + d} through tap {@code t = r + p − 2d}: each phase is a small correlation
 * over offsets d. Folding both phases of both axes into one {@code (4·out, in, 2D+1, 2D+1)} kernel (zeros
 * where a tap does not exist) gives one convolution with padding D and a depth-to-space. For k = 5 that is a 3×3
 * kernel: 36 multiply-adds per output group against 25 of a native transposed convolution.
 */
public final class Deconv extends AbstractBlock {
    private final int in;
    private final int out;
    private final int kernel;
    private final int before;
    private final int reach;
    private final Parameter weight;
    private final Parameter bias;

    public Deconv(int in, int out, int kernel, boolean biases, Initializer init) {
        if (in < 1 || out < 1 || kernel < 2) {
            throw new IllegalArgumentException("a transposed convolution needs in, out >= 1 and kernel >= 2: in "
                    + in + ", out " + out + ", kernel " + kernel);
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.before = (kernel - 2) / 2;
        int d = 0;
        for (int r = 0; r < 2; r++) {
            for (int t = 0; t < kernel; t++) {
                if ((r + before - t) % 2 == 0) {
                    d = Math.max(d, Math.abs((r + before - t) / 2));
                }
            }
        }
        this.reach = d;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(in, out, kernel, kernel)).optInitializer(init).build());
        bias = biases ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).optInitializer(Initializer.ZEROS).build()) : null;
    }

    /** The reference's default: He-style initialisation, with biases. */
    public static Deconv he(int in, int out, int kernel) {
        return new Deconv(in, out, kernel, true, TflibInit.deconv(in, out, kernel, true));
    }

    /**
     * The selection matrix {@code S (k, 2·(2D+1))}: {@code S[t, r·(2D+1) + d + D] = 1} when tap t feeds phase r
     * from offset d, i.e. {@code t = r + p − 2d}.
     */
    float[] selection() {
        int width = 2 * reach + 1;
        float[] s = new float[kernel * 2 * width];
        for (int r = 0; r < 2; r++) {
            for (int d = -reach; d <= reach; d++) {
                int t = r + before - 2 * d;
                if (t >= 0 && t < kernel) {
                    s[t * 2 * width + r * width + d + reach] = 1f;
                }
            }
        }
        return s;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();                                             // (B, in, H, W)
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != in) {
            throw new IllegalArgumentException("Deconv(" + in + " -> " + out + ") expects (B, " + in
                    + ", H, W), got " + s);
        }
        long b = s.get(0);
        long h = s.get(2);
        long w = s.get(3);
        int width = 2 * reach + 1;
        NDArray wt = ps.getValue(weight, x.getDevice(), training);             // (in, out, k, k)
        NDArray sel = HostCopy.floats(x.getManager(), selection(), new Shape(kernel, 2L * width)); // (k, U)
        if (Bf16.is(wt)) {
            sel = Bf16.down(sel, x.getManager());
        } else if (wt.getDataType() != DataType.FLOAT32) {
            sel = sel.toType(wt.getDataType(), false);
        }
        // wt · sel would belong to the parameter's long-lived manager (the first operand's) and live, with its
        // graph, as long as the model: hand it to the step's manager
        NDArray weighted = wt.matMul(sel);                                     // (in, out, k, U)
        weighted.attach(x.getManager());
        NDArray folded = sel.transpose().matMul(weighted)                      // (in, out, U, U)
                .reshape(in, out, 2, width, 2, width)                          // (in, out, rH, dH, rW, dW)
                .transpose(1, 2, 4, 0, 3, 5)                                   // (out, rH, rW, in, dH, dW)
                .reshape(4L * out, in, width, width);                          // (4·out, in, 2D+1, 2D+1)
        // 4·out filters, for images 4 or 12: widened to 16 there (CpuConvolution says why)
        NDArray y = CpuConvolution.conv2d(x, folded, null, new Shape(1, 1), new Shape(reach, reach),
                new Shape(1, 1), 1);                                           // (B, 4·out, H, W)
        y = y.reshape(b, out, 2, 2, h, w)                                      // (B, out, rH, rW, H, W)
                .transpose(0, 1, 4, 2, 5, 3)                                   // (B, out, H, rH, W, rW)
                .reshape(b, out, 2 * h, 2 * w);                                // (B, out, 2H, 2W)
        if (bias != null) {
            NDArray bv = ps.getValue(bias, x.getDevice(), training).reshape(1, out, 1, 1);
            bv.attach(x.getManager());
            y = y.add(bv);
        }
        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, 2 * s.get(2), 2 * s.get(3))};
    }

    @Override
    public String toString() {
        return "Deconv(" + in + " -> " + out + ", " + kernel + "x" + kernel + ", stride 2)";
    }
}
