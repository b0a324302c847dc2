package io.ganlab.imagegan.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Full-size networks hold exactly the reference's trainable variables (no forward pass needed). */
class ParameterCountTest {
    private NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void close() {
        m.close();
    }

    private long count(Block b, Shape input) {
        b.initialize(m, DataType.FLOAT32, input);
        return Nets.trainable(b);
    }

    private long generator(String arch) {
        ImageArchitecture a = ImageArchitecture.named(arch);
        return count(a.generator(), new Shape(1, a.latent()));
    }

    private long critic(String arch, CriticNorm norm) {
        ImageArchitecture a = ImageArchitecture.named(arch);
        return count(a.critic(norm), a.imageShape(1));
    }

    private static void report(String what, long n) {
        System.out.printf("parameters %-32s %,d%n", what, n);
    }

    /** gan_mnist.py at DIM 64. */
    @Test
    void mnist() {
        long g = ReferenceShapes.mnistGenerator(64).total();
        long d = ReferenceShapes.mnistCritic(64).total();
        assertEquals(g, generator("mnist-dcgan"));
        assertEquals(d, critic("mnist-dcgan", CriticNorm.NONE));
        report("mnist-dcgan G", g);
        report("mnist-dcgan D", d);
    }

    /** gan_cifar.py at DIM 128; batch norm in the critic for the objectives without a penalty. */
    @Test
    void cifarDcgan() {
        long g = ReferenceShapes.cifarDcganGenerator(128).total();
        assertEquals(g, generator("cifar-dcgan"));
        assertEquals(ReferenceShapes.cifarDcganCritic(128, false).total(), critic("cifar-dcgan", CriticNorm.NONE));
        assertEquals(ReferenceShapes.cifarDcganCritic(128, true).total(), critic("cifar-dcgan", CriticNorm.BATCH));
        report("cifar-dcgan G", g);
        report("cifar-dcgan D", ReferenceShapes.cifarDcganCritic(128, false).total());
    }

    /** gan_cifar_resnet.py at DIM_G = DIM_D = 128, unconditional and AC-GAN, critic without and with layer norm. */
    @Test
    void cifarResnet() {
        assertEquals(ReferenceShapes.cifarResnetGenerator(128, 0).total(), generator("cifar-resnet"));
        assertEquals(ReferenceShapes.cifarResnetGenerator(128, 10).total(), generator("cifar-resnet-acgan"));
        assertEquals(ReferenceShapes.cifarResnetCritic(128, 0, false).total(), critic("cifar-resnet", CriticNorm.NONE));
        assertEquals(ReferenceShapes.cifarResnetCritic(128, 10, false).total(),
                critic("cifar-resnet-acgan", CriticNorm.NONE));
        assertEquals(ReferenceShapes.cifarResnetCritic(128, 0, true).total(),
                critic("cifar-resnet", CriticNorm.LAYER));
        report("cifar-resnet G", ReferenceShapes.cifarResnetGenerator(128, 0).total());
        report("cifar-resnet D", ReferenceShapes.cifarResnetCritic(128, 0, false).total());
        report("cifar-resnet-acgan G", ReferenceShapes.cifarResnetGenerator(128, 10).total());
        report("cifar-resnet-acgan D", ReferenceShapes.cifarResnetCritic(128, 10, false).total());
        report("cifar-resnet D layer norm", ReferenceShapes.cifarResnetCritic(128, 0, true).total());
    }
    private void both(String arch, long g, long d, CriticNorm norm) {
        assertEquals(g, generator(arch), arch + " generator");
        assertEquals(d, critic(arch, norm), arch + " critic (" + norm.label() + ")");
        report(arch + " G", g);
        report(arch + " D (" + norm.label() + ")", d);
    }

    /** gan_64x64.py at DIM 64, each critic with the layer norm WGAN-GP gives it where the architecture normalises. */
    @Test
    void lsun() {
        both("lsun-dcgan", ReferenceShapes.dcgan64Generator(64, true).total(),
                ReferenceShapes.dcgan64Critic(64, true).total(), CriticNorm.LAYER);
        both("lsun-g-nobn-constant", ReferenceShapes.constantFilterGenerator(64).total(),
                ReferenceShapes.dcgan64Critic(64, true).total(), CriticNorm.LAYER);
        both("lsun-g-mlp", ReferenceShapes.mlpGenerator(512).total(),
                ReferenceShapes.dcgan64Critic(64, true).total(), CriticNorm.LAYER);
        both("lsun-no-norm", ReferenceShapes.dcgan64Generator(64, false).total(),
                ReferenceShapes.dcgan64Critic(64, false).total(), CriticNorm.NONE);
        both("lsun-gated", ReferenceShapes.gatedGenerator(64).total(),
                ReferenceShapes.gatedCritic(64).total(), CriticNorm.LAYER);
        both("lsun-tanh", ReferenceShapes.dcgan64Generator(64, true).total(),
                ReferenceShapes.dcgan64Critic(64, true).total(), CriticNorm.LAYER);
        both("lsun-resnet101", ReferenceShapes.resnet101Generator(64).total(),
                ReferenceShapes.resnet101Critic(64).total(), CriticNorm.LAYER);
        both("lsun-resnet", ReferenceShapes.resnet64Generator(64).total(),
                ReferenceShapes.resnet64Critic(64, true).total(), CriticNorm.LAYER);
        assertEquals(ReferenceShapes.resnet64Critic(64, false).total(), critic("lsun-resnet", CriticNorm.NONE));
    }

    /** The 101-layer ResNets have 101 weight layers each: 33 blocks of 3 convolutions, plus input and output. */
    @Test
    void resnet101HasOneHundredAndOneLayers() {
        ImageArchitecture a = ImageArchitecture.named("lsun-resnet101");
        for (Block b : new Block[] {a.generator(8), a.critic(8, CriticNorm.NONE)}) {
            b.initialize(m, DataType.FLOAT32, new Shape(1, 1));
            long weights = b.getParameters().stream().filter(p -> p.getValue().getType()
                    == ai.djl.nn.Parameter.Type.WEIGHT && !p.getKey().contains("shortcut")).count();
            assertEquals(101, weights, b.getClass().getSimpleName());
        }
    }
}
