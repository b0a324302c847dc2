package io.ganlab.core;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Differentiable casts between FP32 and bfloat16, and a parameter store that hands the networks bf16 copies of
 * their weights ({@link Precision#BF16}).
 *
 * <p>DJL 0.35.1 cannot make a bf16 array itself: {@code toType(BFLOAT16)} and {@code zeros(..., BFLOAT16)} abort
 * the JVM in its JNI type mapping. Its operators do run on bf16 tensors made elsewhere (it then reports their type
 * as {@link DataType#UNKNOWN}), so the casts are two one-line TorchScript modules, written by
 * {@link TorchScriptArchive} at first use like {@link InputGradient}'s. A cast is an autograd node: the gradient of
 * a bf16 copy flows back to its FP32 master as FP32.
 */
public final class Bf16 {
    private static final String CODE = """
            class ToBf16(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.ToBf16,
                x: Tensor) -> Tensor:
                return torch.to(x, 15)
            class ToFloat(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.ToFloat,
                x: Tensor) -> Tensor:
                return torch.to(x, 6)
            """;

    private Bf16() {}

    /** A bf16 copy of {@code x} (FP32), owned by {@code owner}. */
    public static NDArray down(NDArray x, NDManager owner) {
        return cast(TorchScriptArchive.shared("to_bf16", "ToBf16", CODE), x, owner);
    }

    /** An FP32 copy of {@code x} (bf16 or FP32), owned by {@code x}'s manager. */
    public static NDArray up(NDArray x) {
        return cast(TorchScriptArchive.shared("to_float", "ToFloat", CODE), x, x.getManager());
    }

    /** Whether {@code x} is one of the bf16 arrays made here (DJL names the type of no other array UNKNOWN). */
    public static boolean is(NDArray x) {
        return x.getDataType() == DataType.UNKNOWN;
    }

    /**
     * {@code f(x)} computed in FP32 when {@code x} is bf16, and returned in x's type: the normalisation layers'
     * statistics, whose sums lose digits in bf16 (and whose FP32 scale and shift would otherwise turn the rest of
     * the network FP32).
     */
    public static NDArray inFloat(NDArray x, java.util.function.UnaryOperator<NDArray> f) {
        return is(x) ? down(f.apply(up(x)), x.getManager()) : f.apply(x);
    }

    private static NDArray cast(PtSymbolBlock m, NDArray x, NDManager owner) {
        NDArray y = IValueUtils.forward(m, new NDList(x), true).singletonOrThrow();
        y.attach(owner);
        return y;
    }

    /**
     * A store whose weights and biases are bf16 copies of the parameters, made once per store and owned by
     * {@code owner} (a step's manager, so they go with the step). Normalisation parameters and running statistics
     * stay FP32: libtorch's batch and layer norms take FP32 parameters with a bf16 input.
     */
    public static ParameterStore store(NDManager owner) {
        return store(owner, List.of());
    }

    /**
     * {@link #store(NDManager)}, casting each group's weights and biases together, in one call, when the first of
     * them is asked for (a network's, so that one call replaces one per layer: a language GAN's step made about 50).
     * A group is cast with autograd's recording as it is at that moment, as a single parameter would be.
     */
    public static ParameterStore store(NDManager owner, List<List<Parameter>> groups) {
        Map<Parameter, List<Parameter>> groupOf = new IdentityHashMap<>();
        for (List<Parameter> g : groups) {
            for (Parameter p : g) {
                groupOf.put(p, g);
            }
        }
        return new ParameterStore(owner, false) {
            private final Map<Parameter, NDArray> copies = new IdentityHashMap<>();

            @Override
            public NDArray getValue(Parameter p, Device device, boolean training) {
                NDArray v = super.getValue(p, device, training);
                if (!castable(p, v)) {
                    return v;
                }
                NDArray c = copies.get(p);
                if (c != null) {
                    return c;
                }
                List<Parameter> group = groupOf.get(p);
                if (group == null) {
                    c = down(v, owner);
                    copies.put(p, c);
                    return c;
                }
                List<Parameter> cast = new ArrayList<>();
                List<NDArray> values = new ArrayList<>();
                for (Parameter q : group) {
                    NDArray qv = super.getValue(q, device, training);
                    if (castable(q, qv) && !copies.containsKey(q)) {
                        cast.add(q);
                        values.add(qv);
                    }
                }
                NDList out = castAll(values, owner);
                for (int i = 0; i < out.size(); i++) {
                    copies.put(cast.get(i), out.get(i));
                }
                return copies.get(p);
            }
        };
    }

    private static boolean castable(Parameter p, NDArray v) {
        Parameter.Type t = p.getType();
        return (t == Parameter.Type.WEIGHT || t == Parameter.Type.BIAS) && v.getDataType() == DataType.FLOAT32;
    }

    /**
     * bf16 copies of {@code xs} (FP32) in one TorchScript call, owned by {@code owner}. The module takes the tensors
     * as separate arguments (one module per count): DJL runs a module with autograd recording only when its inputs
     * come as an NDList, whose arrays it would pack into a list only by renaming them.
     */
    private static NDList castAll(List<NDArray> xs, NDManager owner) {
        int n = xs.size();
        NDList ys = IValueUtils.forward(TorchScriptArchive.shared("to_bf16_" + n, "ToBf16N",
                CAST_N.computeIfAbsent(n, Bf16::castCode)), new NDList(xs.toArray(new NDArray[0])), true);
        ys.attach(owner);
        return ys;
    }

    private static final Map<Integer, String> CAST_N = new java.util.concurrent.ConcurrentHashMap<>();

    /** The module source that casts {@code n} tensors to bf16. */
    private static String castCode(int n) {
        StringBuilder code = new StringBuilder("""
                class ToBf16N(Module):
                  __parameters__ = []
                  __buffers__ = []
                  training : bool
                  def forward(self: __torch__.ToBf16N""");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            code.append(",\n    x").append(i).append(": Tensor");
            out.append(i == 0 ? "" : ", ").append("torch.to(x").append(i).append(", 15)");
        }
        return code.append(") -> List[Tensor]:\n    return [").append(out).append("]\n").toString();
    }
}
