package io.ganlab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An archive with a sub-module and a weight tensor, written here, loads in libtorch and computes what it says. */
class TorchScriptArchiveTest {
    @TempDir
    Path tmp;

    /** The code torch 1.13 prints for a module holding a Linear-like child without bias. */
    static final String CODE = """
            class M(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              output : __torch__.Out
              def forward(self: __torch__.M,
                x: Tensor,
                double_it: bool=False) -> Tensor:
                output = self.output
                y = (output).forward(x, )
                if double_it:
                  _0 = torch.mul(y, 2)
                else:
                  _0 = y
                return _0
            class Out(Module):
              __parameters__ = ["weight", ]
              __buffers__ = []
              weight : Tensor
              training : bool
              def forward(self: __torch__.Out,
                x: Tensor) -> Tensor:
                weight = self.weight
                return torch.linear(x, weight)
            """;

    // y = x W^T with W = [[0, 1, 2], [3, 4, 5]] by hand: x = (1, 2, 3) gives (8, 26); the named parameter reads back
    @Test
    void moduleWithWeightsLoadsAndRuns() throws IOException {
        TorchScriptArchive.Module root = TorchScriptArchive.Module.of("M", "output", TorchScriptArchive.Module.of(
                "Out", "weight", new TorchScriptArchive.Tensor(new float[] {0, 1, 2, 3, 4, 5}, 2, 3)));
        Path file = Files.write(tmp.resolve("m.pt"), TorchScriptArchive.write("m", CODE, root));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            PtSymbolBlock b = JniUtils.loadModule((PtNDManager) m, file, true, new String[0], new String[0], false);
            NDArray w = b.getDirectParameters().get("output.weight").getArray();
            assertEquals(new Shape(2, 3), w.getShape());
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, w.toFloatArray());
            NDArray x = m.create(new float[] {1, 2, 3, -1, 0, 1}, new Shape(2, 3));
            NDList plain = b.forward(new ai.djl.training.ParameterStore(m, false), new NDList(x), false);
            assertArrayEquals(new float[] {8, 26, 2, 2}, plain.singletonOrThrow().toFloatArray());
            try (IValue in = IValue.from((PtNDArray) x); IValue flag = IValue.from(true);
                 IValue out = b.forward(in, flag)) {
                assertArrayEquals(new float[] {16, 52, 4, 4}, out.toTensor((PtNDManager) m).toFloatArray());
            }
        }
    }
}
