package io.ganlab.imagegan.features;

import io.ganlab.core.TorchScriptArchive;
import io.ganlab.core.TorchScriptArchive.Module;
import io.ganlab.core.TorchScriptArchive.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Tiny TorchScript models written by the tests themselves (in the archive format of torch 1.13's
 * {@code torch.jit.save}), whose outputs the tests compute independently by brute force.
 */
final class FakeNetworks {
    private FakeNetworks() {}

    /** Weights of a linear map {@code (rows, cols)}, seeded, uniform in {@code (-scale, scale)}. */
    static float[] weights(int rows, int cols, double scale, long seed) {
        Random r = new Random(seed);
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return w;
    }

    /**
     * A linear model on the flattened input: {@code features = flatten(x) proj^T} ({@code (N, d)}),
     * {@code logits = features head^T} ({@code (N, k)}); forward returns {@code (logits, features)} when
     * {@code both}, else the logits only.
     */
    static Path linear(Path file, int inputSize, float[] proj, int d, float[] head, int k, boolean both)
            throws IOException {
        String code = """
                class Linear(Module):
                  __parameters__ = ["proj", "head", ]
                  __buffers__ = []
                  proj : Tensor
                  head : Tensor
                  training : bool
                  def forward(self: __torch__.Linear,
                    x: Tensor) -> %s:
                    f = torch.linear(torch.flatten(x, 1), self.proj)
                    logits = torch.linear(f, self.head)
                    return %s
                """.formatted(both ? "Tuple[Tensor, Tensor]" : "Tensor", both ? "(logits, f)" : "logits");
        Module root = Module.of("Linear", "proj", new Tensor(proj, d, inputSize), "head", new Tensor(head, k, d));
        return Files.write(file, TorchScriptArchive.write("linear", code, root));
    }

    /** How a fake Inception deviates from the real calling convention. */
    enum Flaw { NONE, IGNORES_NO_OUTPUT_BIAS, IGNORES_RETURN_FEATURES }

    /**
     * An Inception-shaped fake with the real network's forward signature
     * {@code forward(img, return_features, use_fp16, no_output_bias)}: it scales {@code (x - 128) / 128} like the
     * real one, averages each channel over the image (any size), maps the 3 means to {@code classes x 0 + 2048}
     * features by {@code proj (2048, 3)}, and returns the features, or the softmax of {@code output(features)}
     * (with the output layer's bias unless {@code no_output_bias}).
     */
    static Path inception(Path file, float[] proj, float[] weight, float[] bias, int classes, Flaw flaw)
            throws IOException {
        String features = flaw == Flaw.IGNORES_RETURN_FEATURES ? "False" : "return_features";
        String noBias = flaw == Flaw.IGNORES_NO_OUTPUT_BIAS ? "False" : "no_output_bias";
        String code = """
                class Inception(Module):
                  __parameters__ = ["proj", ]
                  __buffers__ = []
                  proj : Tensor
                  training : bool
                  output : __torch__.Output
                  def forward(self: __torch__.Inception,
                    img: Tensor,
                    return_features: bool=False,
                    use_fp16: bool=False,
                    no_output_bias: bool=False) -> Tensor:
                    x = torch.div(torch.sub(torch.to(img, 6), 128), 128)
                    m = torch.mean(x, [2, 3])
                    features = torch.linear(m, self.proj)
                    if %s:
                      _0 = features
                    else:
                      output = self.output
                      if %s:
                        logits = torch.linear(features, output.weight)
                      else:
                        logits = (output).forward(features, )
                      _0 = torch.softmax(logits, 1)
                    return _0
                class Output(Module):
                  __parameters__ = ["weight", "bias", ]
                  __buffers__ = []
                  weight : Tensor
                  bias : Tensor
                  training : bool
                  def forward(self: __torch__.Output,
                    x: Tensor) -> Tensor:
                    return torch.linear(x, self.weight, self.bias)
                """.formatted(features, noBias);
        Module root = Module.of("Inception", "proj", new Tensor(proj, InceptionFeatures.FEATURES, 3), "output",
                Module.of("Output", "weight", new Tensor(weight, classes, InceptionFeatures.FEATURES), "bias",
                        new Tensor(bias, classes)));
        return Files.write(file, TorchScriptArchive.write("inception", code, root));
    }
}
