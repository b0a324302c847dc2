package io.ganlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import io.ganlab.core.Precision;
import io.ganlab.imagegan.nets.ImageArchitecture;
import io.ganlab.textgan.Architecture;
import io.ganlab.textgan.GeneratorNorm;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** bf16 training steps: FP32 masters that move to finite values, and terms close to FP32's on the same weights. */
class Bf16StepsTest {
    // every generator norm of the language GAN: a bf16 critic and generator step leave FP32, finite, moved weights
    @ParameterizedTest
    @EnumSource(GeneratorNorm.class)
    void textStepsKeepFp32Masters(GeneratorNorm norm) {
        Architecture arch = new Architecture(8, 5, 16, 128, 5, norm);
        try (SessionSteps steps = SessionSteps.text(arch, 4, 1L, Precision.BF16)) {
            assertStepsTrainBoth(steps);
        }
    }

    // each image architecture (the conditional one needs labels the step bench does not draw) takes a bf16 critic
    // and generator step: FP32, finite, moved weights
    @ParameterizedTest
    @ValueSource(strings = {"mnist-dcgan", "cifar-dcgan", "cifar-resnet", "lsun-dcgan", "lsun-g-nobn-constant",
            "lsun-g-mlp", "lsun-no-norm", "lsun-gated", "lsun-tanh", "lsun-resnet"})
    void imageStepsKeepFp32Masters(String name) {
        try (SessionSteps steps = SessionSteps.image(ImageArchitecture.named(name), 16, 4, 1L, Precision.BF16)) {
            assertStepsTrainBoth(steps);
        }
    }

    // from the same weights and batches, bf16's penalty and gradient norm stay within a few
    // bf16 roundings (8 significant bits: 2^-8 = 3.9e-3 per operation) of FP32's; the FP32 run is the reference
    @Test
    void bf16TermsAreCloseToFp32() {
        List<Bf16Accuracy.Errors> errors = Bf16Accuracy.measure(new Architecture(16, 20, 32, 128, 5,
                GeneratorNorm.NONE), 16, 3L, 4);
        assertEquals(List.of("penalty", "mean gradient norm", "Wasserstein term", "critic loss"), errors.stream().map(Bf16Accuracy.Errors::name).toList());
        for (Bf16Accuracy.Errors e : errors) {
            // a loss near zero (the Wasserstein term of an untrained critic) has a large relative error by nature
            double bound = e.name().equals("Wasserstein term") || e.name().equals("critic loss") ? 1.0 : 0.05;
            assertTrue(e.max() < bound, e.toString());
            assertTrue(e.max() > 0, "bf16 gave FP32's figures exactly: no bf16 arithmetic ran (" + e + ")");
        }
    }

    /** A critic and a generator step leave each network's weights FP32, finite and moved. */
    private static void assertStepsTrainBoth(SessionSteps steps) {
        float[][] d0 = values(steps.criticParameters());
        float[][] g0 = values(steps.generatorParameters());
        steps.criticStep(0);
        steps.generatorStep(0);
        assertMovedFinite(d0, steps.criticParameters());
        assertMovedFinite(g0, steps.generatorParameters());
    }

    private static void assertMovedFinite(float[][] before, List<Parameter> after) {
        boolean moved = false;
        for (int i = 0; i < before.length; i++) {
            Parameter p = after.get(i);
            assertEquals(DataType.FLOAT32, p.getArray().getDataType(), p.getName());
            float[] a = p.getArray().toFloatArray();
            for (float x : a) {
                assertTrue(Float.isFinite(x), p.getName() + " has " + x);
            }
            moved |= !Arrays.equals(before[i], a);
        }
        assertFalse(!moved, "no weight moved");
    }

    private static float[][] values(List<Parameter> params) {
        float[][] out = new float[params.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = params.get(i).getArray().toFloatArray();
        }
        return out;
    }
}
