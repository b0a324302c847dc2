package io.ganlab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.util.PairList;
import org.junit.jupiter.api.Test;

class PenaltyForwardTest {
    private static final float[] X = {-2.5f, -1e-30f, -0f, 0f, 1e-30f, 0.75f, 3f, Float.NaN, Float.NEGATIVE_INFINITY,
        Float.POSITIVE_INFINITY};

    // the marked ReLU has libtorch's relu values and first derivative at every finite x (0 at x = 0) and at +∞
    @Test
    void markedReluIsRelu() {
        float[][] values = new float[2][];
        float[][] grads = new float[2][];
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            for (int marked = 0; marked < 2; marked++) {
                NDArray x = m.create(X, new Shape(X.length));
                x.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = marked == 1 ? PenaltyForward.relu(x, PenaltyForward.params()) : Activation.relu(x);
                    values[marked] = y.toFloatArray();
                    gc.backward(y.mul(m.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, new Shape(X.length)))
                            .sum());
                }
                grads[marked] = x.getGradient().toFloatArray();
            }
        }
        float[] relu = {0, 0, 0, 0, 1e-30f, 0.75f, 3, Float.NaN, 0, Float.POSITIVE_INFINITY};
        float[] reluGrad = {0, 0, 0, 0, 5, 6, 7, 8, 0, 10};
        assertArrayEquals(reluGrad, grads[0], "libtorch's relu'");
        for (int i = 0; i < X.length; i++) {
            // equal as numbers: the marked form may give −0 for negative x
            assertTrue(values[0][i] == relu[i] || Float.isNaN(values[0][i]) && Float.isNaN(relu[i]),
                    "libtorch's relu(" + X[i] + ") = " + values[0][i]);
            if (Float.isNaN(X[i]) || X[i] == Float.NEGATIVE_INFINITY) {
                // a non-finite activation other than +∞ stays non-finite, so the step is counted non-finite
                assertTrue(Float.isNaN(values[1][i]), "marked relu(" + X[i] + ") = " + values[1][i]);
            } else {
                assertTrue(values[1][i] == relu[i], "marked relu(" + X[i] + ") = " + values[1][i]);
                assertTrue(grads[1][i] == reluGrad[i], "marked relu'(" + X[i] + ") = " + grads[1][i]);
            }
        }
    }

    @Test
    void onlyTheMarkSwitches() {
        assertTrue(PenaltyForward.marked(PenaltyForward.params()));
        assertFalse(PenaltyForward.marked(null));
        assertFalse(PenaltyForward.marked(new PairList<>()));
        PairList<String, Object> other = new PairList<>();
        other.add("something", Boolean.TRUE);
        assertFalse(PenaltyForward.marked(other));
    }
}
