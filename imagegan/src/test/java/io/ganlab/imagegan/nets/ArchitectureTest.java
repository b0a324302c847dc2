package io.ganlab.imagegan.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import java.util.stream.Stream;

/** Every registered architecture at a small width: shapes, output range, double backprop through the critic. */
class ArchitectureTest {
    private NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void close() {
        m.close();
    }

    /** A small width each architecture allows. */
    static int smallWidth(ImageArchitecture a) {
        return 4;
    }

    static Stream<String> names() {
        return ImageArchitecture.NAMES.stream();
    }

    private NDList generate(ImageArchitecture a, Block g, double zScale) {
        NDArray z = Nets.random(m, new Shape(2, a.latent()), 5).mul(zScale).toType(DataType.FLOAT32, false);
        g.initialize(m, DataType.FLOAT32, z.getShape());
        if (a.conditional()) {
            return Nets.forward(g, true, z, m.create(new int[] {3, 7}));
        }
        return Nets.forward(g, true, z);
    }

    /** A batch of 2 noise vectors gives 2 images of the architecture's size, with values in the output's range. */
    @ParameterizedTest
    @MethodSource("names")
    void generatorShapeAndRange(String name) {
        ImageArchitecture a = ImageArchitecture.named(name);
        NDArray img = generate(a, a.generator(smallWidth(a)), 30).head();
        assertEquals(a.imageShape(2), img.getShape());
        double[] v = Nets.values(img);
        double min = java.util.Arrays.stream(v).min().orElseThrow();
        double max = java.util.Arrays.stream(v).max().orElseThrow();
        assertTrue(java.util.Arrays.stream(v).allMatch(Double::isFinite), name);
        if (a.channels() == 1) {                                   // sigmoid
            assertTrue(min >= 0 && max <= 1, name + ": [" + min + ", " + max + "] not in [0, 1]");
        } else {                                                   // tanh: both signs appear
            assertTrue(min >= -1 && max <= 1 && min < 0 && max > 0, name + ": [" + min + ", " + max + "]");
        }
    }

    /** The critic scores each of 2 images once; an AC-GAN critic also gives class logits. */
    @ParameterizedTest
    @MethodSource("names")
    void criticShapes(String name) {
        ImageArchitecture a = ImageArchitecture.named(name);
        Block d = a.critic(smallWidth(a), CriticNorm.NONE);
        d.initialize(m, DataType.FLOAT32, a.imageShape(2));
        NDList out = Nets.forward(d, true, m.randomUniform(-1, 1, a.imageShape(2)));
        assertEquals(new Shape(2), out.head().getShape());
        if (a.conditional()) {
            assertEquals(2, out.size());
            assertEquals(new Shape(2, a.classes()), out.get(1).getShape());
        } else {
            assertEquals(1, out.size());
        }
    }

    static Stream<Arguments> criticsAndNorms() {
        return ImageArchitecture.NAMES.stream().flatMap(n -> Stream.of(Arguments.of(n, CriticNorm.NONE),
                Arguments.of(n, CriticNorm.LAYER)));
    }

    /**
     * The gradient penalty's double backprop works through each critic, without and with layer norm: finite, and
     * equal to finite differences of the penalty on a first-layer weight and on a normalisation scale.
     */
    @ParameterizedTest
    @MethodSource("criticsAndNorms")
    void criticIsTwiceDifferentiable(String name, CriticNorm norm) {
        ImageArchitecture a = ImageArchitecture.named(name);
        Block d = a.critic(smallWidth(a), norm);
        d.initialize(m, DataType.FLOAT64, a.imageShape(2));
        Nets.randomize(d, 17, 0.5);
        CriticGradients check = new CriticGradients(d, new ParameterStore(m, false));
        NDArray x = Nets.random(m, a.imageShape(2), 3);
        Parameter first = null;
        Parameter normScale = null;
        for (Pair<String, Parameter> p : d.getParameters()) {
            if (first == null && p.getValue().getType() == Parameter.Type.WEIGHT) {
                first = p.getValue();
            }
            if (normScale == null && p.getValue().getType() == Parameter.Type.GAMMA) {
                normScale = p.getValue();
            }
        }
        check.check(x, first, 3, 7);
        if (norm == CriticNorm.LAYER) {
            assertTrue(normScale != null, name + " has a normalisation slot");
            check.check(x, normScale, 1, 11);
        } else {
            assertEquals(null, normScale, name + " without normalisation has no scale");
        }
    }

    /** Batch norm with a gradient penalty is refused with the rule in the message; without, it is allowed. */
    @Test
    void batchNormWithPenaltyIsRefused() {
        ArchitectureException e = assertThrows(ArchitectureException.class,
                () -> ImageArchitecture.checkCriticNorm(CriticNorm.BATCH, true));
        assertTrue(e.getMessage().contains("layer normalisation where the architecture has batch norm"),
                e.getMessage());
        ImageArchitecture.checkCriticNorm(CriticNorm.BATCH, false);
        ImageArchitecture.checkCriticNorm(CriticNorm.LAYER, true);
        assertFalse(ImageArchitecture.ALL.stream().anyMatch(a -> a.defaultCriticNorm(true) == CriticNorm.BATCH),
                "no reference default puts batch norm in a penalised critic");
    }

    /** A width the networks cannot halve is a one-line error naming the architecture. */
    // a generator with batch norm samples in whole batches (its norms use the batch's statistics, as the
    // reference's); those without do not: MNIST's (gan_mnist.py has batch norm only in its 'wgan' mode), and the
    // 64x64 ones without normalisation and the MLP (gan_64x64.py's FCGenerator)
    @Test
    void generatorsWithBatchNormSampleInWholeBatches() {
        for (String name : ImageArchitecture.NAMES) {
            boolean withoutNorm = java.util.Set.of("mnist-dcgan", "lsun-g-nobn-constant", "lsun-no-norm", "lsun-g-mlp")
                    .contains(name);
            assertEquals(!withoutNorm, io.ganlab.core.BatchDependentSampling.of(
                    ImageArchitecture.named(name).generator(16)), name);
        }
    }

    @Test
    void oddWidthIsRefused() {
        ArchitectureException e = assertThrows(ArchitectureException.class,
                () -> ImageArchitecture.named("lsun-resnet101").generator(6));
        assertTrue(e.getMessage().contains("lsun-resnet101") && e.getMessage().contains("6"), e.getMessage());
    }

    /** An unknown name is one line listing the choices. */
    @Test
    void unknownNameListsChoices() {
        ArchitectureException e = assertThrows(ArchitectureException.class, () -> ImageArchitecture.named("vgg"));
        assertTrue(e.getMessage().contains("'vgg'") && e.getMessage().contains("cifar-resnet-acgan")
                && !e.getMessage().contains("\n"), e.getMessage());
    }
}
