package io.ganlab.textgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import io.ganlab.core.TorchScriptArchive;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The language critic's input gradient {@code dD/dx} as one TorchScript function ({@link Critic#inputGradient}
 * says what it computes): its hundred-odd operations run in libtorch's interpreter, not one Java call each, which
 * at DIM 64 was a tenth of the critic step. The module is written at first use, one per number of residual blocks.
 */
final class CriticGradientScript {
    private static final Map<Integer, String> CODE = new ConcurrentHashMap<>();

    private CriticGradientScript() {}

    /**
     * @param x       (B, T, V) the critic's input
     * @param weights the convolutions' weights as libtorch takes them ({@code (F, C, 1, k)}, channels-last, the
     *                residual scale folded in) and biases, in forward order: input, then each block's conv1, conv2
     * @param output  (1, T·D) the output layer's weight in position-major order
     * @return (B, T, V) differentiable in the weights (autograd records it when it records at all)
     */
    static NDArray inputGradient(NDArray x, List<NDArray> weights, NDArray output) {
        int blocks = (weights.size() / 2 - 1) / 2;
        NDList in = new NDList(x);
        in.addAll(weights);
        in.add(output);
        boolean recording = JniUtils.isGradMode();
        try {
            NDArray g = IValueUtils.forward(TorchScriptArchive.shared("critic_input_gradient_" + blocks,
                    "CriticInputGradient", CODE.computeIfAbsent(blocks, CriticGradientScript::code)), in, recording)
                    .singletonOrThrow();
            g.attach(x.getManager());
            return g;
        } finally {
            JniUtils.setGradMode(recording);   // the module switches recording off for its masks
        }
    }

    /**
     * The module for {@code blocks} residual blocks. A forward pass without graph keeps relu' at each ReLU (the
     * sign of its output); the output weight, the same for every example, then goes back through each block's
     * transposed Jacobian, last block first ({@code g + conv1ᵀ(conv2ᵀ(g) · m2) · m1}, a convolution's transpose
     * being libtorch's transposed convolution with the same weight), and through the input convolution's.
     */
    private static String code(int blocks) {
        StringBuilder args = new StringBuilder("    x: Tensor,\n    w0: Tensor,\n    b0: Tensor");
        for (int i = 1; i <= 2 * blocks; i++) {
            args.append(",\n    w").append(i).append(": Tensor,\n    b").append(i).append(": Tensor");
        }
        args.append(",\n    wout: Tensor");
        StringBuilder ws = new StringBuilder("w0");
        StringBuilder bs = new StringBuilder("b0");
        for (int i = 1; i <= 2 * blocks; i++) {
            ws.append(", w").append(i);
            bs.append(", b").append(i);
        }
        return """
                class CriticInputGradient(Module):
                  __parameters__ = []
                  __buffers__ = []
                  training : bool
                  def forward(self: __torch__.CriticInputGradient,
                %s) -> Tensor:
                    ws = [%s]
                    bs = [%s]
                    n = %d
                    pad = %d
                    masks = annotate(List[Tensor], [])
                    recording = torch.is_grad_enabled()
                    torch.set_grad_enabled(False)
                    h = torch.conv2d(torch.unsqueeze(torch.transpose(x, 1, 2), 2), w0, b0)
                    for i in range(n):
                      r = torch.relu(h)
                      u = torch.conv2d(r, ws[1 + 2 * i], bs[1 + 2 * i], [1, 1], [0, pad])
                      ru = torch.relu(u)
                      masks.append(torch.sign(r))
                      masks.append(torch.sign(ru))
                      if i < n - 1:
                        h = torch.add(h, torch.conv2d(ru, ws[2 + 2 * i], bs[2 + 2 * i], [1, 1], [0, pad]))
                    torch.set_grad_enabled(recording)
                    t = torch.size(x, 1)
                    d = torch.size(w0, 0)
                    g = torch.permute(torch.reshape(wout, [1, 1, t, d]), [0, 3, 1, 2])
                    for j in range(n):
                      i = n - 1 - j
                      gv = torch.conv_transpose2d(g, ws[2 + 2 * i], None, [1, 1], [0, pad])
                      gu = torch.conv_transpose2d(torch.mul(gv, masks[2 * i + 1]), ws[1 + 2 * i], None, [1, 1], [0, pad])
                      g = torch.add(g, torch.mul(gu, masks[2 * i]))
                    gx = torch.conv_transpose2d(g, w0)
                    return torch.expand(torch.transpose(torch.squeeze(gx, 2), 1, 2), [torch.size(x, 0), t, torch.size(x, 2)])
                """.formatted(args, ws, bs, blocks, Architecture.KERNEL / 2);
    }
}
