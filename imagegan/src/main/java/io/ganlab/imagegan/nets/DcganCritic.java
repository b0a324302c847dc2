package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code Discriminator} of {@code gan_cifar.py} (C = 3, 32×32, DIM 128) and of {@code gan_mnist.py} (C = 1, 28×28,
 * DIM 64), the same network:
 * {@code x (B, C, S, S) → Conv5/2 → LReLU → (B, DIM, S/2, S/2) → Conv5/2 → [norm] → LReLU → (B, 2·DIM, S/4, S/4) →
 * Conv5/2 → [norm] → LReLU → (B, 4·DIM, 4, 4) → flatten → Linear → (B)} (SAME padding, sizes rounded up: 28 → 14 →
 * 7 → 4), leaky slope 0.2. {@code gan_cifar.py} puts batch norm in the two slots for every {@code MODE} but
 * {@code 'wgan-gp'}; {@code gan_mnist.py} only for {@code MODE = 'wgan'}; with a gradient penalty neither has any.
 */
public final class DcganCritic extends ImageNetwork {
    private final int dim;
    private final Block conv1;
    private final Block conv2;
    private final Block norm2;
    private final Block conv3;
    private final Block norm3;
    private final Block output;

    /** @param channels of the input images: 3 for CIFAR-10, 1 for MNIST */
    public DcganCritic(int channels, int dim, CriticNorm norm) {
        this.dim = dim;
        conv1 = addChildBlock("conv1", Conv.he(channels, dim, 5, 2));
        conv2 = addChildBlock("conv2", Conv.he(dim, 2 * dim, 5, 2));
        norm2 = optional("norm2", norm.create(2 * dim));
        conv3 = addChildBlock("conv3", Conv.he(2 * dim, 4 * dim, 5, 2));
        norm3 = optional("norm3", norm.create(4 * dim));
        output = addChildBlock("output", Dense.glorot(4 * 4 * 4 * dim, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();                                             // (B, C, S, S)
        NDArray h = Resample.leakyRelu(apply(ps, conv1, x, training));         // (B, DIM, S/2, S/2)
        h = Resample.leakyRelu(apply(ps, norm2, apply(ps, conv2, h, training), training)); // (B, 2·DIM, S/4, S/4)
        h = Resample.leakyRelu(apply(ps, norm3, apply(ps, conv3, h, training), training)); // (B, 4·DIM, 4, 4)
        h = h.reshape(-1, 4 * 4 * 4 * dim);                                    // (B, 4·4·4·DIM), channel-major
        return new NDList(apply(ps, output, h, training).reshape(-1));         // (B)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0))};
    }
}
