package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.jni.IValueUtils;

/**
 * A differentiable input gradient {@code dD/dx}, the ingredient of the gradient penalties (WGAN-GP, FOGAN).
 *
 * <p>DJL's own route, {@code JniUtils.backward(..., createGraph=true)}, writes into every parameter's
 * {@code .grad} and leaks the graph through a reference cycle (about 18 MB per step, see djl.md). Instead this
 * calls {@code torch.autograd.grad(outputs, inputs, ones, retain_graph=True, create_graph=True)} from a tiny
 * TorchScript module: it writes no {@code .grad}, returns a tensor that carries its own graph, and frees
 * everything when the step's arrays are closed. The module's archive is written by
 * {@link TorchScriptArchive} at first use, so no Python is needed.
 */
public final class InputGradient {
    static final String CLASS_NAME = "InputGradient";

    /** The module source, in the form torch 1.13's {@code torch.jit.save} prints for the same function. */
    static final String CODE = """
            class InputGradient(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.InputGradient,
                outputs: Tensor,
                inputs: Tensor) -> Tensor:
                ones = annotate(List[Optional[Tensor]], [torch.ones_like(outputs)])
                g = torch.autograd.grad([outputs], [inputs], ones, True, True)
                return unchecked_cast(Tensor, g[0])
            """;

    private InputGradient() {}

    /**
     * How the trainer takes a gradient penalty's input gradient ({@code schedule.inputGradient}): {@link #EXPLICIT},
     * the critic's own forward graph where it has one ({@link ExplicitInputGradient}, the language critic) and
     * autograd's otherwise; or {@link #AUTOGRAD}, always {@link #of}. The two agree up to rounding.
     */
    public enum Method {
        EXPLICIT, AUTOGRAD;

        /** The config and flag spelling: {@code explicit} or {@code autograd}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** @throws IllegalArgumentException naming the choices */
        public static Method named(String s) {
            for (Method m : values()) {
                if (m.label().equals(s)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown input gradient '" + s + "' (explicit or autograd)");
        }
    }

    /**
     * {@code d(sum outputs)/d inputs} with a graph, so a later backward differentiates through it.
     *
     * @param outputs (B) or (B, 1): per-example scores computed from {@code inputs}
     * @param inputs  (B, ...): must require gradient ({@code setRequiresGradient(true)} before the forward)
     * @return (B, ...) like {@code inputs}, owned by the manager of {@code outputs}
     */
    public static NDArray of(NDArray outputs, NDArray inputs) {
        if (!inputs.hasGradient()) {
            throw new IllegalArgumentException("InputGradient.of: inputs " + inputs.getShape()
                    + " do not require gradient; call setRequiresGradient(true) before computing the outputs");
        }
        try {
            return IValueUtils.forward(TorchScriptArchive.shared("input_gradient", CLASS_NAME, CODE),
                    new NDList(outputs, inputs), true).singletonOrThrow();
        } catch (ai.djl.engine.EngineException e) {
            throw new IllegalStateException("InputGradient.of: autograd failed (" + firstLine(e.getMessage())
                    + "); the outputs must be computed from the inputs inside an open GradientCollector", e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
