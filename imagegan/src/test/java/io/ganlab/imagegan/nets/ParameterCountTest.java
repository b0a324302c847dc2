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
}
